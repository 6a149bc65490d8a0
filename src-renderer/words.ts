/**
 * The window's own words: the stepper's steps, sizes, rates and times. A job's state comes
 * worded by main (`JobView.state`, shared/words.ts); the steps use the same words for the
 * same stages (test/renderer/words.test.ts holds them together).
 */
import type { Progress, Severity, TableStatus } from '../src-main/shared/ipc';
import type { StageStep } from './stages';

export const STEP_WORDS: Record<StageStep, string> = {
  queued: 'Waiting',
  scanning: 'Reading',
  converting: 'Converting',
  checking: 'Checking',
  ready: 'Ready',
  pushing: 'Sending',
  pushed: 'Sent',
};

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

/**
 * How fast, where it means something: bytes read per second. Checking reports its steps, not
 * rows, so it has no rate; a rate that rounds to nothing is not shown ("0 rows/s").
 */
export function rate(p: Progress): string {
  if (p.unit !== 'bytes' || p.ratePerSec < 1) return '';
  return `${bytes(p.ratePerSec)}/s`;
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

/** "30 Nov" (this year) or "30 Nov 2025". */
export function day(iso: string | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const thisYear = d.getFullYear() === new Date().getFullYear();
  return d.toLocaleDateString(
    'en-GB',
    thisYear
      ? { day: 'numeric', month: 'short' }
      : { day: 'numeric', month: 'short', year: 'numeric' },
  );
}
