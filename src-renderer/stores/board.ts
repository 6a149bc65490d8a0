/** The submission board slice: one cohort and protocol year, refetched when jobs change. */
import { create } from 'zustand';
import type { BoardView } from '../../src-main/shared/ipc';
import { t } from '../i18n/i18n';
import { invoke, on } from '../services/api';

export interface BoardSlice {
  board: BoardView | null;
  /** The submission shown; undefined: the settings' own. */
  cohort: string | null | undefined;
  protocolYear: number | null | undefined;
  problem: string | null;
  load(): Promise<void>;
  choose(cohort: string | null, protocolYear: number | null): Promise<void>;
  notAvailable(table: string, reason: string): Promise<string | null>;
  /** Withdraws the mark; the problem in plain words, or null. */
  available(table: string): Promise<string | null>;
}

export const useBoard = create<BoardSlice>()((set, get) => ({
  board: null,
  cohort: undefined,
  protocolYear: undefined,
  problem: null,
  async load() {
    const { cohort, protocolYear } = get();
    const args =
      cohort === undefined && protocolYear === undefined
        ? undefined
        : { cohort: cohort ?? null, protocolYear: protocolYear ?? null };
    const reply = await invoke('board.get', args);
    if (reply.ok) set({ board: reply.value, problem: null });
    else set({ problem: reply.error.message });
  },
  async choose(cohort, protocolYear) {
    set({ cohort, protocolYear });
    await get().load();
  },
  async notAvailable(table, reason) {
    const b = get().board;
    if (!b) return t('board.notLoaded');
    const reply = await invoke('board.notAvailable', {
      cohort: b.cohort,
      protocolYear: b.protocolYear,
      table,
      reason,
    });
    if (!reply.ok) return reply.error.message;
    set({ board: reply.value });
    return null;
  },
  async available(table) {
    const b = get().board;
    if (!b) return t('board.notLoaded');
    const reply = await invoke('board.available', {
      cohort: b.cohort,
      protocolYear: b.protocolYear,
      table,
    });
    if (!reply.ok) return reply.error.message;
    set({ board: reply.value });
    return null;
  },
}));

export function followBoard(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const refetch = () => {
    if (timer || !useBoard.getState().board) return;
    timer = setTimeout(() => {
      timer = null;
      void useBoard.getState().load();
    }, 300);
  };
  const a = on('jobs.changed', refetch);
  const b = on('settings.changed', refetch);
  return () => {
    a();
    b();
  };
}
