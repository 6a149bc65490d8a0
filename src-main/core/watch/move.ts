/** Moving a finished source file out of a watched folder's way, never over another file. */
import { link, mkdir, unlink } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';

/** Moves a file into `dir` (created when missing), renaming on a clash: never overwrites. */
export async function moveInto(path: string, dir: string): Promise<string> {
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

/** Courier's own subfolders of a watched folder: never watched, never taken from. */
export const OWN_FOLDERS: ReadonlySet<string> = new Set(['done', 'rejected']);
