import { DuckDBInstance } from '@duckdb/node-api';
import type { Issue } from '../../shared/report';
import type { PatientPolicy } from '../precheck/crossTable';
import { loadKnownIds, unknownIds } from '../precheck/crossTable';
import type { PlannedColumn } from '../precheck/columnPlan';
import { lit } from '../precheck/sql';

export interface RecheckParams {
  /** The job's verified artifact (opened read-only, never changed). */
  artifact: string;
  /** The submission's new patient artifact. */
  patients: string;
  column: string;
  /** The column's type in the artifact (an `id` is text). */
  columnType: PlannedColumn['type'];
  patientColumn: string;
  policy: PatientPolicy;
}

/**
 * Re-runs the cross-table patient ID check of an existing artifact against another patient
 * table, in a scratch in-memory database that attaches both files read-only.
 */
export async function recheckUnknownIds(
  p: RecheckParams,
): Promise<{ issue: Issue | null; distinct: number; issues: Issue[] }> {
  const inst = await DuckDBInstance.create(':memory:', { threads: '1', memory_limit: '256MB' });
  const conn = await inst.connect();
  const q = async (sql: string): Promise<Record<string, unknown>[]> => {
    const r = await conn.runAndReadAll(sql);
    return r
      .getRowObjectsJS()
      .map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([k, v]) => [
            k,
            typeof v === 'bigint'
              ? Number(v)
              : Array.isArray(v)
                ? v.map((x) => (typeof x === 'bigint' ? Number(x) : x))
                : v,
          ]),
        ),
      );
  };
  try {
    await q(`ATTACH ${lit(p.artifact)} AS job (READ_ONLY)`);
    await q('CREATE TEMP VIEW data AS SELECT * FROM job.data');
    await q('CREATE TEMP VIEW _invalid_cells AS SELECT * FROM job._invalid_cells');
    await loadKnownIds(q, p.patients, p.patientColumn);
    return await unknownIds(q, { name: p.column, type: p.columnType }, p.policy);
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
}
