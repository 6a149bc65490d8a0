/**
 * The row-by-row checks a definition asks for, as SQL conditions over `data` (or
 * `_invalid_cells`), never over the source text again: `data` is compact and columnar.
 * Each rule is one function of a column; `rowChecks` lists them all for a table, and
 * `runChecks` (checks.ts) evaluates every one in a single pass.
 */
import type { IssueCode, Severity } from '../../shared/report';
import type { TableDefinition, Variable } from '../definitions/schema';
import { booleanValues } from './booleans';
import { scientificIdCheck } from './crossTable';
import type { RowCheck } from './checks';
import { blank } from './checks';
import { anyDatePattern, datePattern } from './datePatterns';
import { linesText, plural } from './issue';
import { missingCode, missingCodeSql } from './missingCodes';
import { anyNumberFormat, numberFormat } from './numberFormats';
import type { PlannedColumn } from './columnPlan';
import { absentPartner } from './columnPlan';
import { ident, isEmpty, isTyped, lit, litList } from './sql';

const TYPE_WORDS: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  year: 'a four-digit year',
  date: 'a date',
};

/** One column of the file with its definition variable, as the rules see it. */
export interface RuleColumn {
  col: PlannedColumn;
  v: Variable;
  /** The quoted column name in `data`. */
  c: string;
  /** SQL of the value an issue shows as an example (never for ID columns). */
  example: string | null;
  /** The table's other columns present in the file, by name (conditional rules). */
  byName: ReadonlyMap<string, PlannedColumn>;
  /**
   * Severity of the checks Courier adds beyond the consortium's own (type, number format,
   * range): the variable's `checkSeverity`, else error.
   */
  own: Severity;
}

/** One rule: the checks it asks for on one column. */
export type Rule = (r: RuleColumn) => RowCheck[];

function first(lines: number[]): string {
  return lines[0] ? `line ${lines[0]}` : 'the listed lines';
}

const required: Rule = ({ col, v }) =>
  v.optional
    ? []
    : [
        {
          code: 'required',
          severity: 'error',
          column: col.name,
          on: 'data',
          where: blank(col),
          example: null,
          message: (n, lines) =>
            `${plural(n, 'row')} ${n === 1 ? 'has' : 'have'} no value for "${col.name}", which is required (${linesText(lines, n)}).`,
          hint: (lines) => `Fill in "${col.name}" on every row, starting at ${first(lines)}.`,
        },
      ];

/**
 * Text that did not fit a typed column (it waits verbatim in `_invalid_cells`), unless a more
 * specific check names its cause: a missing-value code, a date pattern, a number format.
 */
const typed: Rule = ({ col, v, own }) => {
  if (!isTyped(v.type)) return [];
  const code: IssueCode = v.type === 'date' ? 'date-format' : 'type';
  const explained = [
    missingCodeSql('raw', false),
    v.type === 'date' ? anyDatePattern(col.name) : anyNumberFormat(col.name, v.type),
  ].filter((x): x is string => x !== null);
  return [
    {
      code,
      severity: v.type === 'date' ? 'error' : own,
      column: col.name,
      on: '_invalid_cells',
      where: `("column" = ${lit(col.name)} AND trim(raw) <> '' AND NOT (${explained.join(' OR ')}))`,
      example: v.type !== 'id' ? 'raw' : null,
      message: (n, lines) =>
        v.type === 'date'
          ? `${plural(n, 'value')} in "${col.name}" ${n === 1 ? 'is' : 'are'} not a real date written YYYY-MM-DD (${linesText(lines, n)}).`
          : `${plural(n, 'value')} in "${col.name}" ${n === 1 ? 'is' : 'are'} not ${TYPE_WORDS[v.type]} (${linesText(lines, n)}).`,
      hint: (lines) =>
        v.type === 'date'
          ? `Write dates as YYYY-MM-DD (for example 2024-03-31) and check the day exists; see ${first(lines)}.`
          : `Use plain digits${v.type === 'number' ? ' with a dot for decimals' : ''} in "${col.name}"; see ${first(lines)}. The original text is kept in the artifact.`,
    },
  ];
};

/** A coded value outside its list, and one accepted only after folding case and spaces. */
const enumValues: Rule = ({ col, v, c, example }) => {
  if (v.type !== 'enum' || !v.values?.length) return [];
  const values = v.values;
  const exact = litList(values);
  const folded = litList(values.map((x) => x.trim().toLowerCase()));
  return [
    {
      code: 'allowed-values',
      severity: 'error',
      column: col.name,
      on: 'data',
      // Values spelled exactly as defined (nearly all) skip the case folding.
      where: `(${c} NOT IN ${exact} AND NOT ${isEmpty(c)} AND lower(trim(${c})) NOT IN ${folded} AND NOT ${missingCodeSql(
        c,
        false,
        values.map((x) => x.trim().toLowerCase()),
      )})`,
      example,
      message: (n, lines) =>
        `${plural(n, 'value')} in "${col.name}" ${n === 1 ? 'is' : 'are'} not one of the allowed values (${linesText(lines, n)}).`,
      hint: () => `Allowed values for "${col.name}": ${values.join(', ')}.`,
    },
    {
      code: 'case-mismatch',
      severity: 'info',
      column: col.name,
      on: 'data',
      where: `(${c} NOT IN ${exact} AND lower(trim(${c})) IN ${folded})`,
      example,
      fix: (n) => ({ rule: 'case-to-documented', column: col.name, params: {}, cells: n }),
      message: (n) =>
        `${plural(n, 'value')} in "${col.name}" ${n === 1 ? 'was' : 'were'} accepted after ignoring case or spaces.`,
      hint: () => `Nothing to fix. The definition spells them: ${values.join(', ')}.`,
    },
  ];
};

/** A number or year outside its range (`currentYear` is this year). */
const range: Rule = ({ col, v, c, example, own }) => {
  if (!v.range || !(v.type === 'year' || v.type === 'integer' || v.type === 'number')) return [];
  const thisYear = new Date().getFullYear();
  const min = v.range.min === 'currentYear' ? thisYear : v.range.min;
  const max = v.range.max === 'currentYear' ? thisYear : v.range.max;
  const parts: string[] = [];
  if (min !== undefined) parts.push(`${c} < ${min}`);
  if (max !== undefined) parts.push(`${c} > ${max}`);
  if (parts.length === 0) return [];
  const span =
    min !== undefined && max !== undefined
      ? `between ${min} and ${max}`
      : min !== undefined
        ? `at least ${min}`
        : `at most ${max}`;
  return [
    {
      code: 'range',
      severity: own,
      column: col.name,
      on: 'data',
      where: `(${parts.join(' OR ')})`,
      example,
      message: (n, lines) =>
        `${plural(n, 'value')} in "${col.name}" ${n === 1 ? 'is' : 'are'} outside the allowed range ${span} (${linesText(lines, n)}).`,
      hint: (lines) => `"${col.name}" must be ${span}; see ${first(lines)}.`,
    },
  ];
};

const recommended: Rule = ({ col, v }) =>
  v.optional && v.recommended
    ? [
        {
          code: 'recommended',
          severity: 'info',
          column: col.name,
          on: 'data',
          where: blank(col),
          example: null,
          message: (n) =>
            `${plural(n, 'row')} ${n === 1 ? 'has' : 'have'} no "${col.name}", a recommended value.`,
          hint: () =>
            `Fill in "${col.name}" where it is known; it helps the central team interpret the data.`,
        },
      ]
    : [];

/** `requiredWhen` / `forbiddenWhen`: a value needed, or not allowed, given another column. */
const conditional: Rule = ({ col, v, byName }) => {
  const out: RowCheck[] = [];
  // A column the file lacks is empty on every row.
  const empty = col.index === null ? 'true' : blank(col);
  const partner = (column: string, is: 'present' | 'absent') => {
    const other = byName.get(column);
    if (!other?.variable) return null;
    const state = is === 'present' ? 'filled in' : 'empty';
    if (other.index === null) {
      // An absent partner reads as empty only where its absence is allowed.
      const present = (c: string): boolean => (byName.get(c)?.index ?? null) !== null;
      if (!absentPartner(other.variable, present)) return null;
      return { other, state, when: is === 'present' ? 'false' : 'true' };
    }
    return { other, state, when: is === 'present' ? `NOT ${blank(other)}` : blank(other) };
  };
  for (const cond of v.requiredWhen ?? []) {
    const p = partner(cond.column, cond.is);
    if (!p) continue;
    out.push({
      code: 'required-when',
      severity: 'error',
      column: col.name,
      on: 'data',
      where: `(${empty} AND ${p.when})`,
      example: null,
      message: (n, lines) =>
        `${plural(n, 'row')} ${n === 1 ? 'has' : 'have'} no "${col.name}" although "${p.other.name}" is ${p.state} (${linesText(lines, n)}).`,
      hint: (lines) =>
        `"${col.name}" is required when "${p.other.name}" is ${p.state}; see ${first(lines)}.`,
    });
  }
  for (const cond of col.index === null ? [] : (v.forbiddenWhen ?? [])) {
    const p = partner(cond.column, cond.is);
    if (!p) continue;
    out.push({
      code: 'forbidden-when',
      severity: cond.severity,
      column: col.name,
      on: 'data',
      where: `(NOT ${blank(col)} AND ${p.when})`,
      example: null,
      message: (n, lines) =>
        `${plural(n, 'row')} ${n === 1 ? 'has' : 'have'} a "${col.name}" although "${p.other.name}" is ${cond.is === 'present' ? 'also filled in' : 'empty'} (${linesText(lines, n)}).`,
      hint: (lines) =>
        `"${col.name}" should be empty when "${p.other.name}" is ${p.state}; see ${first(lines)}.`,
    });
  }
  return out;
};

/** Dates in the wrong order, or in the future. */
const dateRules: Rule = ({ col, v, c, example, byName }) => {
  if (v.type !== 'date') return [];
  const out: RowCheck[] = [];
  for (const nb of v.notBefore ?? []) {
    const other = byName.get(nb.column);
    if (!other || other.index === null) continue;
    out.push({
      code: 'date-order',
      severity: nb.severity,
      column: col.name,
      on: 'data',
      where: `(${c} < ${ident(other.name)})`,
      example: null,
      message: (n, lines) =>
        `${plural(n, 'row')} ${n === 1 ? 'has' : 'have'} "${col.name}" before "${other.name}" (${linesText(lines, n)}).`,
      hint: (lines) =>
        `Check both dates on ${first(lines)}: "${col.name}" cannot come before "${other.name}".`,
    });
  }
  if (v.noFuture) {
    out.push({
      code: 'future-date',
      severity: 'warning',
      column: col.name,
      on: 'data',
      where: `(${c} > current_date)`,
      example,
      message: (n, lines) =>
        `${plural(n, 'date')} in "${col.name}" ${n === 1 ? 'lies' : 'lie'} in the future (${linesText(lines, n)}).`,
      hint: (lines) => `Check the year and the day/month order on ${first(lines)}.`,
    });
  }
  return out;
};

/** A patient ID a spreadsheet turned into a number. */
const scientificId: Rule = ({ col, v }) =>
  v.type === 'id' && (v.unique || v.inTable) ? [scientificIdCheck(col)] : [];

/** Every rule, in the order their issues are listed for a column. */
const RULES: readonly Rule[] = [
  required,
  missingCode,
  scientificId,
  typed,
  datePattern,
  (r) => numberFormat(r, r.own),
  enumValues,
  booleanValues,
  range,
  recommended,
  conditional,
  dateRules,
];

/** The checks of every column of the file that its definition describes. */
export function rowChecks(columns: PlannedColumn[], def: TableDefinition | null): RowCheck[] {
  if (!def) return [];
  const byName = new Map(columns.map((c) => [c.name, c]));
  const checks: RowCheck[] = [];
  for (const col of columns) {
    const v = col.variable;
    if (!v) continue;
    const c = ident(col.name);
    const own = v.checkSeverity ?? 'error';
    const r: RuleColumn = { col, v, c, example: v.type !== 'id' ? c : null, byName, own };
    if (col.index !== null) for (const rule of RULES) checks.push(...rule(r));
    // A conditional column the file lacks, allowed beside its partner, reads as empty.
    else if (absentPartner(v, (n) => (byName.get(n)?.index ?? null) !== null))
      checks.push(...conditional(r));
  }
  return checks;
}
