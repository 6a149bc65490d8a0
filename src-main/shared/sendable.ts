/**
 * Whether a job can be sent, or overridden, and why not in plain words: one rule for the
 * window (a disabled button says why), the service and `courier push` (which refuse the same
 * jobs). Nothing is ever pushed without a cohort and a protocol year, and nothing is sent
 * that has no converted file.
 */
import { EN, type Translate } from './i18n/translate';
import type { Stage } from './report';
import { stageWords } from './words';

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
export function unassignedReason(
  job: Pick<SendableJob, 'cohort' | 'protocolYear'>,
  t: Translate = EN,
): string | null {
  if (job.cohort !== null && job.protocolYear !== null) return null;
  const context =
    job.cohort === null && job.protocolYear === null
      ? 'none'
      : job.cohort === null
        ? 'noCohort'
        : 'noYear';
  return t('send.unassigned', { context, cohort: job.cohort, year: job.protocolYear });
}

/**
 * Why `job` cannot be sent now, or null when it can. Only ready (or waiting-to-send) jobs are
 * ever sendable.
 */
export function sendBlock(job: SendableJob, t: Translate = EN): string | null {
  switch (job.stage) {
    case 'ready':
    case 'push-queued':
      break;
    case 'blocked':
    case 'pushed':
    case 'pushing':
    case 'failed':
    case 'skipped':
    case 'cancelled':
      return t(`send.${job.stage}`);
    default:
      return t('send.running');
  }
  if (job.table === null) return t('send.noTable');
  if (!job.hasArtifact) return t('send.noArtifact');
  return unassignedReason(job, t);
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
export function overrideBlock(job: OverridableJob, t: Translate = EN): string | null {
  const name = job.name;
  if (job.stage !== 'blocked')
    // English keeps the stage's code word, as the command line always printed it.
    return t('override.notBlocked', {
      name,
      stage: t === EN ? job.stage : stageWords(job.stage, t),
    });
  if (job.table === null) return t('override.noTable', { name });
  if (!job.converted) return t('override.notConverted', { name });
  return null;
}
