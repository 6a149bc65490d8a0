import { watch } from 'chokidar';
import type { FSWatcher } from 'chokidar';
import { open, readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { OWN_FOLDERS } from './move';

/** One watched folder, as the watcher needs it. */
export interface WatchedFolder {
  path: string;
  /** Watch subfolders too (never Courier's own done/ and rejected/). */
  recursive?: boolean;
}

export interface WatchOptions<F extends WatchedFolder = WatchedFolder> {
  folders: F[];
  /** A file is taken when its size and mtime have not changed for this long. */
  stableMs?: number;
  /** Poll instead of native events (network drives); `auto`: native, polling if it fails. */
  polling?: boolean | 'auto';
  /** Periodic rescan that catches events the OS missed. */
  rescanMs?: number;
  /** A settled file: hand it over (it is never handed over twice for the same size and mtime). */
  take: (path: string, folder: F) => void;
  /** Whether this exact file (path, size, mtime) was already taken, in an earlier run too. */
  alreadyTaken?: (path: string, size: number, mtimeMs: number) => boolean;
  onEvent?: (e: WatchEvent) => void;
}

export type WatchEvent =
  { type: 'polling'; reason: string } | { type: 'error'; path: string | null; message: string };

const TEMP_NAME = [/^~\$/, /\.part$/i, /\.crdownload$/i, /\.tmp$/i, /\.swp$/i, /\.swx$/i, /^\./];

/** Temporary or hidden names that are never taken (Office locks, downloads, editors). */
export function isTemporaryName(name: string): boolean {
  return TEMP_NAME.some((re) => re.test(name));
}

/**
 * Finds the files of watched folders that are complete: chokidar's events are only hints; a
 * file is handed over once its size and mtime have held still for `stableMs` and it can be
 * opened. What happens to it then (queueing, converting, moving) is the caller's; the watcher
 * never modifies, moves or deletes a file.
 */
export class FolderWatcher<F extends WatchedFolder = WatchedFolder> {
  private watcher: FSWatcher | null = null;
  private readonly stableMs: number;
  private readonly pending = new Map<
    string,
    { size: number; mtimeMs: number; timer: NodeJS.Timeout }
  >();
  /** path → "size:mtime" of what was handed over in this run. */
  private readonly taken = new Map<string, string>();
  private rescanTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly opts: WatchOptions<F>) {
    this.stableMs = opts.stableMs ?? 2000;
  }

  /** Starts watching; files already in the folders are considered too. */
  async start(): Promise<void> {
    await this.startWatcher(this.opts.polling === true);
    const every = this.opts.rescanMs ?? 60_000;
    if (every > 0) this.rescanTimer = setInterval(() => void this.rescan(), every);
  }

  private folderOf(path: string): F | null {
    const abs = resolve(path);
    let best: F | null = null;
    for (const f of this.opts.folders) {
      const root = resolve(f.path);
      if (abs.startsWith(root + sep) && (!best || root.length > resolve(best.path).length))
        best = f;
    }
    return best;
  }

  /** Ignored: temporary names, Courier's own done/ and rejected/. */
  private ignored(path: string): boolean {
    const folder = this.folderOf(path);
    if (!folder) return false; // a watched root itself
    const parts = relative(resolve(folder.path), resolve(path)).split(sep);
    if (parts.some((p) => isTemporaryName(p))) return true;
    return OWN_FOLDERS.has(parts[0]!);
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
    const folder = this.folderOf(path);
    if (folder && !this.stopped) this.opts.take(path, folder);
  }

  /** Stops watching; files not yet settled are left for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.rescanTimer) clearInterval(this.rescanTimer);
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
    await this.watcher?.close();
  }
}
