/**
 * The words a job's state is shown in: one vocabulary for the inbox's badges, the stage
 * stepper, the history and its search (main searches what the window displays), the report.
 * Main words each job (`JobView.state`); the window shows it as it comes.
 */
import type { Stage } from './report';

/** A stage in one or two words; the stepper's steps use the same words. */
export const STAGE_WORDS: Record<Stage, string> = {
  queued: 'Waiting',
  scanning: 'Reading',
  converting: 'Converting',
  checking: 'Checking',
  ready: 'Ready to send',
  'push-queued': 'Waiting to send',
  pushing: 'Sending',
  pushed: 'Sent',
  blocked: 'Problems to fix',
  failed: 'Could not be checked',
  cancelled: 'Cancelled',
  skipped: 'Skipped (added before)',
};

/** Why a checked file that was never sent ended: the coordinator removed it from the inbox. */
export const WITHDRAWN = 'Removed from the inbox: it will not be sent.';

/** What the state words need of a job. */
export interface StateJob {
  stage: Stage;
  push: { local: boolean; lastError: string | null };
  override: unknown;
  error?: string | null;
}

/** A job's state in words; pushed to the local outbox is never "sent". */
export function jobStateWords(job: StateJob): string {
  if (job.stage === 'cancelled' && job.error === WITHDRAWN) return 'Removed';
  if (job.stage === 'pushed')
    return job.push.local ? 'Saved locally (no NAS configured)' : 'Sent to the NAS';
  if (job.stage === 'ready' && job.override) return 'Ready to send (override)';
  if (job.stage === 'push-queued' && job.push.lastError) return 'Waiting for the NAS';
  return STAGE_WORDS[job.stage];
}

/** "UW - Seattle · 2025", or what is missing of it. */
export function submissionWords(cohort: string | null, protocolYear: number | null): string {
  if (cohort === null && protocolYear === null) return 'no cohort or protocol year';
  if (cohort === null) return `no cohort · ${protocolYear}`;
  if (protocolYear === null) return `${cohort} · no protocol year`;
  return `${cohort} · ${protocolYear}`;
}

/** "150 rows", or "150 rows (147 stored, 3 not readable)" when some could not be stored. */
export function rowsWords(rows: number, rejected: number | null): string {
  const n = (k: number): string => k.toLocaleString('en-US');
  const head = `${n(rows)} ${rows === 1 ? 'row' : 'rows'}`;
  if (!rejected) return head;
  return `${head} (${n(rows - rejected)} stored, ${n(rejected)} not readable)`;
}
