/**
 * What a guided fix would change, before it is applied: for each fix, how many cells, and the
 * first few changed values with their lines (for the window's preview; values stay on this
 * computer). Reads the artifact read-only, in a private in-memory DuckDB: nothing is written.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import type { FixRule } from '../../shared/report';
import { ident, lit } from '../precheck/sql';
import type { FixTarget, ResolvedFix } from './fixMap';
import { buildFixMap, resolveFixes } from './fixMap';

export interface FixPreviewParams extends FixTarget {
  artifact: string;
  /** Changed values shown per fix (the window shows 20). */
  limit: number;
}

export interface FixPreview {
  rule: FixRule;
  column: string;
  /** Cells the fix would change. */
  cells: number;
  /** The first changed cells by line: the value before and after (after null: the column goes). */
  samples: { line: number; before: string; after: string | null }[];
  /** Why it would change nothing, where there is more to say than "no value needs it". */
  note: string | null;
}

/** The cells each fix would change (on one column, the first fix that changes a value wins). */
export async function previewFixes(p: FixPreviewParams): Promise<FixPreview[]> {
  const fixes = resolveFixes(p);
  const instance = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '256MB' });
  const conn = await instance.connect();
  try {
    await conn.run(`ATTACH ${lit(p.artifact)} AS src (READ_ONLY)`);
    const notes = await buildFixMap(conn, 'src', p, fixes);
    const out: FixPreview[] = [];
    for (const f of fixes) {
      const cells = cellsSql(f);
      const rows = async (sql: string): Promise<Record<string, unknown>[]> =>
        (await conn.runAndReadAll(sql)).getRowObjectsJS();
      const [n] = await rows(`SELECT count(*) AS n FROM (${cells})`);
      const samples = await rows(
        `${cells} ORDER BY line LIMIT ${Math.max(0, Math.floor(p.limit))}`,
      );
      out.push({
        rule: f.rule,
        column: f.column,
        cells: Number(n?.n ?? 0),
        samples: samples.map((r) => ({
          line: Number(r.line),
          before: String(r.before),
          after: r.after === null || r.after === undefined ? null : String(r.after),
        })),
        note: notes.get(f) ?? null,
      });
    }
    return out;
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** The SELECT of `(line, before, after)` of every cell one fix changes. */
function cellsSql(f: ResolvedFix): string {
  const c = ident(f.column);
  if (f.spec.kind === 'column')
    return `SELECT _line AS line, ${c}::VARCHAR AS before, NULL::VARCHAR AS after FROM src.data WHERE ${c} IS NOT NULL`;
  const mine = `(SELECT "from", "to" FROM fixmap WHERE col = ${lit(f.column)} AND rule = ${lit(f.rule)})`;
  return f.typed
    ? `SELECT i._line AS line, i.raw AS before, m."to" AS after FROM src._invalid_cells i JOIN ${mine} m ON m."from" = i.raw WHERE i."column" = ${lit(f.column)}`
    : `SELECT d._line AS line, d.${c} AS before, m."to" AS after FROM src.data d JOIN ${mine} m ON m."from" = d.${c}`;
}
