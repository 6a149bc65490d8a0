/**
 * Moving Courier's data folder once, from where an earlier version kept it (on Windows the
 * roaming profile) to its default place now. Run by whichever Courier process starts first
 * with the default folder (the desktop app or the `courier` command), before anything opens.
 *
 * Folders move whole (a rename; a copy where the two are on different volumes, as with a
 * redirected roaming profile). The journals record absolute paths of artifacts and reports
 * under the folder, so they are rewritten to the new place, and written last: a move cut short
 * is finished by the next start. The old folder keeps a note saying where the data went, and
 * whatever is not Courier's (Chromium's files of the old desktop app).
 */
import {
  appendFileSync,
  cpSync,
  existsSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, sep } from 'node:path';
import { privateDir } from './paths';

/** Courier's own entries in a data folder; the journals come last (see above). */
const FOLDERS = ['artifacts', 'reports', 'outbox', 'logs', 'config.json'];
const JOURNALS = ['audit.jsonl', 'ledger.jsonl'];
export const MOVED_NOTE = 'MOVED.txt';

/** Moves one entry; on another volume, copies it and removes the original. */
function move(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    cpSync(from, to, { recursive: true, preserveTimestamps: true, errorOnExist: true });
    rmSync(from, { recursive: true, force: true });
  }
}

/** A journal's text with paths under `from` pointing under `to` (as JSON strings write them). */
export function repointJournal(text: string, from: string, to: string, separator = sep): string {
  const quoted = (p: string): string => JSON.stringify(p + separator).slice(1, -1);
  return text.split(quoted(from)).join(quoted(to));
}

/**
 * Moves Courier's data from `from` to `to` when `to` has none yet. Returns true when data
 * was moved. Errors are thrown with the folder named (the caller says what to do).
 */
export function moveHomeOnce(from: string, to: string): boolean {
  if (from === to || !existsSync(from)) return false;
  const has = (dir: string): boolean =>
    [...JOURNALS, 'config.json'].some((n) => existsSync(join(dir, n)));
  // Data already in the new place (or a move finished): nothing to do.
  if (existsSync(join(to, 'ledger.jsonl')) || !has(from)) return false;
  privateDir(to);
  for (const name of FOLDERS) {
    const src = join(from, name);
    if (existsSync(src) && !existsSync(join(to, name))) move(src, join(to, name));
  }
  for (const name of JOURNALS) {
    const src = join(from, name);
    if (!existsSync(src)) continue;
    const tmp = join(to, `${name}.moving`);
    writeFileSync(tmp, repointJournal(readFileSync(src, 'utf8'), from, to), { mode: 0o600 });
    renameSync(tmp, join(to, name));
    rmSync(src, { force: true });
  }
  appendFileSync(
    join(from, MOVED_NOTE),
    `${new Date().toISOString()} Courier's data (ledger, artifacts, reports, settings, logs) was moved to ${to}\n`,
  );
  return true;
}
