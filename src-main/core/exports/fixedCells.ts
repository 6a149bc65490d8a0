/**
 * "Export changed cells (CSV)": every cell a guided fix changed (`_fixes` of the fixed
 * artifact) as `line,column,rule,original,fixed`, written by DuckDB straight from the artifact
 * (a whole date column can be millions of cells). Values of patient data: a local file, owner
 * only, never pushed.
 */
import { chmod, writeFile } from 'node:fs/promises';
import { lit } from '../precheck/sql';

const duckdb = () => import('@duckdb/node-api');

/** Writes the changed cells of `artifact` to `dest`; returns how many. */
export async function exportFixedCells(artifact: string, dest: string): Promise<number> {
  // Created private first: COPY then only truncates and writes it.
  await writeFile(dest, '', { mode: 0o600 });
  await chmod(dest, 0o600);
  const { DuckDBInstance } = await duckdb();
  const instance = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '256MB' });
  const conn = await instance.connect();
  try {
    await conn.run(`ATTACH ${lit(artifact)} AS a (READ_ONLY)`);
    await conn.run(
      `COPY (SELECT _line AS line, "column", rule, original, fixed FROM a._fixes ORDER BY _line, "column") TO ${lit(dest)} (FORMAT csv, HEADER true)`,
    );
    const [n] = (await conn.runAndReadAll('SELECT count(*) AS n FROM a._fixes')).getRowObjectsJS();
    return Number(n?.n ?? 0);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
