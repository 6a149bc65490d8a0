/** The inbox and the history: paged, newest first, built from the ledger and the queue. */
import type { Stage } from '../../shared/report';
import type { JobView, Page } from '../../shared/views';
import type { JobRecord } from '../ledger/ledger';

/** Stages that still need the coordinator or Courier: always in the inbox. */
const OPEN: ReadonlySet<Stage> = new Set([
  'queued',
  'scanning',
  'converting',
  'checking',
  'ready',
  'push-queued',
  'pushing',
  'blocked',
]);
const RECENT_MS = 24 * 3600_000;

/** In the inbox: open jobs, and anything that started or was sent in the last day. */
export function inInbox(j: JobRecord, now = Date.now()): boolean {
  if (OPEN.has(j.stage)) return true;
  const recent = (iso: string | null): boolean => iso !== null && now - Date.parse(iso) < RECENT_MS;
  return recent(j.createdAt) || recent(j.pushedAt);
}

/** Does a job match the history search? Words must all match (name, table, cohort, stage...). */
export function matches(j: JobRecord, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = [
    j.id,
    j.source.name,
    j.table ?? '',
    j.cohort ?? '',
    j.protocolYear === null ? '' : String(j.protocolYear),
    j.stage,
    j.duplicateOf ? 'duplicate' : '',
    j.override ? 'override' : '',
    j.stage === 'pushed' ? (j.push.local ? 'saved locally' : 'sent') : '',
  ]
    .join(' ')
    .toLowerCase();
  return words.every((w) => hay.includes(w));
}

/** One page of `items` (already in display order), views built for that page only. */
export function page<T>(
  items: readonly T[],
  offset: number,
  limit: number,
  view: (item: T) => JobView,
): Page<JobView> {
  return {
    total: items.length,
    offset,
    items: items.slice(offset, offset + limit).map(view),
  };
}
