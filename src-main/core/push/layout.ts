import { createHash } from 'node:crypto';
import * as nodePath from 'node:path';
import { notReserved } from './windows';

/**
 * Longest cohort folder, table folder and file-name stem (ASCII, so bytes = characters).
 * With them the part of a path below the NAS root is at most 156 characters
 * (`<40>/<year>/<32>/.<48>-<sha12>.duckdb.partial`), which leaves over 100 for the root within
 * Windows' 260. Ordinary names are far shorter and stay exactly as Contract 4 says.
 */
export const MAX_SLUG = 40;
export const MAX_TABLE = 32;
export const MAX_STEM = 48;

/** What decides where an artifact goes on the NAS (Contract 4). */
export interface DestinationKey {
  cohort: string | null;
  protocolYear: number | null;
  table: string | null;
  /** The source file's name as the coordinator gave it (a path is cut to its last part). */
  sourceName: string;
  /** SHA-256 of the source file, 64 hex digits: the idempotency key. */
  sourceSha256: string;
}

/** The final names of one push. */
export interface DestinationPaths {
  /** `<root>/<cohort-slug>/<protocolYear|no-year>/<table|unknown>` */
  dir: string;
  /** `<dir>/<base>.duckdb` */
  artifact: string;
  /** `<dir>/<base>.json`, the commit marker */
  manifest: string;
  /** `<name>-<sha12>` */
  base: string;
}

/** Keeps ASCII letters, digits, `-` and `_`; any other run of characters becomes one `-`. */
function sanitize(text: string): string {
  return text
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * `text` cut to `max` characters, ending with 8 hex digits of the SHA-256 of `whole` so that
 * two long names that share their beginning stay apart.
 */
function fit(text: string, max: number, whole: string): string {
  if (text.length <= max) return text;
  const tag = createHash('sha256').update(whole, 'utf8').digest('hex').slice(0, 8);
  return `${text.slice(0, max - tag.length - 1).replace(/[-_]+$/, '')}-${tag}`;
}

/**
 * One folder or file name the NAS layout may use: ASCII letters, digits, `-` and `_`, at most
 * `max` characters, never a Windows device name (`con`, `aux`, `nul`, `com1`… get a `_`).
 * Such a name never ends with a dot or space and holds none of `<>:"/\|?*`.
 */
function segment(text: string, max: number, whole = text): string {
  return notReserved(fit(sanitize(text), max, whole));
}

/**
 * The cohort's folder name: `UT Southwestern / Parkland, Dallas TX` →
 * `ut-southwestern-parkland-dallas-tx`; no cohort (or nothing usable left) → `unassigned`.
 */
export function cohortSlug(cohort: string | null): string {
  const slug =
    cohort === null ? '' : notReserved(fit(sanitize(cohort).toLowerCase(), MAX_SLUG, cohort));
  return slug === '' ? 'unassigned' : slug;
}

/**
 * A name safe on every file system, case kept (same rule as the cohort slug), for file base
 * names, which always go on with `-<sha12>` (so never a Windows device name: `NUL-…` is fine).
 * Nothing usable left → `source`, so a base name never starts with `-<sha12>`.
 */
export function safeName(name: string): string {
  return fit(sanitize(name), MAX_STEM, name) || 'source';
}

/** The source name's last path part without its extension: `C:\x\lab 2025.csv` → `lab 2025`. */
function stem(sourceName: string): string {
  const last = sourceName.split(/[\\/]/).pop() ?? sourceName;
  const dot = last.lastIndexOf('.');
  // A leading dot is a hidden name, not an extension.
  return dot > 0 ? last.slice(0, dot) : last;
}

/**
 * Where an artifact and its manifest go under the NAS root (Contract 4).
 *
 * Throws a plain Error when `sourceSha256` is not hex: that is a bug in the caller, not a
 * condition of the destination. `path` is `node:path` (the platform's rules); tests pass
 * `path.win32` to build the paths a Windows machine would.
 */
export function destinationPaths(
  root: string,
  key: DestinationKey,
  path: { join: (...parts: string[]) => string } = nodePath,
): DestinationPaths {
  if (!/^[0-9a-fA-F]{12,}$/.test(key.sourceSha256))
    throw new Error(`destinationPaths: sourceSha256 is not a hex digest: ${key.sourceSha256}`);
  const { join } = path;
  const base = `${safeName(stem(key.sourceName))}-${key.sourceSha256.slice(0, 12).toLowerCase()}`;
  const dir = join(
    root,
    cohortSlug(key.cohort),
    (key.protocolYear === null ? '' : segment(String(key.protocolYear), 8)) || 'no-year',
    (key.table === null ? '' : segment(key.table, MAX_TABLE)) || 'unknown',
  );
  return {
    dir,
    artifact: join(dir, `${base}.duckdb`),
    manifest: join(dir, `${base}.json`),
    base,
  };
}
