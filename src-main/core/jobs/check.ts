/** The job's checking step: `data` finished, every rule and the profile run, in the worker. */
import type { BuildResult } from '../convert/convert';
import { CourierError } from '../errors';
import { DEFAULT_POLICY } from '../precheck/crossTable';
import type { ScanFacts } from './report';
import type { JobRun } from './jobRun';
import type { TablePlan } from './tablePlan';

/** The definition column whose distinct values are the patient IDs, if the table has one. */
export function patientIdColumn(plan: Pick<TablePlan, 'def'>): string | null {
  return plan.def?.variables.some((v) => v.name === 'cohortPatientId' && v.type === 'id')
    ? 'cohortPatientId'
    : null;
}

/**
 * Runs the checks on the loaded artifact and holds the result to Contract 1's invariant:
 * every record of the file is stored or rejected.
 */
export async function check(
  run: JobRun,
  scan: Pick<ScanFacts, 'rows'>,
  plan: Pick<TablePlan, 'columns' | 'def'>,
): Promise<BuildResult> {
  run.setStage('checking', scan.rows);
  const o = run.opts;
  const build = await run.conv.request(
    'build',
    {
      columns: plan.columns,
      definition: plan.def,
      patientIdColumn: patientIdColumn(plan),
      patients: o.patientsArtifact
        ? { artifact: o.patientsArtifact, policy: o.patientPolicy ?? DEFAULT_POLICY }
        : null,
      phiPolicy: o.phiPolicy ?? 'block',
    },
    run.progress('rows', 'checking'),
  );
  run.checkpoint();
  if (build.rowsStored + build.rowsRejected !== scan.rows)
    throw new CourierError(
      'internal',
      `Row count mismatch: ${scan.rows} records, ${build.rowsStored} stored, ${build.rowsRejected} rejected.`,
    );
  return build;
}
