/** The plain words the window and the exported report use for a job's state. */
import { EN, type Translate } from '../../shared/i18n/translate';
import { stageWords } from '../../shared/words';
import type { JobResult } from '../jobs/runJob';

/** The sentence a notification or notice says when a job ends, in the language of `t`. */
export function finishedMessage(name: string, r: JobResult, t: Translate = EN): string {
  const errors = r.report?.issues.filter((i) => i.severity === 'error').length ?? 0;
  switch (r.stage) {
    case 'ready':
    case 'skipped':
    case 'cancelled':
      return t(`finished.${r.stage}`, { name });
    case 'blocked':
      return t('finished.blocked', { name, count: errors });
    case 'failed':
      return t('finished.failed', { name, reason: r.error ?? t('finished.unknownReason') });
    default:
      return t('finished.other', { name, stage: t === EN ? r.stage : stageWords(r.stage, t) });
  }
}
