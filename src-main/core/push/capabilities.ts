import { randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { link, lstat, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { destinationError, errnoOf } from './errors';
import { shareKind } from './mounts';
import type { ShareKind } from './mounts';

/**
 * How Courier gives a verified `.partial` its final name without ever replacing a file there:
 * - `link`: a hard link, which fails with EEXIST where the name is taken (no window at all);
 * - `rename-noreplace`: the share's rename itself refuses an existing name;
 * - `exclusive-create`: an exclusively created `.<final>.lock`, a check that the final name is
 *   free, a rename, the lock removed (see `noReplace.ts` for its window).
 */
export type CommitWay = 'link' | 'rename-noreplace' | 'exclusive-create';

/** What a destination answered to the probe (a small hidden file at its root). */
export interface ShareCapabilities {
  kind: ShareKind;
  /** link() makes a second name, and refuses one that exists (EEXIST). */
  hardLinks: boolean;
  /** open(…, 'wx') refuses an existing name (EEXIST). */
  exclusiveCreate: boolean;
  /** rename() onto a new name works. */
  rename: boolean;
  /** rename() onto an existing name replaces it (true) or is refused (false). */
  renameReplaces: boolean;
  /** fsync of a file is accepted. */
  fileSync: boolean;
  /** fsync of a folder (opened read-only) is accepted. */
  dirSync: boolean;
  /** The commit Courier uses there; null: none is safe, the destination cannot be used. */
  commit: CommitWay | null;
}

/** Probe files: `.courier-probe-<12 hex>` and the same with `-a`, `-b`, `-c`. */
export const PROBE_NAME = /^\.courier-probe-[0-9a-f]{12}(?:-[abc])?$/;

/** A leftover probe older than this was left by a process that died during its probe. */
const PROBE_STALE_MS = 10 * 60_000;

/** Errors by which a platform says a file or folder cannot be fsynced (Windows, network FS). */
export const NO_SYNC = new Set([
  'EINVAL',
  'EISDIR',
  'EPERM',
  'EBADF',
  'ENOTSUP',
  'EOPNOTSUPP',
  'ENOSYS',
]);

/** The commit a set of answers allows, safest first. */
export function commitWay(c: Omit<ShareCapabilities, 'commit' | 'kind'>): CommitWay | null {
  if (c.hardLinks) return 'link';
  if (!c.rename) return null;
  if (!c.renameReplaces) return 'rename-noreplace';
  if (c.exclusiveCreate) return 'exclusive-create';
  return null;
}

/** One line of plain words: "SMB share via FUSE (rclone): no hard links, so Courier commits by exclusive create." */
export function capabilitySummary(c: ShareCapabilities): string {
  const label = c.kind.label.charAt(0).toUpperCase() + c.kind.label.slice(1);
  const sync = [
    c.fileSync ? null : 'files cannot be flushed (fsync), so Courier relies on reading them back',
    c.dirSync ? null : 'folders cannot be flushed, so that step is skipped',
  ].filter((s): s is string => s !== null);
  const tail = sync.length > 0 ? `; ${sync.join('; ')}` : '';
  switch (c.commit) {
    case 'link':
      return `${label}: hard links work, so Courier commits by hard link${tail}.`;
    case 'rename-noreplace':
      return `${label}: no hard links, but a rename never replaces a file there, so Courier commits by rename${tail}.`;
    case 'exclusive-create':
      return `${label}: no hard links, so Courier commits by exclusive create${tail}.`;
    case null:
      return `${label}: no hard links, no exclusive create and a rename that replaces files, so Courier cannot add files there without risking to overwrite one. Ask the NAS administrator for another kind of share (SMB, NFS or SFTP).`;
  }
}

interface Cached {
  key: string;
  caps: ShareCapabilities;
}

/** Per process: the answers per destination root, with the key they were measured under. */
const cache = new Map<string, Cached>();

/**
 * What identifies one mounted file system at `root`: its device number, type, source and mount
 * options, and the share's marker id. Another file system, other options or another share
 * make a new key, hence a new probe. Device numbers of FUSE and tmpfs mounts are reused by an
 * identical remount, so a remount is also caught by its symptom: any failed check of the share
 * in between (unmounted, unreachable) forgets the answers (`forgetCapabilities`).
 */
async function cacheKey(root: string, markerId: string, kind: ShareKind): Promise<string> {
  let dev = 'unknown';
  try {
    dev = String((await stat(root)).dev);
  } catch (err) {
    throw destinationError(err, `open the destination folder ${root}`);
  }
  const m = kind.mount;
  return [
    dev,
    kind.statfsType ?? kind.fsType ?? '',
    m?.fsType,
    m?.source,
    m?.options,
    markerId,
  ].join('\u0000');
}

/** The remembered answers for `root`, if still valid; else null (the caller probes). */
export async function cachedCapabilities(
  root: string,
  markerId: string,
): Promise<ShareCapabilities | null> {
  const hit = cache.get(root);
  if (hit === undefined) return null;
  const key = await cacheKey(root, markerId, await shareKind(root));
  return hit.key === key ? hit.caps : null;
}

/** Forgets `root`'s answers: the next check probes again (after a failed check or commit). */
export function forgetCapabilities(root: string): void {
  cache.delete(root);
}

/**
 * Probes what the share at `root` supports, with a small hidden probe file at its root (removed
 * after), and remembers the answer for this process. Call only on a folder carrying Courier's
 * marker: nothing is written anywhere else.
 *
 * Throws a PushError when the destination cannot be written at all (not a capability: a
 * permission, a full disk, a NAS that is gone).
 */
export async function probeCapabilities(
  root: string,
  markerId: string,
): Promise<ShareCapabilities> {
  const kind = await shareKind(root);
  const key = await cacheKey(root, markerId, kind);
  await removeStaleProbes(root);
  const base = join(root, `.courier-probe-${randomBytes(6).toString('hex')}`);
  const [a, b, c] = [`${base}-a`, `${base}-b`, `${base}-c`];
  const body = 'courier probe\n';
  try {
    const fileSync = await writeProbe(a, body);
    const hardLinks = await linksWork(a, b);
    await writeProbe(c, 'c\n');
    const { renameReplaces, rename: renames } = await renameAnswers(a, c, body);
    // Last: where it is not exclusive, opening an existing name truncates it.
    const exclusiveCreate = await refusesExisting(() => open(c, 'wx'));
    const dirSync = await syncs(root);
    const answers = {
      hardLinks,
      exclusiveCreate,
      rename: renames,
      renameReplaces,
      fileSync,
      dirSync,
    };
    const caps: ShareCapabilities = { kind, ...answers, commit: commitWay(answers) };
    cache.set(root, { key, caps });
    return caps;
  } finally {
    for (const p of [a, b, c, base]) await rm(p, { force: true }).catch(() => {});
  }
}

/** Creates `path` exclusively with `body`; returns whether fsync was accepted. */
async function writeProbe(path: string, body: string): Promise<boolean> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'wx');
  } catch (err) {
    throw destinationError(err, `write in ${dirname(path)}`);
  }
  try {
    await fh.writeFile(body);
    return await syncHandle(fh);
  } catch (err) {
    throw destinationError(err, `write ${path}`);
  } finally {
    await fh.close().catch(() => {});
  }
}

async function syncHandle(fh: FileHandle): Promise<boolean> {
  try {
    await fh.sync();
    return true;
  } catch (err) {
    const errno = errnoOf(err);
    if (errno !== null && NO_SYNC.has(errno)) return false;
    throw err;
  }
}

/** Whether an exclusive open of an existing name fails with EEXIST. */
async function refusesExisting(openIt: () => Promise<FileHandle>): Promise<boolean> {
  try {
    const fh = await openIt();
    await fh.close().catch(() => {});
    return false;
  } catch (err) {
    return errnoOf(err) === 'EEXIST';
  }
}

/** A second name made by link(), and a link onto a taken name refused with EEXIST. */
async function linksWork(a: string, b: string): Promise<boolean> {
  try {
    await link(a, b);
  } catch (err) {
    // Shares answer EIO, EPERM, ENOSYS, even ENOENT (rclone's SFTP server) for "no links":
    // any error is "no", unless the probe file itself has gone (the share went away).
    await stillThere(a, err);
    return false;
  }
  try {
    await link(a, b);
    return false; // replaced or duplicated a name: not a safe commit
  } catch (err) {
    if (errnoOf(err) === 'EEXIST') return true;
    await stillThere(a, err);
    return false;
  }
}

/** rename() onto a new name, and onto an existing one (does it replace or refuse?). */
async function renameAnswers(a: string, c: string, body: string) {
  try {
    await rename(a, c);
  } catch (err) {
    await stillThere(a, err);
    // Refused: the existing name is kept. Does rename onto a free name work at all?
    const moved = `${a.slice(0, -2)}`; // the base name, free
    try {
      await rename(a, moved);
      await rm(moved, { force: true }).catch(() => {});
      return { rename: true, renameReplaces: false };
    } catch (err2) {
      await stillThere(a, err2);
      return { rename: false, renameReplaces: false };
    }
  }
  const now = await readFile(c, 'utf8').catch(() => null);
  return { rename: true, renameReplaces: now === body };
}

async function syncs(dir: string): Promise<boolean> {
  let fh: FileHandle;
  try {
    fh = await open(dir, 'r');
  } catch (err) {
    const errno = errnoOf(err);
    if (errno !== null && NO_SYNC.has(errno)) return false;
    throw destinationError(err, `open the folder ${dir}`);
  }
  try {
    return await syncHandle(fh);
  } catch (err) {
    throw destinationError(err, `flush the folder ${dir}`);
  } finally {
    await fh.close().catch(() => {});
  }
}

/** Rethrows `err` as the destination's failure when the probe file is no longer there. */
async function stillThere(path: string, err: unknown): Promise<void> {
  try {
    await lstat(path);
  } catch {
    throw destinationError(err, `probe ${path}`);
  }
}

/** Probe files left by a process that died during its probe (best effort). */
async function removeStaleProbes(root: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return;
  }
  for (const name of names.filter((n) => PROBE_NAME.test(n))) {
    const path = join(root, name);
    try {
      if (Date.now() - (await lstat(path)).mtimeMs > PROBE_STALE_MS)
        await rm(path, { force: true });
    } catch {
      // gone meanwhile
    }
  }
}
