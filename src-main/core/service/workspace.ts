/**
 * Private scratch folders under COURIER_HOME/workspace: uploads (files dropped in a browser,
 * kept until their job is sent or removed, so that it can be checked again) and exports
 * waiting to be downloaded. Each folder is named `<pid>-<random>` so any process can tell a
 * dead one's leftovers from a live one's.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { safeFileName } from '../names';
import { isAlive } from '../ledger/ledger';
import { privateDir } from '../paths';

export type ScratchKind = 'uploads' | 'exports';

export function scratchRoot(home: string, kind: ScratchKind): string {
  return join(home, 'workspace', kind);
}

/** A fresh private folder for one upload or export, and a safe file name inside it. */
export function scratchFile(
  home: string,
  kind: ScratchKind,
  name: string,
): { dir: string; path: string; remove: () => Promise<void> } {
  const dir = privateDir(
    join(privateDir(scratchRoot(home, kind)), `${process.pid}-${randomBytes(8).toString('hex')}`),
  );
  const path = join(dir, safeFileName(name));
  return { dir, path, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Removes scratch folders whose process is gone (a crash left them), except uploads that
 * `keepUpload` says a job still needs (its source, until it is sent or removed).
 */
export function cleanScratch(
  home: string,
  keepUpload: (dir: string) => boolean = () => false,
): void {
  for (const kind of ['uploads', 'exports'] as const) {
    const root = privateDir(scratchRoot(home, kind));
    for (const name of readdirSync(root)) {
      const dir = join(root, name);
      const pid = Number(/^(\d+)-/.exec(name)?.[1] ?? 0);
      if (pid && isAlive(pid)) continue;
      if (kind === 'uploads' && keepUpload(dir)) continue;
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** The upload folder holding `path`, or null when `path` is not an upload. */
export function uploadDirOf(home: string, path: string): string | null {
  const root = scratchRoot(home, 'uploads');
  if (!path.startsWith(root + sep)) return null;
  const name = path.slice(root.length + 1).split(sep)[0];
  return name ? join(root, name) : null;
}
