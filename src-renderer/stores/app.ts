/**
 * The app slice: what `app.info` said, whether the shell is ready, the connection (browser
 * mode) and the section on screen. A cache of main's truth: reconnecting refetches.
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
  load(): Promise<void>;
  setConnection(connection: ConnectionState): void;
  setSection(section: SectionId): void;
}

export const useApp = create<AppSlice>()((set) => ({
  state: 'loading',
  info: null,
  problem: null,
  connection: 'connecting',
  section: 'inbox',
  async load() {
    const reply = await invoke('app.info');
    if (reply.ok) set({ state: 'ready', info: reply.value, problem: null });
    else set({ problem: reply.error.message });
  },
  setConnection(connection) {
    set({ connection });
  },
  setSection(section) {
    set({ section });
  },
}));
