/** The history slice: every job, newest first, searched and paged by main. */
import { create } from 'zustand';
import { invoke, on } from '../services/api';
import { emptyPaged, PageLoader, type PagedState } from './paged';

export interface HistorySlice extends PagedState {
  query: string;
  ensure(start: number, end: number): Promise<void>;
  refresh(): Promise<void>;
  search(query: string): Promise<void>;
}

export const useHistory = create<HistorySlice>()((set, get) => {
  const fetchFor = (query: string) => (offset: number, limit: number) =>
    invoke('history.search', { query, offset, limit });
  const loader = new PageLoader(
    fetchFor(''),
    () => get(),
    (s) => set(s),
  );
  return {
    ...emptyPaged,
    query: '',
    ensure: (start, end) => loader.ensure(start, end),
    refresh: () => loader.refresh(),
    async search(query) {
      set({ query });
      await loader.reset(fetchFor(query));
    },
  };
});

/** Follows main: a changed job may change what the history shows. */
export function followHistory(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return on('jobs.changed', () => {
    if (timer || !useHistory.getState().loaded) return;
    timer = setTimeout(() => {
      timer = null;
      void useHistory.getState().refresh();
    }, 300);
  });
}
