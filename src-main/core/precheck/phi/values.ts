/**
 * The distinct values the identifier screen reads, with how many rows hold each, in the
 * temporary table `phi_values(src, j, v, n)`: `src` 0 for a text column of `data` (column
 * index `j` of the plan), 1 for a typed column's text that did not fit (`_invalid_cells`).
 * The profile fills it from the counts it makes anyway (`fromProfileCounts`), so the screen
 * adds no scan of `data`; `collectValues` makes it alone (a file without a profile, tests).
 */
import type { Query } from '../checks';
import type { PlannedColumn } from '../columnPlan';
import { ident, isTyped, lit, sqlType } from '../sql';

export const VALUES_TABLE = 'phi_values';

/** Text columns the screen reads in `data`: every VARCHAR column the file has, but patient IDs. */
export function screenedInData(col: PlannedColumn): boolean {
  return col.index !== null && col.type !== 'id' && sqlType(col.type) === 'VARCHAR';
}

/** Typed columns whose text that did not fit (`_invalid_cells`) the screen reads. */
export function screenedInvalid(col: PlannedColumn): boolean {
  return col.index !== null && isTyped(col.type);
}

export async function createValuesTable(q: Query): Promise<void> {
  await q(
    `CREATE OR REPLACE TEMP TABLE ${VALUES_TABLE} (src TINYINT, j INTEGER, v VARCHAR, n BIGINT)`,
  );
}

/**
 * Copies the text columns' value counts out of the profile's `profile_counts` (its part of
 * the plan starts at column `offset`; `j` there is the index within the part).
 */
export async function fromProfileCounts(
  q: Query,
  part: PlannedColumn[],
  offset: number,
): Promise<void> {
  const js = part.flatMap((c, k) => (screenedInData(c) ? [k] : []));
  if (js.length === 0) return;
  await q(
    `INSERT INTO ${VALUES_TABLE} SELECT 0, ${offset} + j, t, n FROM profile_counts WHERE t IS NOT NULL AND j IN (${js.join(', ')})`,
  );
}

/** The typed columns' text that did not fit, by column (a small table: only such cells). */
export async function fromInvalidCells(q: Query, columns: PlannedColumn[]): Promise<void> {
  const typed = columns.flatMap((c, j) => (screenedInvalid(c) ? [{ c, j }] : []));
  if (typed.length === 0) return;
  const which = `CASE "column" ${typed.map(({ c, j }) => `WHEN ${lit(c.name)} THEN ${j}`).join(' ')} END`;
  await q(
    `INSERT INTO ${VALUES_TABLE} SELECT 1, ${which}, raw, count(*) FROM _invalid_cells WHERE raw IS NOT NULL AND "column" IN (${typed.map(({ c }) => lit(c.name)).join(', ')}) GROUP BY ALL`,
  );
}

/** `phi_values` made by one GROUPING SETS scan of the text columns, when no profile made it. */
export async function collectValues(q: Query, columns: PlannedColumn[]): Promise<void> {
  await createValuesTable(q);
  const text = columns.flatMap((c, j) => (screenedInData(c) ? [{ c, j }] : []));
  if (text.length > 0) {
    const which = `CASE ${text.map((_, k) => `WHEN grouping(k${k}) = 0 THEN ${text[k]!.j}`).join(' ')} END`;
    await q(
      `INSERT INTO ${VALUES_TABLE} SELECT 0, ${which}, coalesce(${text.map((_, k) => `k${k}`).join(', ')}), count(*)
       FROM (SELECT ${text.map(({ c }, k) => `${ident(c.name)} AS k${k}`).join(', ')} FROM data)
       GROUP BY GROUPING SETS (${text.map((_, k) => `(k${k})`).join(', ')})
       HAVING coalesce(${text.map((_, k) => `k${k}`).join(', ')}) IS NOT NULL`,
    );
  }
  await fromInvalidCells(q, columns);
}
