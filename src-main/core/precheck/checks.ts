import type { DatePattern, FixProposal, Issue, IssueCode, Severity } from '../../shared/report';
import { linesText, makeIssue, plural } from './issue';
import type { PlannedColumn } from './columnPlan';
import { ident, isEmpty, isTyped, lit } from './sql';

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
  /**
   * Two-step checks (the patient ID family), for conditions that look values up elsewhere:
   * in the pass, `gate` (a cheap condition true for every offending row, over the table and
   * the `joins`) finds the candidates, keeping `value` for each; then `refine(v)` decides
   * among those few rows only, so that no lookup runs over every row. `where` stays the
   * whole condition (`gate` and `refine` of the value), for the line export.
   */
  staged?: {
    gate: string;
    /** `LEFT JOIN …` clauses the gate reads (checks sharing one share its cost). */
    joins: string[];
    value: string;
    refine: (v: string) => string;
  };
  /** SQL of the value shown as an example, or null (never for ID columns). */
  example: string | null;
  /**
   * SQL of a value whose distinct count among the offending rows the issue reports (the
   * unknown patient IDs: how many patients, never which).
   */
  distinct?: string;
  /** The severity from the counts, when it depends on them (a policy's threshold). */
  severityFor?: (count: number, distinct: number) => Severity;
  /**
   * SQL aggregates over `v`, the example value of each offending row (so only for checks with
   * an `example`), computed on the few offending rows: what the words and the fix need to know
   * of them (the separators used, the synonyms found).
   */
  facts?: Record<string, string>;
  /** `date-pattern`: the pattern of the offending values. */
  pattern?: DatePattern;
  /** The guided fix proposed for the offending cells, or null where it would be a guess. */
  fix?: (count: number, facts: Facts) => FixProposal | null;
  message: (count: number, lines: number[], distinct: number, facts: Facts) => string;
  hint: (lines: number[], severity: Severity, facts: Facts) => string;
}

/** The values of a check's `facts` aggregates. */
export type Facts = Record<string, unknown>;

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
    inner.push(`coalesce(${c.staged?.gate ?? c.where}, false) AS f${i}`);
    outer.push(`f${i}`);
    if (c.staged) {
      inner.push(`(${c.staged.value}) AS v${i}`);
      outer.push(`v${i}`);
    }
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
  const any = [...new Set(checks.map((c) => `(${c.staged?.gate ?? c.where})`))].join(' OR ');
  const joins = [...new Set(checks.flatMap((c) => c.staged?.joins ?? []))].join(' ');
  await q(
    `CREATE OR REPLACE TEMP TABLE hits AS SELECT ${outer.join(', ')} FROM (SELECT ${inner.join(', ')} FROM ${table} ${joins} WHERE ${any})`,
  );
  // Two-step checks decide among their candidates, on this small table.
  for (const [i, c] of checks.entries()) {
    if (!c.staged) continue;
    const off = [`f${i} = false`];
    if (c.example) off.push(`e${i} = NULL`);
    if (c.distinct) off.push(`u${i} = NULL`);
    await q(
      `UPDATE hits SET ${off.join(', ')} WHERE f${i} AND NOT coalesce(${c.staged.refine(`v${i}`)}, false)`,
    );
  }
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
    let facts: Facts = {};
    if (check.facts && check.example) {
      const names = Object.keys(check.facts);
      const [row] = await q(
        `SELECT ${names.map((k) => `${check.facts![k]} AS ${ident(k)}`).join(', ')} FROM (SELECT e${i} AS v FROM hits WHERE f${i})`,
      );
      facts = row ?? {};
    }
    const severity = check.severityFor?.(n, distinct) ?? check.severity;
    issues.push(
      makeIssue(check.code, severity, {
        column: check.column,
        count: n,
        lines,
        examples: ex,
        message: check.message(n, lines, distinct, facts),
        hint: check.hint(lines, severity, facts),
        ...(check.distinct ? { distinct } : {}),
        ...(check.pattern ? { pattern: check.pattern } : {}),
        fix: check.fix?.(n, facts) ?? null,
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
