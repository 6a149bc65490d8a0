/**
 * The first thing a file's report says, in plain words: ready to send, or how many problems.
 * One rule and one wording for every place that shows it (the window's report, the exported
 * HTML report); main computes it and the window shows it as it comes.
 */
import type { Stage } from './report';

export type BannerTone = 'ok' | 'warn' | 'danger' | 'neutral';

export interface Banner {
  tone: BannerTone;
  text: string;
}

/** What the banner needs of a job. */
export interface BannerJob {
  stage: Stage;
  push: { local: boolean };
  override: unknown;
}

/** The banner of a job whose report has `errorIssues` distinct blocking problems. */
export function bannerOf(job: BannerJob, errorIssues: number): Banner {
  if (job.stage === 'pushed')
    return {
      tone: 'ok',
      text: job.push.local ? 'Saved locally (no NAS configured)' : 'Sent to the NAS',
    };
  if (job.stage === 'failed') return { tone: 'danger', text: 'This file could not be checked' };
  if (job.stage === 'skipped')
    return { tone: 'neutral', text: 'Already added: these exact bytes were checked before' };
  if (job.stage === 'cancelled') return { tone: 'neutral', text: 'Cancelled' };
  if (job.stage === 'push-queued' || job.stage === 'pushing')
    return { tone: 'ok', text: job.stage === 'pushing' ? 'Sending…' : 'Waiting to send' };
  if (errorIssues > 0 && !job.override)
    return {
      tone: 'danger',
      text: `${errorIssues} ${errorIssues === 1 ? 'problem' : 'problems'} to fix before sending`,
    };
  if (errorIssues > 0)
    return { tone: 'warn', text: 'Ready to send despite its problems (override recorded)' };
  return { tone: 'ok', text: 'Ready to send' };
}
