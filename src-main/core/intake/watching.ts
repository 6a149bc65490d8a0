/**
 * The watched folders, kept in step with what is asked (the settings in the window, the
 * arguments of `courier watch`): one watcher per folder, each with its own options (polling,
 * subfolders). The watchers only find settled files; converting them is the queue's job, so a
 * file is handed over as soon as it is stable and replacing a watcher never cancels a job.
 */
import { resolve } from 'node:path';
import type { WatchedFolderSetting } from '../settings/settings';
import type { SettledFile } from '../watch/watcher';
import { FolderWatcher } from '../watch/watcher';

/** A watched folder with what its files are for: the settings' shape, and a table for all of them. */
export type WatchedFolderPlan = WatchedFolderSetting & { table?: string | null };

export interface WatchingDeps {
  /** Queues a settled file of `folder`. */
  take: (file: SettledFile, folder: WatchedFolderPlan) => void;
  /** Whether this exact file was taken already (ledger or queue). */
  alreadyTaken: (file: SettledFile) => boolean;
  stableMs: number;
  /** Periodic rescan (0: none; tests). */
  rescanMs: number;
  onProblem: (message: string) => void;
  /** Native watching failed for a folder: it is polled instead. */
  onPolling?: (folder: string, reason: string) => void;
  /** A watched folder disappeared (removed, renamed, unmounted), or is back. */
  onFolder: (folder: string, present: boolean) => void;
}

/** What the coordinator reads about a folder that is not there. */
export function missingMessage(path: string): string {
  return `The watched folder ${path} cannot be found: it was removed or renamed, or the drive it is on is not connected. Courier watches it again as soon as it is back.`;
}

export class Watching {
  private watchers: FolderWatcher<WatchedFolderPlan>[] = [];
  private key = '';

  constructor(private readonly deps: WatchingDeps) {}

  /** Watches exactly `folders` (no-op when they did not change). */
  async apply(folders: readonly WatchedFolderPlan[]): Promise<void> {
    const key = JSON.stringify(folders);
    if (key === this.key) return;
    this.key = key;
    await this.stop();
    const generation = this.generation;
    for (const f of folders) {
      if (generation !== this.generation) return; // stopped, or replaced, meanwhile
      const folder = { ...f, path: resolve(f.path) };
      // A folder not there yet is watched all the same: taken as soon as it appears.
      const watcher = new FolderWatcher<WatchedFolderPlan>({
        folders: [folder],
        stableMs: this.deps.stableMs,
        rescanMs: this.deps.rescanMs,
        polling: folder.polling ? true : 'auto',
        alreadyTaken: this.deps.alreadyTaken,
        take: this.deps.take,
        onEvent: (e) => {
          if (e.type === 'error' || e.type === 'unreadable') this.deps.onProblem(e.message);
          else if (e.type === 'polling') this.deps.onPolling?.(folder.path, e.reason);
          else this.deps.onFolder(folder.path, e.type === 'folder-back');
        },
      });
      this.watchers.push(watcher);
      await watcher.start();
    }
  }

  /** Bumped by every stop: a start still under way sees it and goes no further. */
  private generation = 0;

  /** Folders that cannot be found now, with what to do. */
  get problems(): { path: string; message: string }[] {
    return this.watchers
      .flatMap((w) => w.missingFolders)
      .map((path) => ({ path, message: missingMessage(path) }));
  }

  /** Forgets that `path` was taken: it is taken again once stable (it changed while read). */
  forget(path: string): void {
    for (const w of this.watchers) w.forget(path);
  }

  async stop(): Promise<void> {
    this.generation++;
    const all = this.watchers.splice(0);
    await Promise.all(all.map((w) => w.stop()));
  }
}
