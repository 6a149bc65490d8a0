/**
 * The row-level checks of src-main/core/precheck/checks.ts, restated over one row's raw text.
 *
 * The generator uses it to prove that an injected error causes exactly the one issue the
 * answer key lists (and tests use it to prove valid rows cause none). Keep it in step with
 * checks.ts and sql.ts: same emptiness, same strict forms, same folding.
 */
import type { IssueCode } from '../../shared/report';
import type { Variable, VariableType } from '../definitions/schema';
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
const DEFAULT_BOOLEAN = ['true', '1', 't', 'y', 'yes', 'false', '0', 'f', 'n', 'no'];
const DEFAULT_UNKNOWN = ['unknown', 'unk', 'na', 'n/a'];

/** Empty as the checks see it: nothing but spaces. */
export function isBlank(text: string): boolean {
  return text.trim() === '';
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

function booleanSpellings(v: Variable): Set<string> {
  const b = v.booleanValues;
  const all = [
    ...(v.values ?? []),
    ...(b
      ? [...b.true, ...b.false, ...(b.unknown ?? [])]
      : [...DEFAULT_BOOLEAN, ...DEFAULT_UNKNOWN]),
  ];
  return new Set(all.map((x) => x.toLowerCase()));
}

/** A checker for rows of one table: every row-level issue the precheck would report. */
export function rowChecker(
  model: TableModel,
  today = Math.floor(Date.now() / 86_400_000),
): (row: readonly string[]) => RowIssue[] {
  const year = new Date().getFullYear();
  const col = (name: string): number => model.index.get(name) ?? -1;
  const booleans = model.variables.map((v) => (v.type === 'boolean' ? booleanSpellings(v) : null));
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
      if (!v.optional && blank) add('required');
      if (isTyped(v.type) && !blank && typed === null)
        add(v.type === 'date' ? 'date-format' : 'type');
      if (v.type === 'enum' && v.values?.length && !blank) {
        const folded = raw.trim().toLowerCase();
        const allowed = v.values.map((x) => x.trim().toLowerCase());
        if (!allowed.includes(folded)) add('allowed-values');
        else if (!v.values.includes(raw)) add('case-mismatch');
      }
      const spellings = booleans[i];
      if (spellings && !blank && !spellings.has(raw.trim().toLowerCase())) add('allowed-values');
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
