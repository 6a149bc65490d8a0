/**
 * What a set of guided fixes would change, as a small table: for each fixed column, every
 * distinct value a rule transforms, and its new text (`fixmap`). Each rule's pure function
 * runs once per distinct value here (a date column of 20 million cells has a few thousand);
 * the rewrite of the artifact then joins this table, in SQL. Shared by the fix pass and its
 * preview.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FixRule } from '../../shared/report';
import { CourierError } from '../errors';
import type { PlannedColumn } from '../precheck/columnPlan';
import { loadKnownIds } from '../precheck/crossTable';
import { fixColumnOf } from '../precheck/fixes/columns';
import { fixRuleSpec } from '../precheck/fixes/registry';
import type { FixColumn, FixParams, FixRuleSpec } from '../precheck/fixes/rule';
import { ident, isTyped, lit, typedExpr } from '../precheck/sql';

/** One fix to apply: a rule of the vocabulary, on one column, with its params. */
export interface FixRequest {
  rule: FixRule;
  column: string;
  params: FixParams;
}

/** What the fixes run on: the artifact's columns, and the patient table for ID rules. */
export interface FixTarget {
  /** The artifact's columns, in `data` order. */
  columns: PlannedColumn[];
  /** The column checked against the patient table, if the table has one. */
  patientIdColumn: string | null;
  /** The patient artifact and its ID column, for rules that keep only IDs that then match. */
  patients: { artifact: string; column: string } | null;
  fixes: FixRequest[];
}

/** A fix resolved against the artifact: its rule's implementation and its column. */
export interface ResolvedFix extends FixRequest {
  spec: FixRuleSpec;
  col: PlannedColumn;
  view: FixColumn;
  typed: boolean;
}

/**
 * Each fix with its rule and column, checked: an unknown column, a rule this build lacks, a
 * rule that does not fit the column or params that are not right are usage errors in plain
 * words (the params may come from a recipe file).
 */
export function resolveFixes(target: FixTarget): ResolvedFix[] {
  return target.fixes.map((f) => {
    const spec = fixRuleSpec(f.rule);
    if (!spec)
      throw new CourierError(
        'usage',
        `The "${f.rule}" fix is not available in this version of Courier.`,
      );
    const col = target.columns.find((c) => c.name === f.column && c.index !== null);
    if (!col) throw new CourierError('usage', `The file has no column "${f.column}".`);
    const view = fixColumnOf(col, target.patientIdColumn);
    const why = spec.fits(view) ?? spec.checkParams(f.params, view);
    if (why) throw new CourierError('usage', why);
    return { ...f, spec, col, view, typed: isTyped(col.type) };
  });
}

/**
 * Builds the temporary table `fixmap(col, "from", "to", rule, typed)` of the value fixes over
 * the artifact attached as `src`. On one column, the first fix that changes a value wins.
 * Changes that leave a typed cell still not fitting its type are dropped (left as they were),
 * and so are IDs that would not be in the patient table where the rule asks for that.
 * Returns why a fix changes nothing, where it is not simply that no value needed it.
 */
export async function buildFixMap(
  conn: DuckDBConnection,
  src: string,
  target: FixTarget,
  fixes: ResolvedFix[],
): Promise<Map<ResolvedFix, string>> {
  const notes = new Map<ResolvedFix, string>();
  await conn.run(
    'CREATE OR REPLACE TEMP TABLE fixmap (col VARCHAR, "from" VARCHAR, "to" VARCHAR, rule VARCHAR, typed BOOLEAN)',
  );
  const needsIds = fixes.some((f) => idFilter(f, target) !== 'none');
  let known = false;
  if (needsIds && target.patients) {
    const q = async (sql: string): Promise<Record<string, unknown>[]> =>
      (await conn.runAndReadAll(sql)).getRowObjectsJS();
    await loadKnownIds(q, target.patients.artifact, target.patients.column);
    known = true;
  }
  for (const f of fixes) {
    if (f.spec.kind !== 'value') continue;
    const filter = idFilter(f, target);
    if (filter === 'required' && !known) {
      notes.set(
        f,
        `${f.rule} needs the submission's patient table, to keep only the IDs that then match it.`,
      );
      continue;
    }
    await mapColumn(conn, src, f);
    if (f.typed)
      await conn.run(
        `DELETE FROM fixmap WHERE col = ${lit(f.column)} AND rule = ${lit(f.rule)} AND "to" <> '' AND (${typedExpr('"to"', f.col.type)}) IS NULL`,
      );
    if (filter !== 'none' && known)
      await conn.run(
        `DELETE FROM fixmap WHERE col = ${lit(f.column)} AND rule = ${lit(f.rule)} AND "to" NOT IN (SELECT id FROM known_ids)`,
      );
  }
  return notes;
}

/** Whether a fix keeps only results that are known patient IDs. */
function idFilter(f: ResolvedFix, target: FixTarget): 'none' | 'required' | 'filter' {
  if (f.spec.knownIds === 'required') return 'required';
  if (f.spec.knownIds === 'id-column' && f.column === target.patientIdColumn) return 'filter';
  return 'none';
}

/**
 * Reads the column's distinct candidate values a chunk at a time (memory stays bounded on any
 * column), transforms them, and appends the changes.
 */
async function mapColumn(conn: DuckDBConnection, src: string, f: ResolvedFix): Promise<void> {
  const v = f.typed ? 'raw' : ident(f.column);
  const from = f.typed
    ? `${src}._invalid_cells WHERE "column" = ${lit(f.column)}`
    : `${src}.data WHERE ${v} IS NOT NULL`;
  const narrow = f.spec.candidates?.(v, f.params);
  const sql = `SELECT DISTINCT ${v} AS v FROM ${from}${narrow ? ` AND (${narrow})` : ''} AND ${v} NOT IN (SELECT "from" FROM fixmap WHERE col = ${lit(f.column)})`;
  const result = await conn.stream(sql);
  const appender = await conn.createAppender('fixmap', 'main', 'temp');
  try {
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      for (const value of chunk.getColumnValues(0)) {
        if (typeof value !== 'string') continue;
        const to = f.spec.apply(value, f.params, f.view);
        if (to === null || to === value) continue;
        appender.appendVarchar(f.column);
        appender.appendVarchar(value);
        appender.appendVarchar(to);
        appender.appendVarchar(f.rule);
        appender.appendBoolean(f.typed);
        appender.endRow();
      }
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}
