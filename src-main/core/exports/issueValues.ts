/**
 * The lines of an issue with the value at fault, read from the job's artifact on this
 * computer: for the window (beside each line, the nearest patient-table ID for an unknown
 * patient ID) and the local "every line" export. Never pushed, never logged.
 *
 * Also the distinct data rows a report's issues touch: a row with two problems is one row, and
 * whole-file or header findings are no row at all.
 */
import type * as DuckDB from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { issueScope } from '../../shared/issueScope';
import type { Issue, Report, Severity } from '../../shared/report';
import type { DefinitionSet } from '../definitions/loader';
import { crossTableColumn } from '../precheck/crossTable';
import { ident, lit } from '../precheck/sql';
import { duckdbLoadError } from '../workers/client';
import { linesSql, plannedColumns } from './issueSql';

/** What reading an issue's lines needs: the report, the artifact and the patient table. */
export interface ArtifactContext {
  report: Report;
  artifact: string | null;
  defs: DefinitionSet;
  /** The patient artifact the job was checked against, when known. */
  patients: string | null;
}

/** An open, read-only view of the artifact, with `known_ids` when the patients are known. */
export interface ArtifactQuery {
  rows(sql: string): Promise<Record<string, unknown>[]>;
  conn: DuckDBConnection;
  hasPatients: boolean;
  dataColumns: Set<string>;
}

/**
 * DuckDB, loaded when an export or a line list needs it: this module runs in the desktop app's
 * main process, which must start (and say plainly what is wrong) even when the binding does
 * not fit this computer.
 */
async function duckdb(): Promise<typeof DuckDB> {
  try {
    return await import('@duckdb/node-api');
  } catch (e) {
    throw duckdbLoadError(e as Error);
  }
}

/** Runs `fn` with the artifact attached read-only; closes it whatever happens. */
export async function withArtifact<T>(
  ctx: ArtifactContext & { artifact: string },
  fn: (q: ArtifactQuery) => Promise<T>,
): Promise<T> {
  const { DuckDBInstance } = await duckdb();
  const instance = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '256MB' });
  const conn = await instance.connect();
  try {
    await conn.run(`ATTACH ${lit(ctx.artifact)} AS a (READ_ONLY)`);
    for (const t of ['data', '_invalid_cells', '_rejected_rows'])
      await conn.run(`CREATE TEMP VIEW ${t} AS SELECT * FROM a.${t}`);
    const known = crossTableColumn(plannedColumns(ctx.report, ctx.defs))?.variable?.inTable?.column;
    let hasPatients = false;
    if (ctx.patients && known) {
      await conn.run(`ATTACH ${lit(ctx.patients)} AS patients (READ_ONLY)`);
      await conn.run(
        `CREATE TEMP TABLE known_ids AS SELECT DISTINCT ${ident(known)}::VARCHAR AS id FROM patients.data WHERE ${ident(known)} IS NOT NULL`,
      );
      hasPatients = true;
    }
    const rows = async (sql: string): Promise<Record<string, unknown>[]> => {
      const r = await conn.runAndReadAll(sql);
      return r
        .getRowObjectsJS()
        .map((o) =>
          Object.fromEntries(
            Object.entries(o).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]),
          ),
        );
    };
    const cols = await rows(`SELECT column_name AS c FROM (DESCRIBE data)`);
    const dataColumns = new Set(cols.map((c) => String(c.c)));
    return await fn({ rows, conn, hasPatients, dataColumns });
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** Does the report list every line of the issue? */
export function complete(issue: Issue): boolean {
  return issue.lines.length >= issue.count;
}

/** Data rows are lines 2 on: line 1 is the header. Whole-file findings list no line. */
export function isRowIssue(issue: Issue): boolean {
  return issueScope(issue) === 'rows';
}

/** SQL selecting `_line` of every line of the issue, or null when only its listed lines are known. */
export function lineSetSql(issue: Issue, ctx: ArtifactContext, q: ArtifactQuery): string | null {
  if (complete(issue) && issue.lines.length > 0)
    return `SELECT unnest([${issue.lines.join(', ')}]::BIGINT[]) AS _line`;
  const sql = linesSql(issue, ctx.report, ctx.defs, q.hasPatients);
  if (sql) return sql;
  // Rejected records are all in `_rejected_rows`: exact when this is the only kind of them.
  const rejected = new Set(['ragged-row', 'unclosed-quote', 'stray-quote']);
  const sole = ctx.report.issues.filter((i) => rejected.has(i.code)).length === 1;
  if (!rejected.has(issue.code) || !sole) return null;
  // A broken header is reported at its line too, and is no rejected row: add it.
  const header = ctx.report.issues.some((i) => i.code === 'sep-line') ? 2 : 1;
  return issue.lines.includes(header)
    ? `SELECT _line FROM _rejected_rows UNION SELECT ${header}`
    : 'SELECT _line FROM _rejected_rows';
}

/** SQL of (line, value) for the lines in `set`, in line order. */
export function valuesSql(issue: Issue, set: string, q: ArtifactQuery): string {
  const col = issue.column !== null && q.dataColumns.has(issue.column) ? issue.column : null;
  const joins = [
    col
      ? `LEFT JOIN (SELECT _line, any_value(raw) AS raw FROM _invalid_cells WHERE "column" = ${lit(col)} GROUP BY 1) ic USING (_line)`
      : '',
    col ? `LEFT JOIN (SELECT _line, ${ident(col)}::VARCHAR AS v FROM data) d USING (_line)` : '',
    `LEFT JOIN (SELECT _line, any_value(raw) AS raw FROM _rejected_rows GROUP BY 1) r USING (_line)`,
  ];
  const value = col ? 'coalesce(ic.raw, d.v, r.raw)' : 'r.raw';
  return `SELECT l._line AS line, ${value} AS value FROM (SELECT DISTINCT _line FROM (${set})) l ${joins.join(' ')} ORDER BY line`;
}

/** Patient IDs not found as written: the window shows the patient-table ID they are closest to. */
const NEAREST_CODES: ReadonlySet<string> = new Set([
  'unknown-patient-id',
  'id-leading-zeros-lost',
  'id-whitespace',
]);

/** The nearest known patient ID for each value: same digits, else at most 2 edits away. */
async function nearestIds(q: ArtifactQuery, values: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const wanted = [...new Set(values)].filter((v) => v !== '').slice(0, 200);
  if (!q.hasPatients || wanted.length === 0) return out;
  const digits = (x: string): string => `ltrim(regexp_replace(${x}, '[^0-9]', '', 'g'), '0')`;
  const score = `CASE WHEN ${digits('k.id')} = ${digits('u.v')} AND ${digits('u.v')} <> '' THEN 0 ELSE levenshtein(k.id, u.v) END`;
  const rows = await q.rows(
    `SELECT u.v AS v, arg_min(k.id, ${score}) AS id, min(${score}) AS d
     FROM (SELECT unnest([${wanted.map(lit).join(', ')}]) AS v) u, known_ids k GROUP BY u.v`,
  );
  for (const r of rows) if (Number(r.d) <= 2) out.set(String(r.v), String(r.id));
  return out;
}

/**
 * One page of an issue's lines with their values. Lines the artifact cannot list (the file's
 * structure, read from the source) come from the report, without values.
 */
export async function issueLinePage(
  ctx: ArtifactContext,
  index: number,
  offset: number,
  limit: number,
): Promise<{
  total: number;
  items: { line: number; value: string | null; nearest: string | null }[];
}> {
  const issue = ctx.report.issues[index];
  if (!issue) throw new Error('There is no such issue in this report.');
  const listed = (): { total: number; items: { line: number; value: null; nearest: null }[] } => ({
    total: issue.lines.length,
    items: issue.lines
      .slice(offset, offset + limit)
      .map((line) => ({ line, value: null, nearest: null })),
  });
  if (!ctx.artifact || issue.lines.length === 0) return listed();
  return withArtifact({ ...ctx, artifact: ctx.artifact }, async (q) => {
    const set = lineSetSql(issue, ctx, q);
    if (!set) return listed();
    const [n] = await q.rows(`SELECT count(DISTINCT _line) AS n FROM (${set})`);
    const rows = await q.rows(`${valuesSql(issue, set, q)} LIMIT ${limit} OFFSET ${offset}`);
    const values = rows.map((r) => (r.value === null ? null : String(r.value).slice(0, 200)));
    const nearest = NEAREST_CODES.has(issue.code)
      ? await nearestIds(
          q,
          values.filter((v): v is string => v !== null),
        )
      : new Map<string, string>();
    return {
      total: Number(n?.n ?? 0),
      items: rows.map((r, i) => ({
        line: Number(r.line),
        value: values[i] ?? null,
        nearest: values[i] ? (nearest.get(values[i]!) ?? null) : null,
      })),
    };
  });
}

/** Distinct data rows per severity, and whether a count is only a lower bound. */
export type RowCounts = Record<Severity, { rows: number; atLeast: boolean }>;

/**
 * How many distinct data rows the issues of each severity touch. Exact from the report alone
 * when every issue lists all its lines; otherwise the missing lines are read from the artifact.
 */
export async function distinctRows(ctx: ArtifactContext): Promise<RowCounts> {
  const out: RowCounts = {
    error: { rows: 0, atLeast: false },
    warning: { rows: 0, atLeast: false },
    info: { rows: 0, atLeast: false },
  };
  const bySeverity = (s: Severity): Issue[] =>
    ctx.report.issues.filter((i) => i.severity === s && isRowIssue(i));
  const needsArtifact: Severity[] = [];
  for (const s of ['error', 'warning', 'info'] as const) {
    const issues = bySeverity(s);
    if (issues.every(complete)) {
      out[s].rows = new Set(issues.flatMap((i) => i.lines.filter((l) => l > 1))).size;
    } else needsArtifact.push(s);
  }
  if (needsArtifact.length === 0) return out;
  const fallback = (s: Severity): void => {
    const issues = bySeverity(s);
    const listed = new Set(issues.flatMap((i) => i.lines.filter((l) => l > 1))).size;
    out[s] = { rows: Math.max(listed, ...issues.map((i) => i.count)), atLeast: true };
  };
  if (!ctx.artifact) {
    needsArtifact.forEach(fallback);
    return out;
  }
  // Data rows start after the header (line 2 when Excel's sep= line comes first).
  const header = ctx.report.issues.some((i) => i.code === 'sep-line') ? 2 : 1;
  await withArtifact({ ...ctx, artifact: ctx.artifact }, async (q) => {
    for (const s of needsArtifact) {
      const issues = bySeverity(s);
      const sets = issues.map((i) => lineSetSql(i, ctx, q));
      const unknown = sets.some((x) => x === null);
      const parts = sets.map(
        (x, k) => x ?? `SELECT unnest([${issues[k]!.lines.join(', ')}]::BIGINT[]) AS _line`,
      );
      const [r] = await q.rows(
        `SELECT count(DISTINCT _line) AS n FROM (${parts.map((p) => `SELECT _line FROM (${p})`).join(' UNION ALL ')}) WHERE _line > ${header}`,
      );
      const n = Number(r?.n ?? 0);
      out[s] = unknown
        ? { rows: Math.max(n, ...issues.map((i) => i.count)), atLeast: true }
        : { rows: n, atLeast: false };
    }
  }).catch(() => needsArtifact.forEach(fallback));
  return out;
}
