import type { BoardView, TableStatus } from '../../shared/views';
import type { DefinitionSet } from '../definitions/loader';
import type { JobRecord, Ledger } from './ledger';
import { supersededBy } from './versions';

/** The board's shape is part of the window's contract. */
export type SubmissionBoard = BoardView;

const IN_PROGRESS = new Set(['queued', 'scanning', 'converting', 'checking', 'pushing']);

/**
 * The state of one submission (cohort and protocol year): each table of the definitions in
 * submission order with what the ledger knows of it. Only the current version of each file
 * counts (ledger/versions.ts): a file taken again at the same path replaces its earlier job.
 */
export function submissionBoard(
  ledger: Ledger,
  defs: DefinitionSet,
  cohort: string | null,
  protocolYear: number | null,
): SubmissionBoard {
  const all = ledger.jobs();
  const replaced = supersededBy(all);
  const mine = all.filter(
    (j) =>
      j.cohort === cohort &&
      j.protocolYear === protocolYear &&
      !['failed', 'cancelled', 'skipped'].includes(j.stage) &&
      !replaced.has(j.id),
  );
  const na = ledger.notAvailable(cohort, protocolYear);
  let unknown = 0;
  const tables = defs.ordered().map((d) => {
    let jobs: JobRecord[] = mine.filter((j) => j.table === d.table);
    // A single-file table counts its latest version only.
    if (d.files === 'single' && jobs.length > 1) jobs = jobs.slice(-1);
    let status: TableStatus = 'missing';
    if (jobs.length === 0 && na.has(d.table)) status = 'not available';
    else if (jobs.some((j) => IN_PROGRESS.has(j.stage))) status = 'in progress';
    else if (jobs.some((j) => j.stage === 'blocked')) status = 'problems';
    else if (jobs.length > 0 && jobs.every((j) => j.stage === 'pushed'))
      status = jobs.every((j) => j.push.local) ? 'saved locally' : 'sent';
    else if (jobs.length > 0) status = 'ready';
    for (const j of jobs) unknown += j.summary?.patientIds?.unknown ?? 0;
    const rows = jobs.length ? jobs.reduce((n, j) => n + (j.summary?.rowsStored ?? 0), 0) : null;
    const patients =
      d.table === 'patient' && jobs[0]?.summary?.patientIds
        ? jobs[0].summary.patientIds.distinct
        : null;
    return {
      table: d.table,
      label: d.label,
      status,
      files: jobs.length,
      rows,
      patients,
      reason: status === 'not available' ? (na.get(d.table) ?? null) : null,
      jobs: jobs.map((j) => j.id),
    };
  });
  const queue = all.filter(
    (j) =>
      (j.stage === 'push-queued' || (j.stage === 'ready' && !j.pushedAt)) && !replaced.has(j.id),
  ).length;
  return { cohort, protocolYear, tables, unknownPatientIds: unknown, queue };
}
