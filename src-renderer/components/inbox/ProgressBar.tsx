/** Live progress of a running job: a bar along the row, and its words (%, MB/s or rows/s, ETA). */
import type { Progress } from '../../../src-main/shared/ipc';
import { eta, rate, STAGE_WORDS } from '../../words';

export function percent(p: Progress): number {
  return p.total > 0 ? Math.min(100, Math.round((p.done / p.total) * 100)) : 0;
}

/** "Converting · 45% · 12 MB/s · about 20 s left". */
export function progressWords(p: Progress): string {
  return [STAGE_WORDS[p.stage], `${percent(p)}%`, rate(p), eta(p.etaSec)]
    .filter(Boolean)
    .join(' · ');
}

export function ProgressBar({ progress, name }: { progress: Progress; name: string }) {
  const pct = percent(progress);
  return (
    <div
      className="progress-track"
      role="progressbar"
      aria-label={`${STAGE_WORDS[progress.stage]} ${name}`}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
      aria-valuetext={progressWords(progress)}
    >
      <div className="progress-fill" style={{ width: `${pct}%` }} />
    </div>
  );
}
