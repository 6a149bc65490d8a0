/**
 * Live progress of a running job: a bar along the row, and its words (%, MB/s, time left).
 * A step that cannot measure its progress (DuckDB loading a clean file) says so, and its bar
 * is indeterminate, instead of sitting at 0 %.
 */
import { useTranslation } from 'react-i18next';
import type { Progress } from '../../../src-main/shared/ipc';
import { eta, pct, rate } from '../../i18n/format';
import { t } from '../../i18n/i18n';
import { STEPS } from '../../stages';

/** The step's word for a running stage (the same words as the stepper). */
function stageWord(p: Progress): string {
  const step = STEPS.find((s) => s === p.stage);
  return step ? t(`steps.${step}`) : p.stage;
}

/** No measure of this step's progress: nothing done yet and no rate. */
export function unmeasured(p: Progress): boolean {
  return p.done === 0 && p.ratePerSec === 0 && p.stage === 'converting';
}

export function percent(p: Progress): number {
  return p.total > 0 ? Math.min(100, Math.round((p.done / p.total) * 100)) : 0;
}

/** "Converting · 45% · 12 MB/s · about 20 s left" (in the window's language). */
export function progressWords(p: Progress): string {
  if (unmeasured(p)) return [stageWord(p), t('progress.cannotMeasure')].join(' · ');
  return [stageWord(p), pct(percent(p)), rate(p), eta(p.etaSec)].filter(Boolean).join(' · ');
}

export function ProgressBar({ progress, name }: { progress: Progress; name: string }) {
  useTranslation();
  const value = percent(progress);
  const open = unmeasured(progress);
  return (
    <div
      className={`progress-track${open ? ' progress-open' : ''}`}
      role="progressbar"
      aria-label={t('progress.label', { stage: stageWord(progress), name })}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={open ? undefined : value}
      aria-valuetext={progressWords(progress)}
    >
      <div className="progress-fill" style={{ width: open ? '100%' : `${value}%` }} />
    </div>
  );
}
