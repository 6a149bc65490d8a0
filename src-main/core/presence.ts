/**
 * Whether files are still there, without ever blocking the caller: answered from memory at
 * once, checked in the background with a timeout. A path on a network share that stopped
 * answering (a laptop just out of sleep, an SMB server gone) costs a stat that can hang for a
 * minute; on the desktop app's main thread that would freeze the window.
 */
import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';

/** How long a stat may take before the file counts as unreachable. */
export const STAT_TIMEOUT_MS = 5_000;

/** `stat` that gives up after `ms`: 'timeout' then, null when the path is not there. */
export function statWithin(path: string, ms = STAT_TIMEOUT_MS): Promise<Stats | null | 'timeout'> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), ms);
    timer.unref();
    stat(path).then(
      (st) => {
        clearTimeout(timer);
        resolve(st);
      },
      () => {
        clearTimeout(timer);
        resolve(null);
      },
    );
  });
}

export class Presence {
  private readonly known = new Map<string, { present: boolean; at: number }>();
  private readonly checking = new Set<string>();

  /**
   * @param changed called when a file turned out present or gone (its answer changed).
   * @param maxAgeMs answers older than this are checked again (still answered meanwhile).
   */
  constructor(
    private readonly changed: () => void,
    private readonly maxAgeMs = 30_000,
    private readonly timeoutMs = STAT_TIMEOUT_MS,
  ) {}

  /** The last answer for `path` (false until a first check found it), checking it again when due. */
  present(path: string): boolean {
    const k = this.known.get(path);
    if (!k || Date.now() - k.at >= this.maxAgeMs) this.check(path);
    return k?.present ?? false;
  }

  private check(path: string): void {
    if (this.checking.has(path)) return;
    this.checking.add(path);
    void statWithin(path, this.timeoutMs).then((st) => {
      this.checking.delete(path);
      const present = st !== null && st !== 'timeout' && st.isFile();
      const before = this.known.get(path)?.present;
      this.known.set(path, { present, at: Date.now() });
      if (this.known.size > 10_000) this.known.clear();
      if (before !== present) this.changed();
    });
  }
}
