/**
 * The watched folders, kept in step with what is asked (the settings in the window, the
 * arguments of `courier watch`): one watcher per folder, each with its own options (polling,
 * subfolders). The watchers only find settled files; converting them is the queue's job, so a
 * file is handed over as soon as it is stable and replacing a watcher never cancels a job.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { WatchedFolderSetting } from '../settings/settings';
import { FolderWatcher } from '../watch/watcher';

/** A watched folder with what its files are for: the settings' shape, and a table for all of them. */
export type WatchedFolderPlan = WatchedFolderSetting & { table?: string | null };

export interface WatchingDeps {
  /** Queues a settled file of `folder`. */
  take: (path: string, folder: WatchedFolderPlan) => void;
  /** Whether this exact file was taken already (ledger or queue). */
  alreadyTaken: (path: string, size: number, mtimeMs: number) => boolean;
  stableMs: number;
  /** Periodic rescan (0: none; tests). */
  rescanMs: number;
  onProblem: (message: string) => void;
  /** Native watching failed for a folder: it is polled instead. */
  onPolling?: (folder: string, reason: string) => void;
}

export class Watching {
  private watchers: FolderWatcher<WatchedFolderPlan>[] = [];
  private key = '';
  problems: { path: string; message: string }[] = [];

  constructor(private readonly deps: WatchingDeps) {}

  /** Watches exactly `folders` (no-op when they did not change). */
  async apply(folders: readonly WatchedFolderPlan[]): Promise<void> {
    const key = JSON.stringify(folders);
    if (key === this.key) return;
    this.key = key;
    await this.stop();
    this.problems = [];
    for (const f of folders) {
      const isDir = await stat(f.path).then(
        (st) => st.isDirectory(),
        () => false,
      );
      if (!isDir) {
        this.problems.push({
          path: f.path,
          message: `The watched folder ${f.path} cannot be found. Check the path, or connect the drive it is on.`,
        });
        continue;
      }
      const folder = { ...f, path: resolve(f.path) };
      const watcher = new FolderWatcher<WatchedFolderPlan>({
        folders: [folder],
        stableMs: this.deps.stableMs,
        rescanMs: this.deps.rescanMs,
        polling: folder.polling ? true : 'auto',
        alreadyTaken: this.deps.alreadyTaken,
        take: this.deps.take,
        onEvent: (e) => {
          if (e.type === 'error') this.deps.onProblem(e.message);
          else this.deps.onPolling?.(folder.path, e.reason);
        },
      });
      this.watchers.push(watcher);
      await watcher.start();
    }
  }

  async stop(): Promise<void> {
    const all = this.watchers.splice(0);
    await Promise.all(all.map((w) => w.stop()));
  }
}
