/**
 * Whether a job can be sent, or overridden, and why not in plain words: one rule for the
 * window (a disabled button says why), the service and `courier push` (which refuse the same
 * jobs). Nothing is ever pushed without a cohort and a protocol year, and nothing is sent
 * that has no converted file.
 */
import type { Stage } from './report';
import { submissionWords } from './words';

/** What the rules need of a job. */
export interface SendableJob {
  name: string;
  stage: Stage;
  table: string | null;
  cohort: string | null;
  protocolYear: number | null;
  /** Its converted DuckDB file is there to be sent. */
  hasArtifact: boolean;
}

/** Why a job has no submission yet, or null when it has one. */
export function unassignedReason(job: Pick<SendableJob, 'cohort' | 'protocolYear'>): string | null {
  if (job.cohort !== null && job.protocolYear !== null) return null;
  return `It has ${submissionWords(job.cohort, job.protocolYear)}: Courier sends nothing without both. Choose them in Settings, then check the file again.`;
}

/**
 * Why `job` cannot be sent now, or null when it can. Only ready (or waiting-to-send) jobs are
 * ever sendable.
 */
export function sendBlock(job: SendableJob): string | null {
  switch (job.stage) {
    case 'ready':
    case 'push-queued':
      break;
    case 'blocked':
      return 'It has problems to fix before sending (or an override with a reason).';
    case 'pushed':
      return 'It was sent already.';
    case 'pushing':
      return 'It is being sent now.';
    case 'failed':
      return 'It could not be checked, so there is nothing to send.';
    case 'skipped':
      return 'These exact bytes were added before: send that earlier file instead.';
    case 'cancelled':
      return 'It was cancelled before it was checked.';
    default:
      return 'It is still being checked.';
  }
  if (job.table === null) return 'Its table is not recognised, so it cannot be sent.';
  if (!job.hasArtifact)
    return 'Its converted file is no longer on this computer: check the file again to send it.';
  return unassignedReason(job);
}

/** What the override rule needs of a job. */
export interface OverridableJob extends Pick<SendableJob, 'stage' | 'table' | 'name'> {
  /** It was converted: the ledger records an artifact for it (sending then needs the file). */
  converted: boolean;
}

/**
 * Why `job` cannot be sent despite its problems, or null when it may be. Only a blocked CSV
 * data table whose table is known and that was converted can be: a PDF, a file of an unknown
 * table, or a failed check has nothing that could be sent.
 */
export function overrideBlock(job: OverridableJob): string | null {
  if (job.stage !== 'blocked')
    return `${job.name} has no problems blocking it (it is ${job.stage}): there is nothing to override.`;
  if (job.table === null)
    return `${job.name} is not a data table Courier recognises, so it cannot be sent, even with an override. Check that it is the right file (a CSV export of one of the 16 tables).`;
  if (!job.converted)
    return `${job.name} could not be converted, so there is nothing to send, even with an override. Fix the file and add it again.`;
  return null;
}
