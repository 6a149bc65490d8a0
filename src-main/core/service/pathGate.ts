/**
 * Which paths the window may hand to Courier: files (or folders) the coordinator dropped or
 * picked — the desktop preload grants those as it reads them from the drop — and anything
 * inside a configured watched folder. A page that was tricked into sending any other path
 * gets a refusal, never a read.
 */
import { realpathSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, extname, join, resolve, sep } from 'node:path';
import { statWithin } from '../presence';
import { isTemporaryName } from '../watch/watcher';

/** Extensions taken from a dropped folder (a file dropped on its own is always tried). */
const DATA_EXTENSIONS = new Set(['.csv', '.tsv', '.txt', '.tab', '.dat']);
/** Most files one folder drop may queue. */
export const MAX_FOLDER_FILES = 1000;

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

function inside(root: string, p: string): boolean {
  return p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);
}

export class PathGate {
  private readonly granted = new Set<string>();

  /** Records paths the preload read from a drop or the file picker. */
  grant(paths: readonly string[]): void {
    for (const p of paths) {
      this.granted.add(resolve(p));
      this.granted.add(real(p));
    }
  }

  /**
   * Whether `path` was granted (or lies in a granted folder: a dropped folder's files), or
   * lies inside one of `folders` (after resolving links).
   */
  allowed(path: string, folders: readonly string[]): boolean {
    const abs = resolve(path);
    const r = real(abs);
    if (this.granted.has(abs) || this.granted.has(r)) return true;
    for (const g of this.granted) if (inside(g, abs) || inside(g, r)) return true;
    return folders.some((f) => inside(real(f), r));
  }
}

/**
 * Expands one accepted path into files: a file is itself; a folder gives its data files
 * (subfolders included, temporary names and Courier's own done/ and rejected/ skipped).
 */
export async function expandPath(
  path: string,
): Promise<{ files: string[]; refused: string | null }> {
  // Asynchronous and bounded: a drop from a network drive that stopped answering is refused
  // in plain words instead of freezing the window.
  const st = await statWithin(path);
  if (st === 'timeout')
    return {
      files: [],
      refused:
        'The drive this file is on does not answer. Check the network connection and try again.',
    };
  if (!st) return { files: [], refused: 'The file cannot be found (was it moved or renamed?).' };
  if (st.isFile()) return { files: [resolve(path)], refused: null };
  if (!st.isDirectory())
    return { files: [], refused: 'This is not a file or folder Courier can read.' };
  const files: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (files.length >= MAX_FOLDER_FILES || isTemporaryName(e.name)) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (depth < 5 && e.name !== 'done' && e.name !== 'rejected') await walk(p, depth + 1);
      } else if (e.isFile() && DATA_EXTENSIONS.has(extname(e.name).toLowerCase())) {
        files.push(p);
      }
    }
  };
  await walk(resolve(path), 0);
  if (files.length === 0)
    return {
      files,
      refused: `The folder ${basename(path)} holds no data files (.csv, .tsv, .txt).`,
    };
  return { files, refused: null };
}
