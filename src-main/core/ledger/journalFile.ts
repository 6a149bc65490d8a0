/** How a journal file is told from another under the same name, and opened for reading. */
import { openSync } from 'node:fs';
import type { Stats } from 'node:fs';

/**
 * What tells one file from the next under the same name: a journal deleted and created again
 * may reuse the inode number, not its birth time.
 */
export function fileIdentity(st: Stats): string {
  return `${st.dev}:${st.ino}:${st.birthtimeMs}`;
}

/** A read descriptor on `file`, or null when there is no such file. */
export function openIfExists(file: string): number | null {
  try {
    return openSync(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}
