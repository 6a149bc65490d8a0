import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { lstat, open, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PushError, destinationError, errnoOf } from './errors';
import { whileHeldOpen } from './retry';
import { NO_SYNC } from './capabilities';

/** Copy and hash in 4 MiB chunks: large enough for NAS throughput, small in memory. */
export const CHUNK_BYTES = 4 * 1024 * 1024;

/** A `.partial` younger than this belongs to a push still running (its mtime moves). */
export const STALE_MS = 10 * 60_000;

/** The hidden name a file is written under before it is committed: `.<final>.partial`. */
export function partialPath(final: string): string {
  return join(dirname(final), `.${basename(final)}.partial`);
}

/** Courier's own partial names, and nothing else: `.<name>-<sha12>.(duckdb|json).partial`. */
export const PARTIAL_NAME = /^\.[A-Za-z0-9_-]+-[0-9a-f]{12}\.(?:duckdb|json)\.partial$/;

export const noop = (): void => {};

/**
 * Hidden files this process made and could not remove (the NAS went away before it could):
 * when the NAS is back, they are known to be abandoned and are taken over at once, whatever
 * their age, instead of being taken for another Courier's work in progress.
 */
const leftovers = new Set<string>();

/** Removes a hidden file of ours, remembering it when that fails. */
export async function dropOwn(path: string): Promise<void> {
  try {
    await whileHeldOpen(() => rm(path, { force: true }));
    leftovers.delete(path);
  } catch {
    leftovers.add(path);
  }
}

/** Whether `path` is a file this process left behind (see `leftovers`). */
export function isOwnLeftover(path: string): boolean {
  return leftovers.has(path);
}

/**
 * Creates `partial` exclusively. An existing one younger than `staleMs` means another push of
 * the same file is running (busy); an older one was left by a crash and is replaced, once.
 */
export async function openPartial(partial: string, staleMs: number): Promise<FileHandle> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await open(partial, 'wx');
    } catch (err) {
      if (errnoOf(err) !== 'EEXIST') throw destinationError(err, `create ${partial}`);
    }
    let age = Infinity;
    try {
      age = Date.now() - (await stat(partial)).mtimeMs;
    } catch (err) {
      // Gone meanwhile (the other push finished or failed): just try again.
      if (errnoOf(err) !== 'ENOENT') throw destinationError(err, `inspect ${partial}`);
    }
    if (attempt >= 1 || (age < staleMs && !leftovers.has(partial)))
      throw new PushError(
        'busy',
        `Another Courier is sending the same file to ${dirname(partial)} right now (${basename(partial)} is being written). Courier will try again later.`,
      );
    if (age !== Infinity) await dropOwn(partial);
  }
}

/** Writes all of `buf` (a write may be short on network file systems). */
export async function writeAll(fh: FileHandle, buf: Uint8Array): Promise<void> {
  let off = 0;
  while (off < buf.length) {
    const { bytesWritten } = await fh.write(buf, off, buf.length - off, null);
    off += bytesWritten;
  }
}

/**
 * SHA-256 of `path`, read back in chunks. With `ino`, first checks it is still the file we
 * wrote: a stale-partial cleanup by another process must not make us verify its file. Touches
 * the mtime every 30 s so a long verify is not taken for a stale partial.
 */
export async function rehash(
  path: string,
  ino: number | null,
  onChunk: (done: number) => void = noop,
): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const now = ino === null ? 0 : (await fh.stat()).ino;
    // 0: a file system without stable inode numbers; nothing to compare then.
    if (ino !== null && ino !== 0 && now !== 0 && now !== ino)
      throw new PushError(
        'busy',
        `Another Courier replaced ${path} while this one was writing it. Courier will try again later.`,
      );
    const hash = createHash('sha256');
    const buf = Buffer.allocUnsafe(CHUNK_BYTES);
    let done = 0;
    let touched = Date.now();
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      hash.update(buf.subarray(0, bytesRead));
      done += bytesRead;
      onChunk(done);
      if (ino !== null && Date.now() - touched > 30_000) {
        touched = Date.now();
        await fh.utimes(touched / 1000, touched / 1000).catch(noop);
      }
    }
    return hash.digest('hex');
  } finally {
    await fh.close().catch(noop);
  }
}

/** Whether anything (file, folder, link) is at `path`. */
export async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return false;
    throw destinationError(err, `inspect ${path}`);
  }
}

/** Makes the folder's entries (renames, links) durable, where the platform supports it. */
export async function fsyncDir(dir: string): Promise<void> {
  let fh: FileHandle;
  try {
    fh = await open(dir, 'r');
  } catch (err) {
    const errno = errnoOf(err);
    if (errno !== null && NO_SYNC.has(errno)) return;
    throw destinationError(err, `open the folder ${dir}`);
  }
  try {
    await fh.sync();
  } catch (err) {
    const errno = errnoOf(err);
    if (errno === null || !NO_SYNC.has(errno))
      throw destinationError(err, `flush the folder ${dir}`);
  } finally {
    await fh.close().catch(noop);
  }
}
