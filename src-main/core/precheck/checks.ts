import type { Issue, IssueCode, Severity } from '../../shared/report';
import type { TableDefinition } from '../definitions/schema';
import { linesText, makeIssue, plural } from './issue';
import type { PlannedColumn } from './plan';
import { ident, isEmpty, isTyped, lit, litList } from './sql';

/** Runs SQL and returns rows as plain objects (bigint turned into number). */
export type Query = (sql: string) => Promise<Record<string, unknown>[]>;

/** One row-level check: a condition over `data` (typed values + `_line`) or `_invalid_cells`. */
export interface RowCheck {
  code: IssueCode;
  severity: Severity;
  column: string | null;
  /**
   * Where the condition is evaluated: `data` (typed values; text columns hold the source
   * text as it was) or `_invalid_cells` (one row per cell that did not fit its type).
   */
  on: 'data' | '_invalid_cells';
  /** SQL condition that is true for an offending row. */
  where: string;
  /** SQL of the value shown as an example, or null (never for ID columns). */
  example: string | null;
  /**
   * SQL of a value whose distinct count among the offending rows the issue reports (the
   * unknown patient IDs: how many patients, never which).
   */
  distinct?: string;
  /** The severity from the counts, when it depends on them (a policy's threshold). */
  severityFor?: (count: number, distinct: number) => Severity;
  message: (count: number, lines: number[], distinct: number) => string;
  hint: (lines: number[], severity: Severity) => string;
}

const TYPE_WORDS: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  year: 'a four-digit year',
  date: 'a date',
};

function currentYear(): number {
  return new Date().getFullYear();
}

/**
 * True where the source cell was empty (no text, or only spaces), read from the artifact: a
 * text column as stored; a typed column is NULL in `data` and has no non-blank text in
 * `_invalid_cells` (a few rows, so the anti-join is cheap).
 */
export function blank(col: Pick<PlannedColumn, 'name' | 'type'>): string {
  const c = ident(col.name);
  if (!isTyped(col.type)) return isEmpty(c);
  return `(${c} IS NULL AND _line NOT IN (SELECT _line FROM _invalid_cells WHERE "column" = ${lit(col.name)} AND trim(raw) <> ''))`;
}

/**
 * The row-by-row checks a definition asks for, as SQL conditions over `data` (or
 * `_invalid_cells`), never over the source text again: `data` is compact and columnar.
 * Every check is one set-based query: no JS loops over rows.
 */
export function rowChecks(columns: PlannedColumn[], def: TableDefinition | null): RowCheck[] {
  if (!def) return [];
  const checks: RowCheck[] = [];
  const byName = new Map(columns.map((c) => [c.name, c]));
  for (const col of columns) {
    const v = col.variable;
    if (!v || col.index === null) continue;
    const c = ident(col.name);
    const showValues = v.type !== 'id';
    const example = showValues ? c : null;
    const first = (lines: number[]): string => (lines[0] ? `line ${lines[0]}` : 'the listed lines');

    if (!v.optional) {
      checks.push({
        code: 'required',
        severity: 'error',
        column: col.name,
        on: 'data',
        where: blank(col),
        example: null,
        message: (n, lines) =>
          `${plural(n, 'row')} ${n === 1 ? 'has' : 'have'} no value for "${col.name}", which is required (${linesText(lines, n)}).`,
        hint: (lines) => `Fill in "${col.name}" on every row, starting at ${first(lines)}.`,
      });
    }
    if (isTyped(v.type)) {
      const code: IssueCode = v.type === 'date' ? 'date-format' : 'type';
      checks.push({
        code,
        severity: 'error',
        column: col.name,
        on: '_invalid_cells',
        where: `("column" = ${lit(col.name)} AND trim(raw) <> '')`,
        example: showValues ? 'raw' : null,
        message: (n, lines) =>
          v.type === 'date'
            ? `${plural(n, 'value')} in "${col.name}" ${n === 1 ? 'is' : 'are'} not a real date written YYYY-MM-DD (${linesText(lines, n)}).`
            : `${plural(n, 'value')} in "${col.name}" ${n === 1 ? 'is' : 'are'} not ${TYPE_WORDS[v.type]} (${linesText(lines, n)}).`,
        hint: (lines) =>
          v.type === 'date'
            ? `Write dates as YYYY-MM-DD (for example 2024-03-31) and check the day exists; see ${first(lines)}.`
            : `Use plain digits${v.type === 'number' ? ' with a dot for decimals' : ''} in "${col.name}"; see ${first(lines)}. The original text is kept in the artifact.`,
      });
    }
    if (v.type === 'enum' && v.values && v.values.length) {
      const exact = litList(v.values);
      const folded = litList(v.values.map((x) => x.trim().toLowerCase()));
      checks.push({
        code: 'allowed-values',
        severity: 'error',
        column: col.name,
        on: 'data',
        // Values spelled exactly as defined (nearly all) skip the case folding.
        where: `(${c} NOT IN ${exact} AND NOT ${isEmpty(c)} AND lower(trim(${c})) NOT IN ${folded})`,
        example,
        message: (n, lines) =>
          `${plural(n, 'value')} in "${col.name}" ${n === 1 ? 'is' : 'are'} not one of the allowed values (${linesText(lines, n)}).`,
        hint: () => `Allowed values for "${col.name}": ${v.values!.join(', ')}.`,
      });
      checks.push({
        code: 'case-mismatch',
        severity: 'info',
        column: col.name,
        on: 'data',
        where: `(${c} NOT IN ${exact} AND lower(trim(${c})) IN ${folded})`,
        example,
        message: (n) =>
          `${plural(n, 'value')} in "${col.name}" ${n === 1 ? 'was' : 'were'} accepted after ignoring case or spaces.`,
        hint: () => `Nothing to fix. The definition spells them: ${v.values!.join(', ')}.`,
      });
    }
    if (v.type === 'boolean') {
      const b = v.booleanValues;
      const accepted = [
        ...(v.values ?? []),
        ...(b?.true ?? ['true', '1', 't', 'y', 'yes']),
        ...(b?.false ?? ['false', '0', 'f', 'n', 'no']),
        ...(b ? (b.unknown ?? []) : ['unknown', 'unk', 'na', 'n/a']),
      ].map((x) => x.toLowerCase());
      checks.push({
        code: 'allowed-values',
        severity: 'error',
        column: col.name,
        on: 'data',
        where: `(NOT ${isEmpty(c)} AND lower(trim(${c})) NOT IN ${litList([...new Set(accepted)])})`,
        example,
        message: (n, lines) =>
          `${plural(n, 'value')} in "${col.name}" ${n === 1 ? 'is' : 'are'} not a yes/no answer Courier knows (${linesText(lines, n)}).`,
        hint: () =>
          `Use Yes, No${b && !b.unknown ? '' : ' or Unknown'} (also accepted: ${[...new Set(accepted)].slice(0, 8).join(', ')}).`,
      });
    }
    if (v.range && (v.type === 'year' || v.type === 'integer' || v.type === 'number')) {
      const min = v.range.min === 'currentYear' ? currentYear() : v.range.min;
      const max = v.range.max === 'currentYear' ? currentYear() : v.range.max;
      const t = c; // the typed column of `data`
      const parts: string[] = [];
      if (min !== undefined) parts.push(`${t} < ${min}`);
      if (max !== undefined) parts.push(`${t} > ${max}`);
      if (parts.length) {
        const span =
          min !== undefined && max !== undefined
            ? `between ${min} and ${max}`
            : min !== undefined
              ? `at least ${min}`
              : `at most ${max}`;
        checks.push({
          code: 'range',
          severity: 'error',
          column: col.name,
          on: 'data',
          where: `(${parts.join(' OR ')})`,
          example,
          message: (n, lines) =>
            `${plural(n, 'value')} in "${col.name}" ${n === 1 ? 'is' : 'are'} outside the allowed range ${span} (${linesText(lines, n)}).`,
          hint: (lines) => `"${col.name}" must be ${span}; see ${first(lines)}.`,
        });
      }
    }
    if (v.optional && v.recommended) {
      checks.push({
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
      });
    }
    for (const cond of v.requiredWhen ?? []) {
      const other = byName.get(cond.column);
      if (!other || other.index === null) continue;
      const otherCond = cond.is === 'present' ? `NOT ${blank(other)}` : blank(other);
      checks.push({
        code: 'required-when',
        severity: 'error',
        column: col.name,
        on: 'data',
        where: `(${blank(col)} AND ${otherCond})`,
        example: null,
        message: (n, lines) =>
          `${plural(n, 'row')} ${n === 1 ? 'has' : 'have'} no "${col.name}" although "${other.name}" is ${cond.is === 'present' ? 'filled in' : 'empty'} (${linesText(lines, n)}).`,
        hint: (lines) =>
          `"${col.name}" is required when "${other.name}" is ${cond.is === 'present' ? 'filled in' : 'empty'}; see ${first(lines)}.`,
      });
    }
    for (const cond of v.forbiddenWhen ?? []) {
      const other = byName.get(cond.column);
      if (!other || other.index === null) continue;
      const otherCond = cond.is === 'present' ? `NOT ${blank(other)}` : blank(other);
      checks.push({
        code: 'forbidden-when',
        severity: cond.severity,
        column: col.name,
        on: 'data',
        where: `(NOT ${blank(col)} AND ${otherCond})`,
        example: null,
        message: (n, lines) =>
          `${plural(n, 'row')} ${n === 1 ? 'has' : 'have'} a "${col.name}" although "${other.name}" is ${cond.is === 'present' ? 'also filled in' : 'empty'} (${linesText(lines, n)}).`,
        hint: (lines) =>
          `"${col.name}" should be empty when "${other.name}" is ${cond.is === 'present' ? 'filled in' : 'empty'}; see ${first(lines)}.`,
      });
    }
    if (v.type === 'date') {
      const d = c; // typed DATE in `data`
      for (const nb of v.notBefore ?? []) {
        const other = byName.get(nb.column);
        if (!other || other.index === null) continue;
        const od = ident(other.name);
        checks.push({
          code: 'date-order',
          severity: nb.severity,
          column: col.name,
          on: 'data',
          where: `(${d} < ${od})`,
          example: null,
          message: (n, lines) =>
            `${plural(n, 'row')} ${n === 1 ? 'has' : 'have'} "${col.name}" before "${other.name}" (${linesText(lines, n)}).`,
          hint: (lines) =>
            `Check both dates on ${first(lines)}: "${col.name}" cannot come before "${other.name}".`,
        });
      }
      if (v.noFuture) {
        checks.push({
          code: 'future-date',
          severity: 'warning',
          column: col.name,
          on: 'data',
          where: `(${d} > current_date)`,
          example,
          message: (n, lines) =>
            `${plural(n, 'date')} in "${col.name}" ${n === 1 ? 'lies' : 'lie'} in the future (${linesText(lines, n)}).`,
          hint: (lines) => `Check the year and the day/month order on ${first(lines)}.`,
        });
      }
    }
  }
  return checks;
}

/**
 * Runs every row check in one pass over `data` (and one over `_invalid_cells`): the offending rows (usually few) are kept in
 * a temporary `hits` table with one flag per check, then counts, first lines and examples
 * come from that small table. One scan instead of several per check.
 */
export async function runChecks(q: Query, checks: RowCheck[]): Promise<Issue[]> {
  const issues: Issue[] = [];
  for (const table of ['data', '_invalid_cells'] as const) {
    issues.push(
      ...(await runGroup(
        q,
        table,
        checks.filter((c) => c.on === table),
      )),
    );
  }
  return issues;
}

async function runGroup(q: Query, table: string, checks: RowCheck[]): Promise<Issue[]> {
  if (checks.length === 0) return [];
  const inner: string[] = ['_line'];
  const outer: string[] = ['_line'];
  const tally: string[] = [];
  checks.forEach((c, i) => {
    inner.push(`coalesce(${c.where}, false) AS f${i}`);
    outer.push(`f${i}`);
    tally.push(`count_if(f${i}) AS n${i}`);
    if (c.example) {
      inner.push(`(${c.example})::VARCHAR AS x${i}`);
      outer.push(`CASE WHEN f${i} THEN x${i} END AS e${i}`);
    }
    if (c.distinct) {
      inner.push(`(${c.distinct}) AS y${i}`);
      outer.push(`CASE WHEN f${i} THEN y${i} END AS u${i}`);
      tally.push(`count(DISTINCT u${i}) AS d${i}`);
    }
  });
  // The filter finds the offending rows (DuckDB stops evaluating a row's OR at its first
  // true condition); the flags are then computed again for those few rows only.
  const any = checks.map((c) => `(${c.where})`).join(' OR ');
  await q(
    `CREATE OR REPLACE TEMP TABLE hits AS SELECT ${outer.join(', ')} FROM (SELECT ${inner.join(', ')} FROM ${table} WHERE ${any})`,
  );
  const [counts] = await q(`SELECT ${tally.join(', ')} FROM hits`);
  const issues: Issue[] = [];
  for (const [i, check] of checks.entries()) {
    const n = Number(counts?.[`n${i}`] ?? 0);
    if (n === 0) continue;
    const distinct = Number(counts?.[`d${i}`] ?? 0);
    const [head] = await q(
      `SELECT list(_line) AS lines FROM (SELECT _line FROM hits WHERE f${i} ORDER BY _line LIMIT 50)`,
    );
    const lines = ((head?.lines as number[] | null) ?? []).map(Number);
    let ex: string[] = [];
    if (check.example) {
      const rows = await q(
        `SELECT e${i} AS v FROM hits WHERE f${i} AND e${i} IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 5`,
      );
      ex = rows.map((r) => String(r.v ?? '').slice(0, 80));
    }
    const severity = check.severityFor?.(n, distinct) ?? check.severity;
    issues.push(
      makeIssue(check.code, severity, {
        column: check.column,
        count: n,
        lines,
        examples: ex,
        message: check.message(n, lines, distinct),
        hint: check.hint(lines, severity),
        ...(check.distinct ? { distinct } : {}),
      }),
    );
  }
  await q('DROP TABLE IF EXISTS hits');
  return issues;
}

/**
 * The `_line` of every row repeating a value of a unique column seen on an earlier line (the
 * first occurrence is not a repeat). A typed column compares values (1 and 01 are the same
 * number); text it could not type is not compared (it is a `type` finding already).
 */
export function duplicateLinesSql(col: Pick<PlannedColumn, 'name' | 'type'>): string {
  const c = ident(col.name);
  return `SELECT _line FROM (SELECT _line, row_number() OVER (PARTITION BY ${c} ORDER BY _line) AS k FROM data WHERE ${c} IS NOT NULL AND NOT ${blank(col)}) WHERE k > 1`;
}

/** `duplicate-id`: values of a unique column repeated; reports the repeats, not the first. */
export async function duplicateIds(
  q: Query,
  col: Pick<PlannedColumn, 'name' | 'type'>,
): Promise<Issue | null> {
  const column = col.name;
  const where = `_line IN (${duplicateLinesSql(col)})`;
  const [head] = await q(
    `SELECT count(*) AS n, (SELECT list(_line) FROM (SELECT _line FROM data WHERE ${where} ORDER BY _line LIMIT 50)) AS lines FROM data WHERE ${where}`,
  );
  const n = Number(head?.n ?? 0);
  if (n === 0) return null;
  const lines = ((head?.lines as number[] | null) ?? []).map(Number);
  return makeIssue('duplicate-id', 'error', {
    column,
    count: n,
    lines,
    message: `${plural(n, 'row')} repeat a "${column}" that already appeared earlier in the file (${linesText(lines, n)}). It must be unique.`,
    hint: `Each patient must appear once in this table. Remove or merge the repeated rows, starting at line ${lines[0]}.`,
  });
}
