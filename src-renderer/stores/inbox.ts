/**
 * The inbox slice: the jobs main lists for the inbox (paged), live progress by job, and what
 * the last drop did. Events refetch: "jobs changed" reloads the pages in view; progress only
 * updates the progress map (no request at all).
 */
import { create } from 'zustand';
import type { AddResult, Progress } from '../../src-main/shared/ipc';
import { invoke, on } from '../services/api';
import { addFiles } from '../services/files';
import { emptyPaged, PageLoader, type PagedState } from './paged';

export interface InboxSlice extends PagedState {
  progress: Record<string, Progress>;
  /** What the last drop did, in words (queued, refused...). */
  dropNotice: { tone: 'info' | 'error'; text: string } | null;
  adding: boolean;
  ensure(start: number, end: number): Promise<void>;
  refresh(): Promise<void>;
  add(files: readonly File[]): Promise<void>;
  cancel(id: string): Promise<void>;
  push(ids?: string[]): Promise<string>;
}

function dropWords(r: AddResult): InboxSlice['dropNotice'] {
  const q = r.queued.length;
  const refused = r.refused.map(
    (x) => `${x.path ? `${x.path.split(/[\\/]/).pop()}: ` : ''}${x.reason}`,
  );
  if (q === 0 && refused.length === 0) return null;
  if (q === 0) return { tone: 'error', text: refused.join(' ') };
  const head = `${q} ${q === 1 ? 'file' : 'files'} added to the queue.`;
  return { tone: refused.length ? 'error' : 'info', text: [head, ...refused].join(' ') };
}

export const useInbox = create<InboxSlice>()((set, get) => {
  const loader = new PageLoader(
    (offset, limit) => invoke('jobs.list', { view: 'inbox', offset, limit }),
    () => get(),
    (s) => set(s),
  );
  return {
    ...emptyPaged,
    progress: {},
    dropNotice: null,
    adding: false,
    ensure: (start, end) => loader.ensure(start, end),
    refresh: () => loader.refresh(),
    async add(files) {
      set({ adding: true, dropNotice: null });
      const result = await addFiles(files);
      const notice = dropWords(result);
      set({ adding: false, dropNotice: notice });
      // A confirmation fades after a while; a refusal stays until the next action.
      if (notice?.tone === 'info')
        setTimeout(() => {
          if (get().dropNotice === notice) set({ dropNotice: null });
        }, 8000);
      await loader.refresh();
    },
    async cancel(id) {
      const reply = await invoke('jobs.cancel', { id });
      if (!reply.ok) set({ dropNotice: { tone: 'error', text: reply.error.message } });
      await loader.refresh();
    },
    async push(ids) {
      const reply = await invoke('jobs.push', ids ? { ids } : undefined);
      await loader.refresh();
      if (!reply.ok) return reply.error.message;
      const s = reply.value;
      if (!s.reachable)
        return s.message ?? 'The NAS cannot be reached: the files wait and Courier retries.';
      if (s.pushed === 0 && s.failed === 0) return 'Nothing was waiting to be sent.';
      const where = s.local ? 'saved locally (no NAS configured)' : 'sent to the NAS';
      return `${s.pushed} ${s.pushed === 1 ? 'file' : 'files'} ${where}${s.failed ? `; ${s.failed} could not be sent and will be retried` : ''}.`;
    },
  };
});

let refreshTimer: ReturnType<typeof setTimeout> | null = null;

/** Follows main: coalesces bursts of "jobs changed" into one refetch. */
export function followInbox(): () => void {
  const offJobs = on('jobs.changed', () => {
    if (refreshTimer) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      void useInbox.getState().refresh();
    }, 120);
  });
  const offProgress = on('job.progress', (p) => {
    useInbox.setState((s) => ({ progress: { ...s.progress, [p.jobId]: p } }));
  });
  const offFinished = on('job.finished', (p) => {
    useInbox.setState((s) => {
      const { [p.id]: _done, ...rest } = s.progress;
      return { progress: rest };
    });
  });
  return () => {
    offJobs();
    offProgress();
    offFinished();
  };
}
