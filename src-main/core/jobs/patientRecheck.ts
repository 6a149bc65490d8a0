import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Report } from '../../shared/report';
import type { RecheckParams } from '../convert/recheckIds';
import type { DefinitionSet } from '../definitions/loader';
import type { RecheckedJob } from '../ledger/events';
import type { Ledger } from '../ledger/ledger';
import type { PatientPolicy } from '../precheck/crossTable';
import { DEFAULT_POLICY } from '../precheck/crossTable';
import { sortIssues } from '../precheck/issue';
import { acquireWorker } from '../workers/client';
import { issueCounts } from './report';
import { checkedStage, reportStatus } from './status';

const CROSS_CODES = new Set([
  'unknown-patient-id',
  'no-patient-table',
  'id-leading-zeros-lost',
  'id-whitespace',
]);

/**
 * When the submission's patient table changes, re-runs the cross-table check of its other
 * tables (not yet pushed) against the new one and updates their reports, ledger records and
 * manifests-to-be, with one ledger event for the whole re-check. The artifacts themselves are
 * verified files and stay as they are. Returns the ids of the jobs whose report changed.
 */
export async function recheckSubmission(o: {
  ledger: Ledger;
  definitions: DefinitionSet;
  cohort: string | null;
  protocolYear: number | null;
  patientsArtifact: string;
  policy?: PatientPolicy;
  signal?: AbortSignal;
}): Promise<string[]> {
  const jobs = o.ledger
    .jobs()
    .filter(
      (j) =>
        j.cohort === o.cohort &&
        j.protocolYear === o.protocolYear &&
        j.table !== 'patient' &&
        (j.stage === 'ready' || j.stage === 'blocked' || j.stage === 'push-queued') &&
        j.artifact &&
        existsSync(j.artifact.path) &&
        j.reportPath &&
        existsSync(j.reportPath),
    );
  if (jobs.length === 0) return [];
  const changed: string[] = [];
  const rechecked: RecheckedJob[] = [];
  const worker = acquireWorker('convert');
  try {
    for (const j of jobs) {
      // Stopping (SIGTERM, a closing window): what is done so far is recorded below.
      if (o.signal?.aborted) break;
      const def = j.table ? o.definitions.get(j.table) : undefined;
      const variable = def?.variables.find((v) => v.inTable);
      if (!def || !variable?.inTable) continue;
      const r = await worker.request('recheck', {
        artifact: j.artifact!.path,
        patients: o.patientsArtifact,
        column: variable.name,
        columnType: variable.type,
        patientColumn: variable.inTable.column,
        policy: o.policy ?? DEFAULT_POLICY,
      } satisfies RecheckParams);
      const report = JSON.parse(readFileSync(j.reportPath!, 'utf8')) as Report;
      const issues = sortIssues([
        ...report.issues.filter((i) => !CROSS_CODES.has(i.code)),
        ...r.issues,
      ]);
      const before = JSON.stringify(report.issues);
      if (JSON.stringify(issues) === before) continue;
      const updated: Report = {
        ...report,
        issues,
        status: reportStatus(issues),
        patientIds: report.patientIds ? { ...report.patientIds, unknown: r.distinct } : null,
      };
      writeFileSync(j.reportPath!, JSON.stringify(updated, null, 2), { mode: 0o600 });
      const sev = { error: 0, warning: 0, info: 0 };
      for (const i of issues) sev[i.severity]++;
      // Blocking errors appeared or went away; an override stays an override.
      const checked = checkedStage(updated.status, j.override !== null);
      const stage = checked === 'blocked' || j.stage === 'blocked' ? checked : j.stage;
      rechecked.push({
        id: j.id,
        status: updated.status,
        issues: sev,
        unknown: updated.patientIds ? r.distinct : null,
        counts: issueCounts(updated),
        ...(stage !== j.stage ? { stage: { from: j.stage, to: stage } } : {}),
      });
      changed.push(j.id);
    }
  } finally {
    await worker.shutdown();
    // One event for the whole re-check (what was done, if it was stopped part-way).
    if (rechecked.length > 0)
      o.ledger.append({
        type: 'recheck',
        at: new Date().toISOString(),
        cohort: o.cohort,
        protocolYear: o.protocolYear,
        jobs: rechecked,
      });
  }
  return changed;
}
