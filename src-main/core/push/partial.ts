import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CHUNK_BYTES, dropOwn, noop, openPartial, rehash, writeAll } from './atomic';
import { PushError, destinationError, errnoOf, fullError, localArtifactError } from './errors';

/** Streams `src` into `dst`, hashing what was read; returns that hash. */
export async function copy(
  src: FileHandle,
  dst: FileHandle,
  srcPath: string,
  onChunk: (done: number) => void,
): Promise<string> {
  const hash = createHash('sha256');
  const buf = Buffer.allocUnsafe(CHUNK_BYTES);
  let done = 0;
  for (;;) {
    let n: number;
    try {
      n = (await src.read(buf, 0, CHUNK_BYTES, null)).bytesRead;
    } catch (err) {
      throw localArtifactError(err, srcPath);
    }
    if (n === 0) return hash.digest('hex');
    const chunk = buf.subarray(0, n);
    hash.update(chunk);
    await writeAll(dst, chunk);
    done += n;
    onChunk(done);
  }
}

/**
 * Creates `partial` exclusively, lets `fill` write it, fsyncs (unless the share refuses fsync)
 * and closes it (network file systems report deferred write errors at close); returns its
 * inode. On any failure the partial is removed; a share left with less room than `needed`
 * bytes is reported as full (SMB and SFTP servers answer a full disk with a bare EIO).
 */
export async function writePartial(
  partial: string,
  staleMs: number,
  fill: (fh: FileHandle) => Promise<void>,
  o: {
    sync?: boolean;
    /** Bytes the file needs: a failed write on a share with less room is "full". */
    needed?: number;
    /** The share's free space is exact (not rclone's): say it in the message. */
    exactFree?: boolean;
  } = {},
): Promise<number> {
  const fh = await openPartial(partial, staleMs);
  let closed = false;
  try {
    await fill(fh);
    if (o.sync !== false) await fh.sync();
    const { ino } = await fh.stat();
    closed = true;
    await fh.close();
    return ino;
  } catch (err) {
    if (!closed) await fh.close().catch(noop);
    await dropOwn(partial);
    throw await writeError(err, partial, o.needed, o.exactFree ?? true);
  }
}

/** Bytes the current user may still write in `dir`, or null where the share does not say. */
export async function freeBytes(dir: string): Promise<number | null> {
  try {
    const s = await statfs(dir);
    return s.blocks > 0 ? s.bavail * s.bsize : null;
  } catch {
    return null;
  }
}

/** Errors by which a share may be saying "full" without saying it. */
const MAYBE_FULL = new Set([
  'EIO',
  'ENOSPC',
  'EDQUOT',
  'EFBIG',
  'ESPIPE',
  'ECONNABORTED',
  'ECONNRESET',
]);

async function writeError(
  err: unknown,
  partial: string,
  needed: number | undefined,
  exactFree: boolean,
): Promise<PushError> {
  if (err instanceof PushError) return err;
  const errno = errnoOf(err);
  if (needed !== undefined && errno !== null && MAYBE_FULL.has(errno)) {
    const free = await freeBytes(dirname(partial));
    if (free !== null && free < needed)
      return fullError(
        `write ${partial}`,
        errno === 'EDQUOT' ? 'EDQUOT' : 'ENOSPC',
        exactFree ? { cause: err, free, needed } : { cause: err },
      );
  }
  return destinationError(err, `write ${partial}`);
}

/** Reads `partial` back and compares; a mismatch removes it. */
export async function verifyPartial(
  partial: string,
  ino: number,
  expected: string,
  onChunk: (done: number) => void,
  mismatch: string,
): Promise<void> {
  let back: string;
  try {
    back = await rehash(partial, ino, onChunk);
  } catch (err) {
    if (!(err instanceof PushError && err.code === 'busy')) await dropOwn(partial);
    throw destinationError(err, `read back ${partial}`);
  }
  if (back !== expected) {
    await dropOwn(partial);
    throw new PushError('verify-failed', mismatch);
  }
}
