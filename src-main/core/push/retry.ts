import { errnoOf } from './errors';

/**
 * Errors by which a rename or unlink fails because another program holds the file open: on
 * Windows and on SMB shares, an antivirus scanning a new file or Excel showing it (a sharing
 * violation comes back as EBUSY, EPERM or EACCES). They usually last well under a second.
 */
export const HELD_OPEN = new Set(['EBUSY', 'EPERM', 'EACCES', 'ETXTBSY']);

/** Waits before each new try: 0.1 s, 0.2 s, 0.4 s, 0.8 s (1.5 s in all, then the error). */
export const HELD_OPEN_DELAYS_MS: readonly number[] = [100, 200, 400, 800];

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `op`, trying again with growing delays while it fails because the file is held open
 * by another program; any other error, or the last one, is thrown as it came.
 */
export async function whileHeldOpen<T>(
  op: () => Promise<T>,
  opts: { delaysMs?: readonly number[]; wait?: (ms: number) => Promise<void> } = {},
): Promise<T> {
  const delays = opts.delaysMs ?? HELD_OPEN_DELAYS_MS;
  const wait = opts.wait ?? sleep;
  for (let i = 0; ; i++) {
    try {
      return await op();
    } catch (err) {
      const errno = errnoOf(err);
      const delay = delays[i];
      if (errno === null || !HELD_OPEN.has(errno) || delay === undefined) throw err;
      await wait(delay);
    }
  }
}
