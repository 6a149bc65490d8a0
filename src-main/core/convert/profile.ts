import type { ColumnProfile } from '../../shared/report';
import type { Query } from '../precheck/checks';
import type { PlannedColumn } from '../precheck/plan';
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

/**
 * Per column: filled %, exact distinct count, min/max, and top values or a histogram (for the
 * charts). One scan of `data` counts every value of up to 32 columns at once (GROUPING SETS,
 * one set per column) into a small temporary table; everything else is read from that table.
 * ID columns are counted but their values never leave DuckDB.
 */
export async function profileData(q: Query, columns: PlannedColumn[]): Promise<ProfileResult> {
  const out: ColumnProfile[] = [];
  const distinct: number[] = [];
  let rows = 0;
  for (let start = 0; start < columns.length; start += SETS_PER_SCAN) {
    const part = columns.slice(start, start + SETS_PER_SCAN);
    const r = await profilePart(q, part);
    out.push(...r.profile);
    distinct.push(...r.distinct);
    rows = r.rows;
  }
  if (columns.length === 0) {
    const [r] = await q('SELECT count(*) AS n FROM data');
    rows = Number(r?.n ?? 0);
  }
  return { profile: out, rows, distinct };
}

async function profilePart(q: Query, part: PlannedColumn[]): Promise<ProfileResult> {
  // profile_counts: one row per (column, value) with its count; g{j} = 0 on column j's rows.
  await q(
    `CREATE OR REPLACE TEMP TABLE profile_counts AS
     SELECT ${part.map((_, j) => `k${j}, grouping(k${j}) AS g${j}`).join(', ')}, count(*) AS n
     FROM (SELECT ${part.map((col, j) => `${ident(col.name)} AS k${j}`).join(', ')} FROM data)
     GROUP BY GROUPING SETS (${part.map((_, j) => `(k${j})`).join(', ')})`,
  );
  try {
    const [s] = await q(
      `SELECT sum(n) FILTER (WHERE g0 = 0) AS rows, ${part
        .map((col, j) =>
          [
            `sum(n) FILTER (WHERE k${j} IS NOT NULL) AS f${j}`,
            `count(k${j}) AS d${j}`,
            col.type === 'id' ? `NULL AS lo${j}` : `min(k${j})::VARCHAR AS lo${j}`,
            col.type === 'id' ? `NULL AS hi${j}` : `max(k${j})::VARCHAR AS hi${j}`,
          ].join(', '),
        )
        .join(', ')} FROM profile_counts`,
    );
    const rows = Number(s?.rows ?? 0);
    const profile: ColumnProfile[] = part.map((col, j) => ({
      name: col.name,
      type: col.type,
      filledPct: rows === 0 ? 0 : Math.round((Number(s?.[`f${j}`] ?? 0) / rows) * 1000) / 10,
      distinct: Number(s?.[`d${j}`] ?? 0),
      min: (s?.[`lo${j}`] as string | null) ?? null,
      max: (s?.[`hi${j}`] as string | null) ?? null,
    }));
    // Every chart in one query (small files: the per-query cost is most of the work).
    const charts = part.flatMap((col, j) => {
      const chart = chartSql(col, profile[j]!, `k${j}`);
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
 * The chart of one column, read from `profile_counts` (`k`: its values), as rows (v: label,
 * n: count, s: order): the 10 most frequent values of a coded or short text column, dates by
 * month, numbers in ten buckets from min to max labelled by their smallest value. Null for
 * columns without a chart (IDs, long text).
 */
function chartSql(
  col: PlannedColumn,
  prof: ColumnProfile,
  k: string,
): { kind: 'top' | 'histogram'; sql: string } | null {
  const values = `FROM profile_counts WHERE ${k} IS NOT NULL`;
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
    const t = sqlType(col.type);
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
