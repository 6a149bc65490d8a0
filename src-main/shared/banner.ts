/**
 * The first thing a file's report says, in plain words: ready to send, or how many problems.
 * One rule and one wording for every place that shows it (the window's report, the exported
 * HTML report); main computes it in the language in use and the window shows it as it comes.
 */
import { EN, type Translate } from './i18n/translate';
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
export function bannerOf(job: BannerJob, errorIssues: number, t: Translate = EN): Banner {
  if (job.stage === 'pushed')
    return { tone: 'ok', text: t(job.push.local ? 'banner.savedLocally' : 'banner.sent') };
  if (job.stage === 'failed') return { tone: 'danger', text: t('banner.failed') };
  if (job.stage === 'skipped') return { tone: 'neutral', text: t('banner.skipped') };
  if (job.stage === 'cancelled') return { tone: 'neutral', text: t('banner.cancelled') };
  if (job.stage === 'push-queued' || job.stage === 'pushing')
    return { tone: 'ok', text: t(job.stage === 'pushing' ? 'banner.sending' : 'banner.waiting') };
  if (errorIssues > 0 && !job.override)
    return { tone: 'danger', text: t('banner.problems', { count: errorIssues }) };
  if (errorIssues > 0) return { tone: 'warn', text: t('banner.override') };
  return { tone: 'ok', text: t('banner.ready') };
}
