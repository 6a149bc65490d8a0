import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { rm } from 'node:fs/promises';
import { CHUNK_BYTES, noop, openPartial, rehash, writeAll } from './atomic';
import { PushError, destinationError, localArtifactError } from './errors';

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
 * Creates `partial` exclusively, lets `fill` write it, fsyncs and closes it (network file
 * systems report deferred write errors at close); returns its inode. On any failure the
 * partial is removed.
 */
export async function writePartial(
  partial: string,
  staleMs: number,
  fill: (fh: FileHandle) => Promise<void>,
): Promise<number> {
  const fh = await openPartial(partial, staleMs);
  let closed = false;
  try {
    await fill(fh);
    await fh.sync();
    const { ino } = await fh.stat();
    closed = true;
    await fh.close();
    return ino;
  } catch (err) {
    if (!closed) await fh.close().catch(noop);
    await rm(partial, { force: true }).catch(noop);
    throw destinationError(err, `write ${partial}`);
  }
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
    if (!(err instanceof PushError && err.code === 'busy'))
      await rm(partial, { force: true }).catch(noop);
    throw destinationError(err, `read back ${partial}`);
  }
  if (back !== expected) {
    await rm(partial, { force: true }).catch(noop);
    throw new PushError('verify-failed', mismatch);
  }
}
