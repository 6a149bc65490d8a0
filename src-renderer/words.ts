/** The plain words the window uses: stages, states, sizes, rates and times. */
import type { JobView, Progress, Severity, Stage, TableStatus } from '../src-main/shared/ipc';
import type { StageStep } from './stages';

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

export const STEP_WORDS: Record<StageStep, string> = {
  queued: 'Queued',
  scanning: 'Scanning',
  converting: 'Converting',
  checking: 'Checking',
  ready: 'Ready',
  pushing: 'Sending',
  pushed: 'Sent',
};

/** A job's state in words; pushed to the local outbox is never "sent". */
export function jobStateWords(job: Pick<JobView, 'stage' | 'push' | 'override' | 'error'>): string {
  if (job.stage === 'pushed')
    return job.push.local ? 'Saved locally (no NAS configured)' : 'Sent to the NAS';
  if (job.stage === 'ready' && job.override) return 'Ready to send (override)';
  if (job.stage === 'push-queued' && job.push.lastError) return 'Waiting for the NAS';
  return STAGE_WORDS[job.stage];
}

export const SEVERITY_WORDS: Record<Severity, { title: string; one: string; many: string }> = {
  error: { title: 'Must be fixed before sending', one: 'error', many: 'errors' },
  warning: { title: 'Worth checking', one: 'warning', many: 'warnings' },
  info: { title: 'For your information', one: 'note', many: 'notes' },
};

export const TABLE_STATUS_WORDS: Record<TableStatus, string> = {
  missing: 'Missing',
  'in progress': 'In progress',
  problems: 'Problems',
  ready: 'Ready to send',
  sent: 'Sent',
  'saved locally': 'Saved locally',
  'not available': 'Not available',
};

export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

export function rate(p: Progress): string {
  if (p.ratePerSec <= 0) return '';
  return p.unit === 'bytes'
    ? `${bytes(p.ratePerSec)}/s`
    : `${Math.round(p.ratePerSec).toLocaleString('en-US')} rows/s`;
}

export function eta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '';
  if (seconds < 1) return 'almost done';
  if (seconds < 60) return `about ${Math.ceil(seconds)} s left`;
  const m = Math.round(seconds / 60);
  if (m < 60) return `about ${m} min left`;
  return `about ${Math.floor(m / 60)} h ${m % 60} min left`;
}

/** "24 Nov 2026, 08:15" in the coordinator's own time zone. */
export function when(iso: string | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return d.toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** "24 Nov, 08:15" this year, "24 Nov 2025" before. */
export function shortWhen(iso: string | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const thisYear = d.getFullYear() === new Date().getFullYear();
  return d.toLocaleString(
    'en-GB',
    thisYear
      ? { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }
      : { day: 'numeric', month: 'short', year: 'numeric' },
  );
}
