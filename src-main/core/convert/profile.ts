import type { ColumnProfile } from '../../shared/report';
import type { Query } from '../precheck/checks';
import type { PlannedColumn } from '../precheck/columnPlan';
import { ident, lit, sqlType } from '../precheck/sql';

/** Columns counted per GROUPING SETS scan of `data`. */
const SETS_PER_SCAN = 32;
/** A text column with at most this many distinct values gets a top-values chart. */
const TOP_CHART_MAX_DISTINCT = 50;

export interface ProfileResult {
  profile: ColumnProfile[];
  rows: number;
  /** Exact distinct values per column (same order as the columns). */
  distinct: number[];
}

/** Where a column's values sit in the narrow `profile_counts` table. */
type Slot = 't' | 'i' | 'f' | 'd';

function slotOf(col: PlannedColumn): Slot {
  switch (sqlType(col.type)) {
    case 'DATE':
      return 'd';
    case 'INTEGER':
    case 'BIGINT':
      return 'i';
    case 'DOUBLE':
      return 'f';
    default:
      return 't';
  }
}

const SLOT_TYPES: Record<Slot, string> = { t: 'VARCHAR', i: 'BIGINT', f: 'DOUBLE', d: 'DATE' };

/**
 * Per column: filled %, exact distinct count, min/max, and top values or a histogram (for the
 * charts). One scan of `data` counts every value of up to 32 columns at once (GROUPING SETS,
 * one set per column) into a narrow temporary table, one row per (column, value): its size is
 * the number of distinct values, whatever the number of columns. Everything else is read from
 * that table. ID columns are counted but their values never leave DuckDB.
 */
export async function profileData(
  q: Query,
  columns: PlannedColumn[],
  onCounts?: CountsHook,
): Promise<ProfileResult> {
  const out: ColumnProfile[] = [];
  let rows = 0;
  for (let start = 0; start < columns.length; start += SETS_PER_SCAN) {
    const part = columns.slice(start, start + SETS_PER_SCAN);
    const r = await profilePart(q, part, onCounts && (() => onCounts(part, start)));
    out.push(...r.profile);
    rows = r.rows;
  }
  if (columns.length === 0) {
    const [r] = await q('SELECT count(*) AS n FROM data');
    rows = Number(r?.n ?? 0);
  }
  return { profile: out, rows, distinct: out.map((p) => p.distinct) };
}

/**
 * Reads `profile_counts` (one row per column and distinct value) before it is dropped: the
 * identifier screen takes its distinct values from it rather than scanning `data` again.
 * `offset` is the part's first column in the plan.
 */
export type CountsHook = (part: PlannedColumn[], offset: number) => Promise<void>;

async function profilePart(
  q: Query,
  part: PlannedColumn[],
  onCounts?: () => Promise<void>,
): Promise<ProfileResult> {
  const slots = part.map(slotOf);
  // Within one grouping set every key but its own is NULL (grouped away), so a coalesce per
  // type gives the set's value, and grouping() says which set a row belongs to.
  const which = `CASE ${part.map((_, j) => `WHEN grouping(k${j}) = 0 THEN ${j}`).join(' ')} END`;
  const valueOf = (slot: Slot): string => {
    const keys = part.flatMap((_, j) => (slots[j] === slot ? [`k${j}`] : []));
    if (keys.length === 0) return `NULL::${SLOT_TYPES[slot]}`;
    return keys.length === 1
      ? `${keys[0]}::${SLOT_TYPES[slot]}`
      : `coalesce(${keys.join(', ')})::${SLOT_TYPES[slot]}`;
  };
  await q(
    `CREATE OR REPLACE TEMP TABLE profile_counts AS
     SELECT ${which} AS j, ${(['t', 'i', 'f', 'd'] as const).map((s) => `${valueOf(s)} AS ${s}`).join(', ')}, count(*) AS n
     FROM (SELECT ${part.map((col, j) => `${ident(col.name)} AS k${j}`).join(', ')} FROM data)
     GROUP BY GROUPING SETS (${part.map((_, j) => `(k${j})`).join(', ')})`,
  );
  try {
    await onCounts?.();
    const summary = await q(
      `SELECT j, sum(n) AS rows, ${(['t', 'i', 'f', 'd'] as const)
        .map(
          (s) =>
            `sum(n) FILTER (WHERE ${s} IS NOT NULL) AS f_${s}, count(${s}) AS d_${s}, min(${s})::VARCHAR AS lo_${s}, max(${s})::VARCHAR AS hi_${s}`,
        )
        .join(', ')},
        arg_min(t, TRY_CAST(t AS DOUBLE)) AS nlo_t, arg_max(t, TRY_CAST(t AS DOUBLE)) AS nhi_t,
        count(t) FILTER (WHERE TRY_CAST(t AS DOUBLE) IS NULL AND trim(t) <> '') AS nn_t
        FROM profile_counts GROUP BY j`,
    );
    const byJ = new Map(summary.map((r) => [Number(r.j), r]));
    let rows = 0;
    for (const r of summary) rows = Math.max(rows, Number(r.rows ?? 0));
    const profile: ColumnProfile[] = part.map((col, j) => {
      const r = byJ.get(j);
      const s = slots[j]!;
      const hide = col.type === 'id';
      // A text column whose values are all numbers: its smallest and largest number, not the
      // first and last in alphabetical order ("10" sorts before "9").
      const numeric = s === 't' && r?.nlo_t != null && Number(r.nn_t ?? 1) === 0;
      return {
        name: col.name,
        type: col.type,
        filledPct: rows === 0 ? 0 : Math.round((Number(r?.[`f_${s}`] ?? 0) / rows) * 1000) / 10,
        distinct: Number(r?.[`d_${s}`] ?? 0),
        min: hide ? null : ((r?.[numeric ? 'nlo_t' : `lo_${s}`] as string | null) ?? null),
        max: hide ? null : ((r?.[numeric ? 'nhi_t' : `hi_${s}`] as string | null) ?? null),
      };
    });
    // Every chart in one query (small files: the per-query cost is most of the work).
    const charts = part.flatMap((col, j) => {
      const chart = chartSql(col, profile[j]!, j, slots[j]!);
      return chart ? [{ j, ...chart }] : [];
    });
    if (charts.length) {
      const bars = await q(
        `${charts.map((c) => `SELECT ${c.j} AS j, v, n, s FROM (${c.sql})`).join(' UNION ALL ')} ORDER BY j, s`,
      );
      for (const c of charts) {
        const prof = profile[c.j]!;
        if (c.kind === 'top') prof.top = [];
        else prof.histogram = [];
      }
      for (const b of bars) {
        const prof = profile[Number(b.j)]!;
        const label = String(b.v);
        const count = Number(b.n);
        if (prof.top) prof.top.push({ value: label, count });
        else prof.histogram?.push({ bucket: label, count });
      }
    }
    return { profile, rows, distinct: profile.map((p) => p.distinct) };
  } finally {
    await q('DROP TABLE IF EXISTS profile_counts');
  }
}

/**
 * The chart of column `j`, read from `profile_counts` (`k`: its values), as rows (v: label,
 * n: count, s: order): the 10 most frequent values of a coded or short text column, dates by
 * month, numbers in ten buckets from min to max labelled by their smallest value. Null for
 * columns without a chart (IDs, long text).
 */
function chartSql(
  col: PlannedColumn,
  prof: ColumnProfile,
  j: number,
  k: Slot,
): { kind: 'top' | 'histogram'; sql: string } | null {
  const values = `FROM profile_counts WHERE j = ${j} AND ${k} IS NOT NULL`;
  if (
    col.type === 'enum' ||
    col.type === 'boolean' ||
    (col.type === 'string' && prof.distinct > 0 && prof.distinct <= TOP_CHART_MAX_DISTINCT)
  ) {
    return {
      kind: 'top',
      sql: `SELECT ${k}::VARCHAR AS v, n, row_number() OVER (ORDER BY n DESC, ${k}::VARCHAR) AS s ${values} QUALIFY s <= 10`,
    };
  }
  if (col.type === 'date' && prof.min !== null) {
    return {
      kind: 'histogram',
      sql: `SELECT v, n, row_number() OVER (ORDER BY v) AS s FROM (SELECT strftime(${k}, '%Y-%m') AS v, sum(n) AS n ${values} GROUP BY 1)`,
    };
  }
  if (
    (col.type === 'year' || col.type === 'integer' || col.type === 'number') &&
    prof.min !== null &&
    prof.max !== null
  ) {
    const t = SLOT_TYPES[k];
    const lo = `CAST(${lit(prof.min)} AS ${t})`;
    const hi = `CAST(${lit(prof.max)} AS ${t})`;
    const bucket =
      prof.min === prof.max
        ? `(${k} IS NOT NULL)::INT` // one value: one bucket
        : `least(9, floor((${k} - ${lo}) / ((${hi} - ${lo}) / 10.0)))::INT`;
    return {
      kind: 'histogram',
      sql: `SELECT min(${k})::VARCHAR AS v, sum(n) AS n, ${bucket}::BIGINT AS s ${values} GROUP BY ${bucket}`,
    };
  }
  return null;
}
