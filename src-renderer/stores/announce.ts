/**
 * What the polite live region says to screen readers: a file's stage when it changes
 * (reading, converting, checking, sending) and each finished job's sentence from main, in the
 * language in use. Only changes after the first look are said, never the whole inbox.
 */
import { create } from 'zustand';
import type { JobView, Stage } from '../../src-main/shared/ipc';
import { t } from '../i18n/i18n';
import { on } from '../services/api';
import { useInbox } from './inbox';

export interface AnnounceSlice {
  /** The last thing said, and a number that changes with every announcement. */
  text: string;
  seq: number;
  say(text: string): void;
}

export const useAnnounce = create<AnnounceSlice>()((set, get) => ({
  text: '',
  seq: 0,
  say(text) {
    set({ text, seq: get().seq + 1 });
  },
}));

/** Stages worth saying as they start; ends are said by `job.finished`. */
const SAID: ReadonlySet<Stage> = new Set(['scanning', 'converting', 'checking', 'pushing']);

/** The stage changes between two looks at the inbox's rows, as sentences. */
export function stageChanges(
  seen: Map<string, string>,
  rows: readonly (JobView | undefined)[],
  first: boolean,
): string[] {
  const said: string[] = [];
  for (const row of rows) {
    if (!row) continue;
    const before = seen.get(row.id);
    seen.set(row.id, row.state);
    if (first || before === row.state || !SAID.has(row.stage)) continue;
    said.push(t('announce.stage', { name: row.name, state: row.state }));
  }
  return said;
}

/** Follows main's finished jobs and the inbox's stage changes. */
export function followAnnouncements(): () => void {
  const seen = new Map<string, string>();
  let first = true;
  const offFinished = on('job.finished', (p) => useAnnounce.getState().say(p.message));
  const offRows = useInbox.subscribe((s, before) => {
    if (s.rows === before.rows || !s.loaded) return;
    const said = stageChanges(seen, s.rows, first);
    first = false;
    if (said.length) useAnnounce.getState().say(said.join(' '));
  });
  return () => {
    offFinished();
    offRows();
  };
}
