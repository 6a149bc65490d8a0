/**
 * Puts one planned error into a generated row, so that the row causes that issue and no
 * other: value errors are proven with {@link rowChecker}; structural errors are built so the
 * tokenizer rejects exactly that line and re-synchronises on the next one.
 */
import type { DatePattern } from '../../shared/report';
import { booleanSpellings, documentedSpellings } from '../precheck/booleans';
import { csvField, csvLine } from './csvText';
import { dayToIso, parseIsoDay } from './dates';
import type { PatientPool } from './ids';
import type { TableModel } from './model';
import type { InjectedCode, PlannedError } from './errorPlan';
import {
  MISSING_CODES,
  scientific,
  withDecimalComma,
  withThousands,
  writeDate,
  zerosLost,
} from './patterns';
import type { Rng } from './random';
import { shuffle } from './random';
import type { RowIssue } from './rules';
import type { GeneratedRow } from './values';

/** What an injected row looks like in the file, and what the answer key says about it. */
export interface Injection {
  /** The record's text, without its line end. */
  line: string;
  code: InjectedCode;
  /** The variable at fault; null for structural codes. */
  column: string | null;
}

export interface InjectContext {
  model: TableModel;
  check: (row: readonly string[]) => RowIssue[];
  pool: PatientPool;
  rng: Rng;
  /** The table's one date pattern for `date-pattern`. */
  datePattern: DatePattern;
}

// None of these is a missing-value code, a date pattern or another locale's number: those
// have codes of their own.
const BAD_TEXT: Record<'year' | 'integer' | 'number', readonly string[]> = {
  year: ['19x0', '198O', '85', '2O10', '1,990'],
  integer: ['12x', '1.5', 'ten', '1/2'],
  number: ['1.2.3', '12k', '--1', 'x7', '1..5'],
};
const BAD_DATES = [
  '2021-02-30',
  '2019-13-01',
  '2020-6-5',
  '2018-11-31',
  '12-Jan-2020',
  '2021/02/03',
];
const BAD_ENUM = ['Martian', 'Unknwn', 'Other race', 'Zebra'];
const BAD_BOOLEAN = ['Maybe', 'Sometimes', '2', 'Yess'];
const EXTRA_FIELD = ['extra', '1', 'N/A', 'see note'];

/** Codes the row checker cannot see (they compare with other rows or the patient table). */
const CROSS_ROW: ReadonlySet<InjectedCode> = new Set([
  'duplicate-id',
  'unknown-patient-id',
  'id-leading-zeros-lost',
  'id-whitespace',
]);

/** A change to a copy of the row: returns the column it broke, or null when not applicable. */
type Mutation = (row: string[], full: readonly string[], i: number) => boolean;

/**
 * Inject `planned` into `g`. Falls back to emptying a required non-ID value when the planned
 * code cannot be made the row's only issue; null when nothing works (the row stays valid).
 */
export function injectError(
  ctx: InjectContext,
  planned: PlannedError,
  g: GeneratedRow,
): Injection | null {
  return (
    tryCode(ctx, planned, g, false) ?? tryCode(ctx, { code: 'required', dupOf: null }, g, true)
  );
}

function tryCode(
  ctx: InjectContext,
  planned: PlannedError,
  g: GeneratedRow,
  keepId: boolean,
): Injection | null {
  const { model, rng } = ctx;
  const id = model.idIndex;
  switch (planned.code) {
    case 'ragged-row':
      return {
        line: `${csvLine(g.row)},${rng.pick(EXTRA_FIELD)}`,
        code: planned.code,
        column: null,
      };
    case 'unclosed-quote':
      return unclosedQuote(ctx, g.row);
    case 'stray-quote':
      return strayQuote(ctx, g.row);
    case 'duplicate-id':
      if (id === null || planned.dupOf === null) return null;
      return mutate(ctx, planned.code, g, [id], (r) => {
        r[id] = ctx.pool.id(planned.dupOf!);
        return true;
      });
    case 'unknown-patient-id':
      if (id === null) return null;
      // Pool IDs start with P: a ZZ ID can never be a known patient.
      return mutate(ctx, planned.code, g, [id], (r) => {
        r[id] = `ZZ${String(rng.int(0, 999999)).padStart(6, '0')}`;
        return true;
      });
    case 'required':
      return mutate(
        ctx,
        planned.code,
        g,
        columns(model, (v, i) => !v.optional && !v.requiredWhen?.length && !(keepId && i === id)),
        (r, _f, i) => {
          r[i] = '';
          return true;
        },
      );
    case 'type':
      return mutate(
        ctx,
        planned.code,
        g,
        columns(model, (v) => v.type === 'year' || v.type === 'integer' || v.type === 'number'),
        (r, _f, i) => {
          const t = model.variables[i]!.type as 'year' | 'integer' | 'number';
          r[i] = rng.pick(BAD_TEXT[t]);
          return true;
        },
      );
    case 'date-format':
      return mutate(
        ctx,
        planned.code,
        g,
        columns(model, (v) => v.type === 'date'),
        (r, _f, i) => {
          r[i] = rng.pick(BAD_DATES);
          return true;
        },
      );
    case 'allowed-values':
      return mutate(
        ctx,
        planned.code,
        g,
        columns(model, (v) => v.type === 'enum' || v.type === 'boolean'),
        (r, _f, i) => {
          r[i] = rng.pick(model.variables[i]!.type === 'boolean' ? BAD_BOOLEAN : BAD_ENUM);
          return true;
        },
      );
    case 'range':
      return mutate(
        ctx,
        planned.code,
        g,
        columns(model, (v) => v.range !== undefined && v.type !== 'date'),
        (r, _f, i) => {
          const bad = outOfRange(ctx, i);
          if (bad === null) return false;
          r[i] = bad;
          return true;
        },
      );
    case 'required-when':
      return mutate(
        ctx,
        planned.code,
        g,
        columns(model, (v) => !!v.requiredWhen?.some((c) => c.is === 'present')),
        (r, f, i) => {
          const cond = model.variables[i]!.requiredWhen!.find((c) => c.is === 'present')!;
          const j = model.index.get(cond.column);
          if (j === undefined) return false;
          // Bring in the condition's value (a death date) from the full row: it is consistent.
          if (r[j] === '') r[j] = f[j]!;
          r[i] = '';
          return true;
        },
      );
    case 'date-order':
      return mutate(
        ctx,
        planned.code,
        g,
        columns(model, (v) => v.type === 'date' && !!v.notBefore?.length),
        (r, f, i) => {
          const j = model.index.get(model.variables[i]!.notBefore![0]!.column);
          if (j === undefined) return false;
          if (r[j] === '') r[j] = f[j]!;
          const earlier = parseIsoDay(r[j]!);
          if (earlier === null) return false;
          r[i] = dayToIso(earlier - rng.int(1, 400));
          return true;
        },
      );
    default:
      return toolFingerprint(ctx, planned.code, g);
  }
}

/** The codes of the tools' fingerprints (precheck's datePatterns, missingCodes, …). */
function toolFingerprint(
  ctx: InjectContext,
  code: InjectedCode,
  g: GeneratedRow,
): Injection | null {
  const { model, rng } = ctx;
  const id = model.idIndex;
  const idChange = (f: (id: string) => string | null): Injection | null =>
    id === null
      ? null
      : mutate(ctx, code, g, [id], (r) => {
          const changed = r[id] ? f(r[id]) : null;
          if (changed === null) return false;
          r[id] = changed;
          return true;
        });
  switch (code) {
    case 'missing-code':
      return mutate(
        ctx,
        code,
        g,
        columns(model, (_v, i) => i !== id),
        (r, _f, i) => {
          r[i] = rng.pick(MISSING_CODES);
          return true;
        },
      );
    case 'date-pattern':
      return mutate(
        ctx,
        code,
        g,
        columns(model, (v) => v.type === 'date'),
        (r, f, i) => {
          const day = parseIsoDay(f[i]!);
          if (day === null) return false;
          r[i] = writeDate(ctx.datePattern, day, rng);
          return true;
        },
      );
    case 'decimal-comma':
    case 'thousands-separator':
      return mutate(
        ctx,
        code,
        g,
        columns(model, (v) => v.type === 'number' || v.type === 'integer'),
        (r, f, i) => {
          const changed =
            code === 'decimal-comma' ? withDecimalComma(f[i]!) : withThousands(f[i]!, ',');
          if (changed === null) return false;
          r[i] = changed;
          return true;
        },
      );
    case 'synonym':
      return mutate(
        ctx,
        code,
        g,
        columns(model, (v) => v.type === 'boolean'),
        (r, f, i) => {
          const v = model.variables[i]!;
          const spellings = booleanSpellings(v);
          const documented = documentedSpellings(v).map((x) => x.toLowerCase());
          const kind = (['true', 'false', 'unknown'] as const).find((k) =>
            spellings[k].includes((r[i] || f[i]!).toLowerCase()),
          );
          const others = kind ? spellings[kind].filter((x) => !documented.includes(x)) : [];
          if (others.length === 0) return false;
          r[i] = rng.pick(others);
          return true;
        },
      );
    case 'id-leading-zeros-lost':
      return idChange(zerosLost);
    case 'id-whitespace':
      return idChange((v) => (rng.chance(0.5) ? ` ${v}` : `${v} `));
    case 'id-scientific-notation':
      return idChange(() => scientific(rng));
    default:
      return null;
  }
}

/** Column indexes whose variable matches. */
function columns(
  model: TableModel,
  p: (v: TableModel['variables'][number], i: number) => boolean,
): number[] {
  const out: number[] = [];
  model.variables.forEach((v, i) => {
    if (p(v, i)) out.push(i);
  });
  return out;
}

/** Tries the columns in random order; the first whose only issue is `code` there wins. */
function mutate(
  ctx: InjectContext,
  code: InjectedCode,
  g: GeneratedRow,
  candidates: number[],
  change: Mutation,
): Injection | null {
  for (const i of shuffle(ctx.rng, [...candidates])) {
    const r = [...g.row];
    if (!change(r, g.full, i)) continue;
    const issues = ctx.check(r);
    const column = ctx.model.names[i]!;
    // Cross-row codes are invisible to the row checker: the row itself must stay clean.
    const rowLevel = !CROSS_ROW.has(code);
    const ok = rowLevel
      ? issues.length === 1 && issues[0]!.code === code && issues[0]!.column === column
      : issues.length === 0;
    if (ok) return { line: csvLine(r), code, column };
  }
  return null;
}

/** A value just outside a numeric variable's range, or null when it has no usable bound. */
function outOfRange(ctx: InjectContext, i: number): string | null {
  const v = ctx.model.variables[i]!;
  const year = new Date().getFullYear();
  const min = v.range?.min === 'currentYear' ? year : v.range?.min;
  const max = v.range?.max === 'currentYear' ? year : v.range?.max;
  const rng = ctx.rng;
  const below = min !== undefined && (max === undefined || rng.chance(0.5));
  if (v.type === 'number') {
    if (below) return (min! - 0.1 - rng() * Math.max(1, Math.abs(min!))).toFixed(2);
    if (max !== undefined) return (max + 0.1 + rng() * Math.max(1, Math.abs(max))).toFixed(2);
    return null;
  }
  // year and integer: whole numbers; a year keeps its four digits (else it is a type error).
  let bad: number | null = null;
  if (below) bad = min! - rng.int(1, 60);
  else if (max !== undefined) bad = max + rng.int(1, 60);
  if (bad === null) return null;
  if (v.type === 'year' && (bad < 1000 || bad > 9999)) return null;
  return String(bad);
}

/** Columns other than the ID (so the break is in a value a person would look at). */
function valueColumns(
  ctx: InjectContext,
  row: readonly string[],
  p: (value: string) => boolean,
): number[] {
  const out: number[] = [];
  for (let i = 0; i < row.length; i++) if (i !== ctx.model.idIndex && p(row[i]!)) out.push(i);
  return out;
}

/**
 * `…,"value,rest of line` with no other quote after the opening one. The opened field runs
 * to the next quote in the file, which always opens a field whose first character is plain
 * (no generated value starts with a quote or comma), so the tokenizer sees text after a
 * closing quote, rejects the record at this line and re-reads from the next line.
 */
function unclosedQuote(ctx: InjectContext, row: readonly string[]): Injection | null {
  const plainStart = (v: string): boolean => v !== '' && !/^[",\r\n]/.test(v);
  const candidates = valueColumns(ctx, row, plainStart);
  if (candidates.length === 0) return null;
  const t = ctx.rng.pick(candidates);
  const head = t > 0 ? `${csvLine(row.slice(0, t))},` : '';
  const rest = row.slice(t).join(',').replaceAll('"', "'");
  return { line: `${head}"${rest}`, code: 'unclosed-quote', column: null };
}

/** `ab"c` in an unquoted field: a quote with plain text on both sides. */
function strayQuote(ctx: InjectContext, row: readonly string[]): Injection | null {
  const fits = (v: string): boolean => v.length >= 2 && !/[",\r\n]/.test(v);
  const candidates = valueColumns(ctx, row, fits);
  const t = candidates.length ? ctx.rng.pick(candidates) : row.length > 1 ? 1 : 0;
  const value = candidates.length ? row[t]! : 'ab c';
  const broken = `${value[0]!}"${value.slice(1)}`;
  const line = row.map((v, i) => (i === t ? broken : csvField(v))).join(',');
  return { line, code: 'stray-quote', column: null };
}
