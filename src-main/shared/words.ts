/**
 * The words a job's state is shown in: one vocabulary for the inbox's badges, the stage
 * stepper, the history and its search (main searches what the window displays), the report.
 * Main words each job (`JobView.state`) in the language in use (i18n/main.*.ts); the window
 * shows it as it comes. Every function takes the translator; English when none is given.
 */
import { EN, type Translate } from './i18n/translate';
import type { Stage } from './report';
import { STAGES } from './report';

/** A stage in one or two words, in English; the stepper's steps use the same words. */
export const STAGE_WORDS: Record<Stage, string> = Object.fromEntries(
  STAGES.map((s) => [s, EN(`stage.${s}`)]),
) as Record<Stage, string>;

/**
 * Why a checked file that was never sent ended: the coordinator removed it from the inbox.
 * Recorded in the ledger in these English words (a job's `error`), shown in the language.
 */
export const WITHDRAWN = 'Removed from the inbox: it will not be sent.';

/** What the state words need of a job. */
export interface StateJob {
  stage: Stage;
  push: { local: boolean; lastError: string | null };
  override: unknown;
  error?: string | null;
}

/** A stage in the language. */
export function stageWords(stage: Stage, t: Translate = EN): string {
  return t(`stage.${stage}`);
}

/** A job's state in words; pushed to the local outbox is never "sent". */
export function jobStateWords(job: StateJob, t: Translate = EN): string {
  if (job.stage === 'cancelled' && job.error === WITHDRAWN) return t('state.removed');
  if (job.stage === 'pushed') return t(job.push.local ? 'state.savedLocally' : 'state.sentToNas');
  if (job.stage === 'ready' && job.override) return t('state.readyOverride');
  if (job.stage === 'push-queued' && job.push.lastError) return t('state.waitingForNas');
  return stageWords(job.stage, t);
}

/** A job's recorded error in the language (the withdrawal's English words are translated). */
export function errorWords(error: string | null, t: Translate = EN): string | null {
  return error === WITHDRAWN ? t('withdrawn') : error;
}

/** "UW - Seattle · 2025", or what is missing of it. */
export function submissionWords(
  cohort: string | null,
  protocolYear: number | null,
  t: Translate = EN,
): string {
  if (cohort === null && protocolYear === null) return t('submission.none');
  if (cohort === null) return t('submission.noCohort', { year: protocolYear });
  if (protocolYear === null) return t('submission.noYear', { cohort });
  return t('submission.both', { cohort, year: protocolYear });
}

/** "150 rows", or "150 rows (147 stored, 3 not readable)" when some could not be stored. */
export function rowsWords(rows: number, rejected: number | null, t: Translate = EN): string {
  const head = t('rows.count', { count: rows });
  if (!rejected) return head;
  return t('rows.withRejected', { rows: head, stored: rows - rejected, rejected });
}
