/**
 * The inbox slice: the jobs main lists for the inbox (paged, filtered), live progress by job,
 * and what the last action did. Events refetch: "jobs changed" reloads the pages in view;
 * progress only updates the progress map (no request at all). Every notice about sending is
 * made of each job's own result.
 */
import { create } from 'zustand';
import type {
  AddResult,
  InboxFacets,
  InboxFilter,
  Progress,
  PushPlan,
  PushView,
} from '../../src-main/shared/ipc';
import { t } from '../i18n/i18n';
import { invoke, on } from '../services/api';
import { addFiles } from '../services/files';
import { emptyPaged, PageLoader, type PagedState } from './paged';

export interface InboxSlice extends PagedState {
  progress: Record<string, Progress>;
  /** What the last action did, in words (queued, refused, sent...). */
  dropNotice: { tone: 'info' | 'error'; text: string } | null;
  adding: boolean;
  filter: InboxFilter;
  facets: InboxFacets;
  ensure(start: number, end: number): Promise<void>;
  refresh(): Promise<void>;
  setFilter(filter: InboxFilter): Promise<void>;
  add(files: readonly File[]): Promise<void>;
  cancel(id: string): Promise<void>;
  remove(ids: string[]): Promise<void>;
  clearFinished(): Promise<void>;
  reingest(id: string): Promise<void>;
  /** Sends the given jobs; the outcome in words, made of each job's own result. */
  push(ids?: string[]): Promise<string>;
  pushPlan(): Promise<PushPlan | string>;
  /** Sends everything ready; each file's result. */
  pushAll(): Promise<PushView | string>;
}

function dropWords(r: AddResult): InboxSlice['dropNotice'] {
  const q = r.queued.length;
  const refused = r.refused.map(
    (x) => `${x.path ? `${x.path.split(/[\\/]/).pop()}: ` : ''}${x.reason}`,
  );
  if (q === 0 && refused.length === 0) return null;
  if (q === 0) return { tone: 'error', text: refused.join(' ') };
  const head = t('notices.added', { count: q });
  return { tone: refused.length ? 'error' : 'info', text: [head, ...refused].join(' ') };
}

/** One sentence per file, from what happened to it. */
export function pushWords(v: PushView): { tone: 'info' | 'error'; text: string } {
  const results = v.results ?? [];
  const bad = results.filter((r) => r.status !== 'pushed' && r.status !== 'already-pushed');
  if (results.length === 0)
    return v.reachable
      ? { tone: 'info', text: t('notices.nothingWaiting') }
      : { tone: 'error', text: v.message ?? t('notices.nasUnreachable') };
  const where = t(v.local ? 'notices.savedLocally' : 'notices.sentToNas');
  const text = results
    .map((r) => {
      if (r.status === 'pushed') return t('notices.pushed', { name: r.name, where });
      if (r.status === 'already-pushed') return t('notices.already', { name: r.name });
      if (r.status === 'waiting') return t('notices.waiting', { name: r.name, message: r.message });
      return t('notices.refused', { name: r.name, message: r.message });
    })
    .join(' ');
  return { tone: bad.length ? 'error' : 'info', text };
}

const noFacets: InboxFacets = { tables: [], submissions: [] };

export const useInbox = create<InboxSlice>()((set, get) => {
  const fetchFor = (f: InboxFilter) => (offset: number, limit: number) =>
    invoke('jobs.list', { view: 'inbox', offset, limit, ...f });
  const loader = new PageLoader(
    fetchFor({}),
    () => get(),
    (s) => set(s),
  );
  const facets = async (): Promise<void> => {
    const reply = await invoke('jobs.facets');
    if (reply.ok) set({ facets: reply.value });
  };
  const refresh = async (): Promise<void> => {
    await Promise.all([loader.refresh(), facets()]);
  };
  return {
    ...emptyPaged,
    progress: {},
    dropNotice: null,
    adding: false,
    filter: {},
    facets: noFacets,
    ensure: (start, end) => loader.ensure(start, end),
    refresh,
    async setFilter(filter) {
      set({ filter });
      await loader.reset(fetchFor(filter));
    },
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
      await refresh();
    },
    async cancel(id) {
      const reply = await invoke('jobs.cancel', { id });
      if (!reply.ok) set({ dropNotice: { tone: 'error', text: reply.error.message } });
      await refresh();
    },
    async remove(ids) {
      const reply = await invoke('jobs.remove', { ids });
      if (!reply.ok) set({ dropNotice: { tone: 'error', text: reply.error.message } });
      await refresh();
    },
    async clearFinished() {
      const reply = await invoke('jobs.clearFinished');
      set({
        dropNotice: reply.ok
          ? {
              tone: 'info',
              text:
                reply.value.removed === 0
                  ? t('notices.noneFinished')
                  : t('notices.cleared', { count: reply.value.removed }),
            }
          : { tone: 'error', text: reply.error.message },
      });
      await refresh();
    },
    async reingest(id) {
      const reply = await invoke('jobs.reingest', { id });
      set({
        dropNotice: reply.ok
          ? { tone: 'info', text: t('notices.queuedAgain') }
          : { tone: 'error', text: reply.error.message },
      });
      await refresh();
    },
    async push(ids) {
      const reply = await invoke('jobs.push', ids ? { ids } : undefined);
      await refresh();
      const words = reply.ok
        ? pushWords(reply.value)
        : { tone: 'error' as const, text: reply.error.message };
      set({ dropNotice: words });
      return words.text;
    },
    async pushPlan() {
      const reply = await invoke('jobs.pushPlan');
      return reply.ok ? reply.value : reply.error.message;
    },
    async pushAll() {
      const reply = await invoke('jobs.push');
      await refresh();
      return reply.ok ? reply.value : reply.error.message;
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
