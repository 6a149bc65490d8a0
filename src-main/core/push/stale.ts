import type { Dirent } from 'node:fs';
import { lstat, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PARTIAL_NAME, STALE_MS } from './atomic';
import { DECLARATION_PARTIAL } from './declaration';
import { PROBE_NAME } from './capabilities';
import { LOCK_NAME } from './noReplace';
import { readShare } from './share';

/** Sub-folders of `dir`, not following links (nothing outside the share is ever visited). */
async function subdirs(dir: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => join(dir, e.name));
}

/**
 * Removes Courier's own `.partial` and `.lock` files older than `staleMs` (10 minutes) left by
 * crashed pushes in the share's `<cohort>/<year>/<table>` folders, and probe files at its root
 * left by a process that died while probing; returns the paths removed.
 *
 * Best effort and harmless to run at any time: a root without Courier's marker (an unmounted
 * NAS, someone else's folder) is left alone, only Courier's own hidden names (partials, locks,
 * probes) are considered, and a running push keeps its partial's mtime fresh.
 */
export async function cleanStalePartials(
  root: string,
  opts: { staleMs?: number } = {},
): Promise<string[]> {
  const staleMs = opts.staleMs ?? STALE_MS;
  const marker = await readShare(root).catch(() => null);
  if (marker === null) return [];
  const removed: string[] = [];
  const old = async (path: string): Promise<void> => {
    try {
      const st = await lstat(path);
      if (!st.isFile() || Date.now() - st.mtimeMs < staleMs) return;
      await rm(path);
      removed.push(path);
    } catch {
      // Gone meanwhile, or not ours to remove: housekeeping never fails a push.
    }
  };
  for (const name of await readdir(root).catch(() => [] as string[]))
    if (PROBE_NAME.test(name)) await old(join(root, name));
  for (const cohort of await subdirs(root))
    for (const year of await subdirs(cohort)) {
      // Declarations (submission-<n>.json) are written in the year's folder.
      for (const name of await readdir(year).catch(() => [] as string[]))
        if (DECLARATION_PARTIAL.test(name)) await old(join(year, name));
      for (const table of await subdirs(year)) {
        let names: string[];
        try {
          names = await readdir(table);
        } catch {
          continue;
        }
        for (const name of names)
          if (PARTIAL_NAME.test(name) || LOCK_NAME.test(name)) await old(join(table, name));
      }
    }
  return removed;
}
