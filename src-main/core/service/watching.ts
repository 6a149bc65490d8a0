/**
 * The watched folders of the settings, kept in step with them: a settings change replaces the
 * watcher. The watcher only finds settled files; converting them is the service queue's job,
 * so a file is handed over as soon as it is stable and the watcher never waits on a conversion
 * (replacing it never cancels one).
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { JobResult } from '../jobs/runJob';
import type { WatchedFolderSetting } from '../settings/settings';
import { FolderWatcher } from '../watch/watcher';

export interface WatchingDeps {
  /** Queues a settled file of `folder`. */
  enqueue: (path: string, folder: WatchedFolderSetting) => void;
  /** Whether this exact file was taken already (ledger or queue). */
  alreadyTaken: (path: string, size: number, mtimeMs: number) => boolean;
  stableMs: number;
  /** Periodic rescan (0: none; tests). */
  rescanMs: number;
  onProblem: (message: string) => void;
}

export class Watching {
  private watcher: FolderWatcher | null = null;
  private key = '';
  problems: { path: string; message: string }[] = [];

  constructor(private readonly deps: WatchingDeps) {}

  /** Watches exactly `folders` (no-op when they did not change). */
  async apply(folders: readonly WatchedFolderSetting[]): Promise<void> {
    const key = JSON.stringify(folders);
    if (key === this.key) return;
    this.key = key;
    await this.stop();
    this.problems = [];
    const usable: WatchedFolderSetting[] = [];
    for (const f of folders) {
      let isDir = false;
      try {
        isDir = statSync(f.path).isDirectory();
      } catch {
        isDir = false;
      }
      if (isDir) usable.push({ ...f, path: resolve(f.path) });
      else
        this.problems.push({
          path: f.path,
          message: `The watched folder ${f.path} cannot be found. Check the path, or connect the drive it is on.`,
        });
    }
    if (usable.length === 0) return;
    const byPath = new Map(usable.map((f) => [f.path, f]));
    const watcher = new FolderWatcher({
      folders: usable,
      stableMs: this.deps.stableMs,
      rescanMs: this.deps.rescanMs,
      polling: 'auto',
      // Many at once: each call only queues the file and returns (see the module comment).
      concurrency: 64,
      alreadyTaken: this.deps.alreadyTaken,
      ingest: (path, folder) => {
        this.deps.enqueue(path, byPath.get(resolve(folder.path)) ?? usable[0]!);
        return Promise.resolve(handedOver(path));
      },
      onEvent: (e) => {
        if (e.type === 'error') this.deps.onProblem(e.message);
      },
    });
    this.watcher = watcher;
    await watcher.start();
  }

  async stop(): Promise<void> {
    const w = this.watcher;
    this.watcher = null;
    await w?.stop(false);
  }
}

/** What the watcher hears back: the file went to the queue (its real result comes later). */
function handedOver(path: string): JobResult {
  return {
    id: '',
    source: { name: path, path, bytes: 0, sha256: '' },
    stage: 'queued',
    report: null,
    artifact: null,
    error: null,
    errorCode: null,
    unreadable: false,
    meta: null,
  };
}
