import { fstatSync, fsyncSync, ftruncateSync, writeSync } from 'node:fs';
import { CourierError } from '../errors';

/** `writeSync`'s shape: one write(2), returning how many bytes it wrote. Tests inject others. */
export type WriteFn = (fd: number, data: Uint8Array) => number;

/** A journal write that found no room on the disk; its message is for the coordinator. */
export class DiskFullError extends CourierError {
  constructor(
    what: string,
    readonly errno: 'ENOSPC' | 'EDQUOT',
  ) {
    super(
      'disk-full',
      errno === 'EDQUOT'
        ? `Courier could not record ${what}: the disk quota of its data folder is used up (EDQUOT). Free some space.`
        : `Courier could not record ${what}: the disk holding its data folder is full (ENOSPC). Free some space.`,
    );
    this.name = 'DiskFullError';
  }
}

function noSpaceCode(e: unknown): 'ENOSPC' | 'EDQUOT' | null {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' ? code : null;
}

/**
 * Appends `bytes` with one write to `fd` (opened O_APPEND), then fsync when `durable`.
 *
 * A short write (the disk filled up mid-line) would leave a torn line that the next event
 * would follow: the fragment is cut off again with ftruncate on the same descriptor, back to
 * the size before the write. That is safe only if nobody appended since, which the file's size
 * tells (before + what we wrote): otherwise another process's line follows the fragment, and
 * the fragment stays, to be skipped by readers as a damaged line. A failed fsync is handled the
 * same way: an event that may not be on disk is not committed.
 *
 * @param what what the bytes record, in the coordinator's words, for the error message.
 * @throws DiskFullError when the disk (or the quota) is full; other errors as they come.
 */
export function appendBytes(
  fd: number,
  bytes: Uint8Array,
  o: { durable: boolean; what: string; write?: WriteFn },
): void {
  const before = fstatSync(fd).size;
  let written: number;
  try {
    written = (o.write ?? writeSync)(fd, bytes);
  } catch (e) {
    // Nothing was written: nothing to take back.
    const code = noSpaceCode(e);
    if (code) throw new DiskFullError(o.what, code);
    throw e;
  }
  if (written < bytes.length) {
    takeBack(fd, before, written);
    throw new DiskFullError(o.what, 'ENOSPC');
  }
  if (!o.durable) return;
  try {
    fsyncSync(fd);
  } catch (e) {
    const code = noSpaceCode(e);
    if (!code) throw e;
    takeBack(fd, before, written);
    throw new DiskFullError(o.what, code);
  }
}

/** Truncates back to `before` if the file grew by our `written` bytes only. */
function takeBack(fd: number, before: number, written: number): void {
  try {
    if (fstatSync(fd).size === before + written) ftruncateSync(fd, before);
  } catch {
    // The fragment stays; readers skip it, and the next append starts a fresh line.
  }
}
