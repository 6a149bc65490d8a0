import { watch } from 'chokidar';
import type { FSWatcher } from 'chokidar';
import { lstat, open, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileKey, sizeAndMtime } from './identity';
import { OWN_FOLDERS } from './move';
import { isIgnoredName } from './names';

export { isTemporaryName, isSystemName } from './names';

/** One watched folder, as the watcher needs it. */
export interface WatchedFolder {
  path: string;
  /** Watch subfolders too (never Courier's own done/ and rejected/, never through links). */
  recursive?: boolean;
}

/** A settled file, as it was when it was found stable. */
export interface SettledFile {
  path: string;
  /** Device, inode, size, mtime and ctime (see identity.ts). */
  identity: string;
  size: number;
  mtimeMs: number;
}

export interface WatchOptions<F extends WatchedFolder = WatchedFolder> {
  folders: F[];
  /** A file is taken when its identity (size, times, inode) has not changed for this long. */
  stableMs?: number;
  /** Poll instead of native events (network drives); `auto`: native, polling if it fails. */
  polling?: boolean | 'auto';
  /** Periodic rescan that catches events the OS missed. */
  rescanMs?: number;
  /** How often a watched folder's presence is checked (default 1 s). */
  presenceMs?: number;
  /** A settled file: hand it over (never twice for the same identity in one run). */
  take: (file: SettledFile, folder: F) => void;
  /** Whether this exact file was already taken, in an earlier run too. */
  alreadyTaken?: (file: SettledFile) => boolean;
  onEvent?: (e: WatchEvent) => void;
}

export type WatchEvent =
  | { type: 'polling'; reason: string }
  | { type: 'error'; path: string | null; message: string }
  /** A file that cannot be opened (no permission): said once, taken once it can be read. */
  | { type: 'unreadable'; path: string; message: string }
  /** A watched folder was removed or renamed; `back`: it is there again, and watched. */
  | { type: 'folder-missing'; path: string }
  | { type: 'folder-back'; path: string };

/** Errors about one file, not about watching: they never switch the watcher to polling. */
const FILE_ERRORS = new Set(['EACCES', 'EPERM', 'ENOENT', 'ELOOP', 'ENAMETOOLONG']);

/**
 * Finds the files of watched folders that are complete: chokidar's events are only hints; a
 * file is handed over once its identity (size, mtime, ctime, inode) has held still for
 * `stableMs` (its ctime says so for a file that was there already) and it can be opened. Symbolic links are never followed, so a link cannot lead
 * out of the folder or back into it (a loop). A folder that disappears is reported at once and
 * watched again as soon as it is back. What happens to a file then (queueing, converting,
 * moving) is the caller's; the watcher never modifies, moves or deletes a file.
 */
export class FolderWatcher<F extends WatchedFolder = WatchedFolder> {
  private watcher: FSWatcher | null = null;
  private readonly stableMs: number;
  private readonly pending = new Map<string, { key: string; timer: NodeJS.Timeout }>();
  /** path → identity of what was handed over in this run. */
  private readonly taken = new Map<string, string>();
  /** path → identity already reported unreadable. */
  private readonly unreadable = new Map<string, string>();
  /** Watched folders not there now, with the identity they had (dev:ino). */
  private readonly missing = new Set<string>();
  private readonly roots = new Map<string, string>();
  private rescanTimer: NodeJS.Timeout | null = null;
  private presenceTimer: NodeJS.Timeout | null = null;
  private polling = false;
  private stopped = false;
  private restarting: Promise<void> | null = null;
  private onStop: (() => void) | null = null;

  constructor(private readonly opts: WatchOptions<F>) {
    this.stableMs = opts.stableMs ?? 2000;
  }

  /** Starts watching; files already in the folders are considered too. */
  async start(): Promise<void> {
    for (const f of this.opts.folders) {
      const root = resolve(f.path);
      const st = await stat(root).catch(() => null);
      if (st?.isDirectory()) this.roots.set(root, `${st.dev}:${st.ino}`);
      else {
        this.missing.add(root);
        this.opts.onEvent?.({ type: 'folder-missing', path: root });
      }
    }
    this.polling = this.opts.polling === true;
    await this.startWatcher();
    if (this.stopped) return;
    // The files already there (chokidar watches folders only; see startWatcher), looked at
    // while new ones are: thousands of taken files must not hold up the first new one.
    void this.rescan();
    const every = this.opts.rescanMs ?? 60_000;
    if (every > 0) this.rescanTimer = setInterval(() => void this.rescan(), every);
    const presence = this.opts.presenceMs ?? 1000;
    if (presence > 0) this.presenceTimer = setInterval(() => void this.checkFolders(), presence);
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

  /** Ignored: temporary and system names, Courier's own done/ and rejected/. */
  private ignored(path: string): boolean {
    const folder = this.folderOf(path);
    if (!folder) return false; // a watched root itself
    const parts = relative(resolve(folder.path), resolve(path)).split(sep);
    if (parts.some((p) => isIgnoredName(p))) return true;
    return OWN_FOLDERS.has(parts[0]!);
  }

  private async startWatcher(): Promise<void> {
    const usePolling = this.polling;
    const present = this.opts.folders
      .map((f) => resolve(f.path))
      .filter((root) => !this.missing.has(root));
    if (present.length === 0) return;
    const w = watch(present, {
      ignoreInitial: false,
      usePolling,
      interval: 1000,
      // Links are never followed: one could lead out of the folder, or back into it.
      followSymlinks: false,
      depth: this.opts.folders.some((f) => f.recursive) ? 20 : 0,
      // Natively, chokidar watches the folders only: their events name the files that
      // appear or change (the `raw` events below), and one watch per file would cost a
      // handle and memory for each of a site's thousands of files. Polling looks at each file.
      ignored: (p: string, st?: { isFile(): boolean }) =>
        this.ignored(p) || (!usePolling && st?.isFile() === true),
    });
    w.on('add', (p) => void this.hint(p));
    w.on('change', (p) => void this.hint(p));
    // A folder that appears (a subfolder, with --recursive): its files are looked at.
    w.on('addDir', (p) => {
      if (!this.roots.has(resolve(p))) void this.listFolder(p);
    });
    // chokidar skips files it may not read (no event at all): the folder's own events still
    // name them, so they are reported, and taken once their permissions allow.
    w.on('raw', (_event, name, details) => {
      const at = (details as { watchedPath?: unknown } | undefined)?.watchedPath;
      if (typeof name !== 'string' || !name || typeof at !== 'string') return;
      void this.hint(basename(at) === name ? at : join(at, name));
    });
    w.on('unlinkDir', (p) => {
      if (this.roots.has(resolve(p))) void this.checkFolders();
    });
    w.on('error', (err) => void this.onError(w, err as NodeJS.ErrnoException));
    this.watcher = w;
    // Its first listing may take a while in a large folder: a stop does not wait for it.
    await new Promise<void>((r) => {
      w.once('ready', () => r());
      this.onStop = r;
    });
    this.onStop = null;
  }

  /**
   * A watcher error. About one file (no permission, gone): said, and nothing else changes.
   * A folder that is gone: handled as such. Otherwise native watching itself failed (too many
   * watches, a file system without events): polling instead, when allowed.
   */
  private async onError(w: FSWatcher, e: NodeJS.ErrnoException): Promise<void> {
    if (this.stopped) return;
    const path = (e as { path?: string }).path ?? null;
    if (e.code && FILE_ERRORS.has(e.code)) {
      if (path && (await this.checkFolders()) === 0 && e.code !== 'ENOENT')
        this.reportUnreadable(path, e.code, '');
      return;
    }
    if ((await this.checkFolders()) > 0) return;
    if (!this.polling && this.opts.polling === 'auto') {
      this.opts.onEvent?.({ type: 'polling', reason: e.message });
      this.polling = true;
      await this.restart(w);
    } else this.opts.onEvent?.({ type: 'error', path, message: e.message });
  }

  private reportUnreadable(path: string, code: string, key: string): void {
    if (this.unreadable.get(path) === key) return;
    this.unreadable.set(path, key);
    this.opts.onEvent?.({
      type: 'unreadable',
      path,
      message: `${JSON.stringify(path)} cannot be read (${code === 'EACCES' || code === 'EPERM' ? 'no permission' : code}). Courier takes it as soon as it can read it: check the file's permissions.`,
    });
  }

  /** Replaces the chokidar watcher (polling now, or a folder is back) and looks at every file. */
  private restart(old: FSWatcher | null): Promise<void> {
    this.restarting ??= (async () => {
      await (old ?? this.watcher)?.close();
      this.watcher = null;
      if (this.stopped) return;
      await this.startWatcher();
      await this.rescan();
    })().finally(() => (this.restarting = null));
    return this.restarting;
  }

  /**
   * Checks that every watched folder is there (and is the same folder): a folder removed or
   * renamed is reported at once; once it is back it is watched again and listed at once.
   * Returns how many are missing.
   */
  private async checkFolders(): Promise<number> {
    if (this.stopped) return 0;
    let changed = false;
    for (const f of this.opts.folders) {
      const root = resolve(f.path);
      const st = await stat(root).catch(() => null);
      const id = st?.isDirectory() ? `${st.dev}:${st.ino}` : null;
      if (!id) {
        if (!this.missing.has(root)) {
          this.missing.add(root);
          this.opts.onEvent?.({ type: 'folder-missing', path: root });
        }
        continue;
      }
      if (this.missing.has(root) || this.roots.get(root) !== id) {
        this.missing.delete(root);
        this.roots.set(root, id);
        changed = true;
        this.opts.onEvent?.({ type: 'folder-back', path: root });
      }
    }
    if (changed && !this.stopped) await this.restart(null);
    return this.missing.size;
  }

  /** Forgets that `path` was handed over: it is handed over again once it is stable. */
  forget(path: string): void {
    this.taken.delete(path);
    void this.hint(path);
  }

  /** The watched folders that are not there now. */
  get missingFolders(): string[] {
    return [...this.missing];
  }

  /** Re-lists the folders: a missed event cannot leave a file behind. */
  private async rescan(): Promise<void> {
    for (const f of this.opts.folders) await this.listFolder(f.path, f.recursive ?? false);
  }

  /**
   * Looks at every file of a folder (and its subfolders when asked), a batch at a time, so
   * that a file that just arrived is not queued behind thousands of looks.
   */
  private async listFolder(dir: string, recursive = true): Promise<void> {
    // Node's recursive listing does not enter linked folders: no loops, no way out.
    const entries = await readdir(dir, { withFileTypes: true, recursive }).catch(() => []);
    let batch: Promise<void>[] = [];
    for (const e of entries) {
      if (this.stopped) return;
      if (!e.isFile()) continue;
      const p = join(e.parentPath ?? dir, e.name);
      if (this.ignored(p)) continue;
      batch.push(this.hint(p));
      if (batch.length >= 64) {
        await Promise.all(batch);
        batch = [];
      }
    }
    await Promise.all(batch);
  }

  /** A file may have appeared or changed: check it again once it has had time to settle. */
  private hint(path: string): Promise<void> {
    if (this.stopped || this.ignored(path)) return Promise.resolve();
    const folder = this.folderOf(path);
    if (!folder || (!folder.recursive && dirname(resolve(path)) !== resolve(folder.path)))
      return Promise.resolve();
    return lstat(path, { bigint: true })
      .then((st) => {
        // A link is not followed (see the class comment); only regular files are taken.
        if (!st.isFile()) return;
        const key = fileKey(st);
        if (this.taken.get(path) === key) return;
        // Taken before (a restart over thousands of files): no need to wait for it to settle.
        if (
          !this.pending.has(path) &&
          this.opts.alreadyTaken?.({ path, identity: key, ...sizeAndMtime(st) })
        ) {
          this.taken.set(path, key);
          return;
        }
        const prev = this.pending.get(path);
        // Unchanged since the last hint: let its timer run (rescans must not postpone it).
        if (prev && prev.key === key) return;
        if (prev) clearTimeout(prev.timer);
        // Any write or change of details sets the ctime, which no program can set back: a
        // file whose ctime is that old has held still that long already (one found at start).
        const still = Date.now() - Number(st.ctimeNs / 1_000_000n);
        const wait = still >= this.stableMs ? 0 : this.stableMs;
        const timer = setTimeout(() => void this.settle(path, key), wait);
        this.pending.set(path, { key, timer });
      })
      .catch(() => {});
  }

  private async settle(path: string, key: string): Promise<void> {
    this.pending.delete(path);
    if (this.stopped) return;
    const st = await lstat(path, { bigint: true }).catch(() => null);
    if (!st?.isFile()) return;
    if (fileKey(st) !== key) {
      void this.hint(path); // still being written
      return;
    }
    // Another program may still hold it open for writing on some systems: it must open.
    const fh = await open(path, 'r').catch((e: NodeJS.ErrnoException) => e);
    if (fh instanceof Error) {
      if (fh.code === 'EACCES' || fh.code === 'EPERM') this.reportUnreadable(path, fh.code, key);
      // Looked at again once it may have changed (its permissions change its ctime).
      const timer = setTimeout(() => this.hint(path), Math.max(this.stableMs, 1000));
      this.pending.set(path, { key: `unreadable:${key}`, timer });
      return;
    }
    await fh.close();
    this.unreadable.delete(path);
    if (this.taken.get(path) === key) return;
    this.taken.set(path, key);
    const file: SettledFile = { path, identity: key, ...sizeAndMtime(st) };
    if (this.opts.alreadyTaken?.(file)) return;
    const folder = this.folderOf(path);
    if (folder && !this.stopped) this.opts.take(file, folder);
  }

  /** Stops watching; files not yet settled are left for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.onStop?.();
    if (this.rescanTimer) clearInterval(this.rescanTimer);
    if (this.presenceTimer) clearInterval(this.presenceTimer);
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
    await this.restarting?.catch(() => undefined);
    await this.watcher?.close();
  }
}
