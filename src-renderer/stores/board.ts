/** The submission board slice: one cohort and protocol year, refetched when jobs change. */
import { create } from 'zustand';
import type { BoardView } from '../../src-main/shared/ipc';
import type { ComparisonView, DeclareView } from '../../src-main/shared/views';
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
  /** The shown submission against the year before; null until asked for. */
  comparison: ComparisonView | null;
  comparing: boolean;
  compareProblem: string | null;
  /** Compares the shown submission with the year before (a few seconds: asked for, not automatic). */
  compare(): Promise<void>;
  /** Any submission against the year before, not kept (a table's report asks for its own). */
  compareOf(cohort: string, protocolYear: number): Promise<ComparisonView | { problem: string }>;
  /** Sends what is ready, then declares the submission; what happened, or the problem in words. */
  declare(incompleteReason: string | null): Promise<DeclareView | { problem: string }>;
}

export const useBoard = create<BoardSlice>()((set, get) => ({
  board: null,
  cohort: undefined,
  protocolYear: undefined,
  problem: null,
  comparison: null,
  comparing: false,
  compareProblem: null,
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
    // Another submission: the comparison shown was of the one before.
    set({ cohort, protocolYear, comparison: null, compareProblem: null });
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
  async compare() {
    const b = get().board;
    if (!b?.cohort || !b.protocolYear) return;
    set({ comparing: true, compareProblem: null });
    const reply = await invoke('board.compare', {
      cohort: b.cohort,
      protocolYear: b.protocolYear,
    });
    if (reply.ok) set({ comparison: reply.value, comparing: false });
    else set({ compareProblem: reply.error.message, comparing: false });
  },
  async compareOf(cohort, protocolYear) {
    const reply = await invoke('board.compare', { cohort, protocolYear });
    return reply.ok ? reply.value : { problem: reply.error.message };
  },
  async declare(incompleteReason) {
    const b = get().board;
    if (!b?.cohort || !b.protocolYear) return { problem: t('board.notLoaded') };
    const reply = await invoke('board.declare', {
      cohort: b.cohort,
      protocolYear: b.protocolYear,
      incompleteReason,
    });
    await get().load();
    return reply.ok ? reply.value : { problem: reply.error.message };
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
