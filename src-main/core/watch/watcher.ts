import { watch } from 'chokidar';
import type { FSWatcher } from 'chokidar';
import { existsSync } from 'node:fs';
import { link, mkdir, open, readdir, stat, unlink } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import type { JobResult } from '../jobs/runJob';

/** One watched folder and what to do with its files. */
export interface WatchedFolder {
  path: string;
  cohort?: string | null;
  protocolYear?: number | null;
  /** Push jobs without blocking errors as soon as they are ready. */
  autoPush?: boolean;
  /** Watch subfolders too (never Courier's own done/ and rejected/). */
  recursive?: boolean;
  /** Move finished files into done/ or rejected/ (default: never touch sources). */
  moveFinished?: boolean;
}

export interface WatchOptions {
  folders: WatchedFolder[];
  /** A file is taken when its size and mtime have not changed for this long. */
  stableMs?: number;
  /** Poll instead of native events (network drives); `auto`: native, polling if it fails. */
  polling?: boolean | 'auto';
  /** Periodic rescan that catches events the OS missed. */
  rescanMs?: number;
  /** Conversions at a time (2-core laptops: one). */
  concurrency?: number;
  /** Ingests one stable file; the ledger skips bytes seen before. */
  ingest: (path: string, folder: WatchedFolder, signal: AbortSignal) => Promise<JobResult>;
  /** Whether this exact file (path, size, mtime) was already taken, in an earlier run too. */
  alreadyTaken?: (path: string, size: number, mtimeMs: number) => boolean;
  onEvent?: (e: WatchEvent) => void;
}

export type WatchEvent =
  | { type: 'queued'; path: string }
  | { type: 'started'; path: string }
  | { type: 'finished'; path: string; result: JobResult }
  | { type: 'moved'; path: string; to: string }
  | { type: 'polling'; reason: string }
  | { type: 'error'; path: string | null; message: string };

const TEMP_NAME = [/^~\$/, /\.part$/i, /\.crdownload$/i, /\.tmp$/i, /\.swp$/i, /\.swx$/i, /^\./];

/** Temporary or hidden names that are never taken (Office locks, downloads, editors). */
export function isTemporaryName(name: string): boolean {
  return TEMP_NAME.some((re) => re.test(name));
}

const OWN_FOLDERS = new Set(['done', 'rejected']);

/**
 * The watched-folder inbox: chokidar's events are only hints; a file is taken once its size
 * and mtime have held still for `stableMs` and it can be opened, then it joins a FIFO queue
 * worked with bounded concurrency. Source files are never modified, moved or deleted unless
 * the folder says `moveFinished`.
 */
export class FolderWatcher {
  private watcher: FSWatcher | null = null;
  private readonly stableMs: number;
  private readonly concurrency: number;
  private readonly pending = new Map<
    string,
    { size: number; mtimeMs: number; timer: NodeJS.Timeout }
  >();
  /** path → "size:mtime" of what was queued or taken in this run. */
  private readonly taken = new Map<string, string>();
  private readonly queue: string[] = [];
  private running = 0;
  private rescanTimer: NodeJS.Timeout | null = null;
  private readonly controller = new AbortController();
  private stopped = false;
  private idleWaiters: (() => void)[] = [];
  /** Most jobs that ran at the same time (for tests and the UI). */
  maxConcurrent = 0;

  constructor(private readonly opts: WatchOptions) {
    this.stableMs = opts.stableMs ?? 2000;
    this.concurrency = Math.max(1, opts.concurrency ?? 1);
  }

  /** Starts watching; files already in the folders are considered too. */
  async start(): Promise<void> {
    await this.startWatcher(this.opts.polling === true);
    const every = this.opts.rescanMs ?? 60_000;
    if (every > 0) this.rescanTimer = setInterval(() => void this.rescan(), every);
  }

  private folderOf(path: string): WatchedFolder | null {
    const abs = resolve(path);
    let best: WatchedFolder | null = null;
    for (const f of this.opts.folders) {
      const root = resolve(f.path);
      if (abs.startsWith(root + sep) && (!best || root.length > resolve(best.path).length))
        best = f;
    }
    return best;
  }

  /** Ignored: temporary names, Courier's own done/ and rejected/, subfolders unless recursive. */
  private ignored(path: string): boolean {
    const folder = this.folderOf(path);
    if (!folder) return false; // a watched root itself
    const rel = relative(resolve(folder.path), resolve(path));
    const parts = rel.split(sep);
    if (parts.some((p) => isTemporaryName(p))) return true;
    if (parts.length > 1 && OWN_FOLDERS.has(parts[0]!)) return true;
    if (parts.length === 1 && OWN_FOLDERS.has(parts[0]!)) return true;
    return false;
  }

  private async startWatcher(usePolling: boolean): Promise<void> {
    const w = watch(
      this.opts.folders.map((f) => resolve(f.path)),
      {
        ignoreInitial: false,
        usePolling,
        interval: 1000,
        depth: this.opts.folders.some((f) => f.recursive) ? 20 : 0,
        ignored: (p: string) => this.ignored(p),
      },
    );
    w.on('add', (p) => this.hint(p));
    w.on('change', (p) => this.hint(p));
    w.on('error', (err) => {
      const e = err as NodeJS.ErrnoException;
      if (!usePolling && this.opts.polling === 'auto' && !this.stopped) {
        this.opts.onEvent?.({ type: 'polling', reason: e.message });
        void w.close().then(() => this.startWatcher(true));
      } else this.opts.onEvent?.({ type: 'error', path: null, message: e.message });
    });
    await new Promise<void>((r) => w.once('ready', () => r()));
    this.watcher = w;
  }

  /** Re-lists the folders: a missed event cannot leave a file behind. */
  private async rescan(): Promise<void> {
    for (const f of this.opts.folders) {
      const entries = await readdir(f.path, {
        withFileTypes: true,
        recursive: f.recursive ?? false,
      }).catch(() => []);
      for (const e of entries) {
        if (!e.isFile()) continue;
        const p = join(e.parentPath ?? f.path, e.name);
        if (!this.ignored(p)) this.hint(p);
      }
    }
  }

  /** A file may have appeared or changed: check it again once it has had time to settle. */
  private hint(path: string): void {
    if (this.stopped || this.ignored(path)) return;
    const folder = this.folderOf(path);
    if (!folder || (!folder.recursive && dirname(resolve(path)) !== resolve(folder.path))) return;
    void stat(path)
      .then((st) => {
        if (!st.isFile()) return;
        const key = `${st.size}:${st.mtimeMs}`;
        if (this.taken.get(path) === key) return;
        const prev = this.pending.get(path);
        // Unchanged since the last hint: let its timer run (rescans must not postpone it).
        if (prev && prev.size === st.size && prev.mtimeMs === st.mtimeMs) return;
        if (prev) clearTimeout(prev.timer);
        const timer = setTimeout(() => void this.settle(path, st.size, st.mtimeMs), this.stableMs);
        this.pending.set(path, { size: st.size, mtimeMs: st.mtimeMs, timer });
      })
      .catch(() => {});
  }

  private async settle(path: string, size: number, mtimeMs: number): Promise<void> {
    this.pending.delete(path);
    if (this.stopped) return;
    const st = await stat(path).catch(() => null);
    if (!st) return;
    if (st.size !== size || st.mtimeMs !== mtimeMs) {
      this.hint(path); // still being written
      return;
    }
    // Another program may still hold it open for writing on some systems: it must open.
    const fh = await open(path, 'r').catch(() => null);
    if (!fh) {
      this.hint(path);
      return;
    }
    await fh.close();
    const key = `${size}:${mtimeMs}`;
    if (this.taken.get(path) === key) return;
    this.taken.set(path, key);
    if (this.opts.alreadyTaken?.(path, size, mtimeMs)) return;
    this.queue.push(path);
    this.opts.onEvent?.({ type: 'queued', path });
    this.pump();
  }

  private pump(): void {
    while (!this.stopped && this.running < this.concurrency && this.queue.length > 0) {
      const path = this.queue.shift()!;
      this.running++;
      this.maxConcurrent = Math.max(this.maxConcurrent, this.running);
      void this.runOne(path).finally(() => {
        this.running--;
        this.pump();
        if (this.running === 0 && this.queue.length === 0) {
          const waiters = this.idleWaiters;
          this.idleWaiters = [];
          for (const w of waiters) w();
        }
      });
    }
  }

  private async runOne(path: string): Promise<void> {
    const folder = this.folderOf(path);
    if (!folder || !existsSync(path)) return;
    this.opts.onEvent?.({ type: 'started', path });
    try {
      const result = await this.opts.ingest(path, folder, this.controller.signal);
      this.opts.onEvent?.({ type: 'finished', path, result });
      if (folder.moveFinished && !this.stopped && result.stage !== 'cancelled') {
        const to = await moveInto(
          path,
          join(
            resolve(folder.path),
            result.stage === 'failed' || result.stage === 'blocked' ? 'rejected' : 'done',
          ),
        );
        this.opts.onEvent?.({ type: 'moved', path, to });
      }
    } catch (e) {
      this.opts.onEvent?.({ type: 'error', path, message: (e as Error).message });
    }
  }

  /** Files waiting (not yet started) and running. */
  get status(): { queued: string[]; running: number } {
    return { queued: [...this.queue], running: this.running };
  }

  /** Resolves when nothing is queued or running. */
  idle(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  /**
   * Stops watching. `abandon`: the running job is cancelled (it cleans its staging);
   * otherwise it is allowed to finish. Queued files are left for the next start.
   */
  async stop(abandon = true): Promise<void> {
    this.stopped = true;
    if (this.rescanTimer) clearInterval(this.rescanTimer);
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
    this.queue.length = 0;
    if (abandon) this.controller.abort();
    await this.watcher?.close();
    if (this.running > 0) await new Promise<void>((r) => this.idleWaiters.push(r));
  }
}

/** Moves a finished file into `dir`, renaming on a clash: never overwrites. */
async function moveInto(path: string, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const ext = extname(path);
  const stem = basename(path, ext);
  for (let k = 1; ; k++) {
    const target = join(dir, k === 1 ? `${stem}${ext}` : `${stem} (${k})${ext}`);
    // link() fails when the target exists, where rename() would replace it.
    try {
      await link(path, target);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw e;
    }
    await unlink(path);
    return target;
  }
}
