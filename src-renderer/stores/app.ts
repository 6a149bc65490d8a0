/**
 * The app slice: what `app.info` said, whether the shell is ready, the connection (browser
 * mode) and the page on screen (a section, or one file's report). A cache of main's truth:
 * reconnecting refetches.
 */
import { create } from 'zustand';
import type { AppInfo } from '../../src-main/shared/ipc';
import type { SectionId } from '../sections';
import { invoke, type ConnectionState } from '../services/api';

export interface AppSlice {
  state: 'loading' | 'ready';
  info: AppInfo | null;
  /** A plain-language problem to show, or null. */
  problem: string | null;
  connection: ConnectionState;
  section: SectionId;
  /** The job whose report is open (over the section it was opened from), or null. */
  reportId: string | null;
  /** The last notice from main (a watched folder that failed...), until dismissed. */
  notice: { level: 'info' | 'warning' | 'error'; message: string } | null;
  load(): Promise<void>;
  setConnection(connection: ConnectionState): void;
  setSection(section: SectionId): void;
  openReport(id: string): void;
  closeReport(): void;
  setNotice(notice: AppSlice['notice']): void;
}

export const useApp = create<AppSlice>()((set) => ({
  state: 'loading',
  info: null,
  problem: null,
  connection: 'connecting',
  section: 'inbox',
  reportId: null,
  notice: null,
  async load() {
    const reply = await invoke('app.info');
    if (reply.ok) set({ state: 'ready', info: reply.value, problem: null });
    else set({ problem: reply.error.message });
  },
  setConnection(connection) {
    set({ connection });
  },
  setSection(section) {
    set({ section, reportId: null });
  },
  openReport(id) {
    set({ reportId: id });
  },
  closeReport() {
    set({ reportId: null });
  },
  setNotice(notice) {
    set({ notice });
  },
}));
