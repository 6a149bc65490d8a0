/**
 * The row-level checks of src-main/core/precheck/checks.ts, restated over one row's raw text.
 *
 * The generator uses it to prove that an injected error causes exactly the one issue the
 * answer key lists (and tests use it to prove valid rows cause none). Keep it in step with
 * the precheck rules: same emptiness, same strict forms, same folding, the same more specific
 * cause for a cell (a missing-value code, a date pattern, a number format). Where the
 * precheck decides from the whole column (day or month first, `1,512` beside decimal commas),
 * this sees one row: the generator only injects values the column cannot change.
 */
import type { IssueCode } from '../../shared/report';
import type { Variable, VariableType } from '../definitions/schema';
import { booleanSpellings, documentedSpellings } from '../precheck/booleans';
import { ANY_CASE_MATCH, EXACT_MATCH } from '../precheck/missingCodes';
import { parseIsoDay } from './dates';
import type { TableModel } from './model';

/** One issue a row would get: its code and column. */
export interface RowIssue {
  code: IssueCode;
  column: string;
}

const YEAR_RE = /^\s*[0-9]{4}\s*$/;
const INTEGER_RE = /^\s*[+-]?[0-9]+\s*$/;
const NUMBER_RE = /^\s*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$/;

/** DuckDB's trim: spaces only. */
function trim(text: string): string {
  return text.replace(/^ +| +$/g, '');
}

/** Empty as the checks see it: nothing but spaces. */
export function isBlank(text: string): boolean {
  return trim(text) === '';
}

/** The typed value of raw text, or null when it does not fit (as `typedExpr` in sql.ts). */
export function typedValue(text: string, type: VariableType): number | null {
  switch (type) {
    case 'date':
      return parseIsoDay(text);
    case 'year':
      return YEAR_RE.test(text) ? Number(text.trim()) : null;
    case 'integer':
      return INTEGER_RE.test(text) ? Number(text.trim()) : null;
    case 'number':
      return NUMBER_RE.test(text) ? Number(text.trim()) : null;
    default:
      return null;
  }
}

function isTyped(type: VariableType): boolean {
  return type === 'date' || type === 'year' || type === 'integer' || type === 'number';
}

/** `missingCodeSql` of precheck/missingCodes.ts. */
export function isMissingCode(
  text: string,
  exact: boolean,
  accepted: ReadonlySet<string>,
): boolean {
  return (exact ? EXACT_MATCH : ANY_CASE_MATCH).includes(text) && !accepted.has(text.toLowerCase());
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function realDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/**
 * A date in one of precheck/datePatterns.ts's patterns. Slash dates with a four-digit year
 * count when either reading is a real date (the column decides which it is).
 */
export function isDatePattern(text: string): boolean {
  const t = trim(text);
  let m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) {
    const [a, b, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return realDate(y, a, b) || realDate(y, b, a);
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{2})$/.exec(t);
  if (m) return realDate(2000 + Number(m[3]), Number(m[1]), Number(m[2]));
  m = /^(\d{1,2})([A-Za-z]{3})(\d{4}|\d{2})$/.exec(t);
  if (m) {
    const mon = MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
    const y = m[3]!.length === 4 ? Number(m[3]) : 2000 + Number(m[3]);
    return mon > 0 && realDate(y, mon, Number(m[1]));
  }
  m = /^((?:1[89]|20|21)\d{2})(\d{2})(\d{2})$/.exec(t);
  if (m) return realDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if (/^\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(t))
    return parseIsoDay(t.slice(0, 10)) !== null;
  if (/^\d{5}(\.\d+)?$/.test(t)) return Number(t) >= 10000 && Number(t) <= 73050;
  return false;
}

const SPACES = "[ \u00a0\u202f'\u2019]";
const DECIMAL_COMMA = /^[+-]?[0-9]+,[0-9]+$/;
const EITHER = /^[+-]?[1-9][0-9]{0,2},[0-9]{3}$/;
const GROUPED_INTEGER = [
  /^[+-]?[1-9][0-9]{0,2}(,[0-9]{3})+$/,
  new RegExp(`^[+-]?[1-9][0-9]{0,2}(${SPACES}[0-9]{3})+$`),
  /^[+-]?[1-9][0-9]{0,2}([.][0-9]{3}){2,}$/,
];
const GROUPED_NUMBER = [
  /^[+-]?[1-9][0-9]{0,2}(,[0-9]{3})+([.][0-9]+)?$/,
  new RegExp(`^[+-]?[1-9][0-9]{0,2}(${SPACES}[0-9]{3})+([.,][0-9]+)?$`),
  /^[+-]?[1-9][0-9]{0,2}(([.][0-9]{3}){2,}|([.][0-9]{3})+,[0-9]+)$/,
];

/**
 * The number-format finding of precheck/numberFormats.ts for one value, read as if the
 * column had no other decimal commas (`1,512` is then a thousands separator).
 */
export function numberFormatOf(
  text: string,
  type: VariableType,
): 'decimal-comma' | 'thousands-separator' | null {
  const t = trim(text);
  if (type === 'integer')
    return GROUPED_INTEGER.some((r) => r.test(t)) ? 'thousands-separator' : null;
  if (type !== 'number') return null;
  if (DECIMAL_COMMA.test(t) && !EITHER.test(t)) return 'decimal-comma';
  return GROUPED_NUMBER.some((r) => r.test(t)) ? 'thousands-separator' : null;
}

/** `scientificSql` of precheck/crossTable.ts. */
export function isScientific(text: string): boolean {
  return Buffer.byteLength(text) <= 16 && /^[0-9](\.[0-9]+)?[eE][+-][0-9]{1,3}$/.test(text);
}

/** What the precheck knows of a boolean variable's spellings. */
interface BooleanWords {
  accepted: Set<string>;
  documented: string[];
  documentedFolded: Set<string>;
}

function booleanWords(v: Variable): BooleanWords {
  const sp = booleanSpellings(v);
  const documented = documentedSpellings(v);
  const accepted = new Set(
    [...(v.values ?? []), ...sp.true, ...sp.false, ...sp.unknown].map((x) =>
      x.trim().toLowerCase(),
    ),
  );
  return {
    accepted,
    documented,
    documentedFolded: new Set(documented.map((x) => x.trim().toLowerCase())),
  };
}

/** A checker for rows of one table: every row-level issue the precheck would report. */
export function rowChecker(
  model: TableModel,
  today = Math.floor(Date.now() / 86_400_000),
): (row: readonly string[]) => RowIssue[] {
  const year = new Date().getFullYear();
  const col = (name: string): number => model.index.get(name) ?? -1;
  const booleans = model.variables.map((v) => (v.type === 'boolean' ? booleanWords(v) : null));
  const accepted = model.variables.map(
    (v, i) => booleans[i]?.accepted ?? new Set((v.values ?? []).map((x) => x.trim().toLowerCase())),
  );
  return (row) => {
    const out: RowIssue[] = [];
    const value = (i: number): string => row[i] ?? '';
    model.variables.forEach((v, i) => {
      const raw = value(i);
      const blank = isBlank(raw);
      const add = (code: IssueCode): void => {
        out.push({ code, column: v.name });
      };
      const typed = isTyped(v.type) && !blank ? typedValue(raw, v.type) : null;
      const coded =
        !blank &&
        isMissingCode(raw, v.type === 'string', isTyped(v.type) ? new Set() : accepted[i]!);
      if (!v.optional && blank) add('required');
      if (coded) add('missing-code');
      if (v.type === 'id' && (v.unique || v.inTable) && isScientific(raw))
        add('id-scientific-notation');
      if (isTyped(v.type) && !blank && typed === null && !coded) {
        if (v.type === 'date') add(isDatePattern(raw) ? 'date-pattern' : 'date-format');
        else add(numberFormatOf(raw, v.type) ?? 'type');
      }
      if (v.type === 'enum' && v.values?.length && !blank) {
        const folded = trim(raw).toLowerCase();
        const allowed = v.values.map((x) => x.trim().toLowerCase());
        if (!allowed.includes(folded)) {
          if (!coded) add('allowed-values');
        } else if (!v.values.includes(raw)) add('case-mismatch');
      }
      const words = booleans[i];
      if (words && !blank && !words.documented.includes(raw)) {
        const folded = trim(raw).toLowerCase();
        if (words.documentedFolded.has(folded)) add('case-mismatch');
        else if (words.accepted.has(folded)) add('synonym');
        else if (!coded) add('allowed-values');
      }
      if (v.range && typed !== null && v.type !== 'date') {
        const min = v.range.min === 'currentYear' ? year : v.range.min;
        const max = v.range.max === 'currentYear' ? year : v.range.max;
        if ((min !== undefined && typed < min) || (max !== undefined && typed > max)) add('range');
      }
      if (v.optional && v.recommended && blank) add('recommended');
      for (const c of v.requiredWhen ?? []) {
        const j = col(c.column);
        if (j >= 0 && blank && isBlank(value(j)) === (c.is === 'absent')) add('required-when');
      }
      for (const c of v.forbiddenWhen ?? []) {
        const j = col(c.column);
        if (j >= 0 && !blank && isBlank(value(j)) === (c.is === 'absent')) add('forbidden-when');
      }
      if (v.type === 'date') {
        const d = parseIsoDay(raw);
        for (const nb of v.notBefore ?? []) {
          const j = col(nb.column);
          const other = j >= 0 ? parseIsoDay(value(j)) : null;
          if (d !== null && other !== null && d < other) add('date-order');
        }
        if (v.noFuture && d !== null && d > today) add('future-date');
      }
    });
    return out;
  };
}
