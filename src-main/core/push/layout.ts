import { join } from 'node:path';

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
 * The cohort's folder name: `UT Southwestern / Parkland, Dallas TX` →
 * `ut-southwestern-parkland-dallas-tx`; no cohort (or nothing usable left) → `unassigned`.
 */
export function cohortSlug(cohort: string | null): string {
  const slug = cohort === null ? '' : sanitize(cohort).toLowerCase();
  return slug === '' ? 'unassigned' : slug;
}

/**
 * A name safe on every file system, case kept (same rule as the cohort slug), for file base
 * names. Nothing usable left → `source`, so a base name never starts with `-<sha12>`.
 */
export function safeName(name: string): string {
  return sanitize(name) || 'source';
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
 * condition of the destination.
 */
export function destinationPaths(root: string, key: DestinationKey): DestinationPaths {
  if (!/^[0-9a-fA-F]{12,}$/.test(key.sourceSha256))
    throw new Error(`destinationPaths: sourceSha256 is not a hex digest: ${key.sourceSha256}`);
  const base = `${safeName(stem(key.sourceName))}-${key.sourceSha256.slice(0, 12).toLowerCase()}`;
  const dir = join(
    root,
    cohortSlug(key.cohort),
    (key.protocolYear === null ? '' : sanitize(String(key.protocolYear))) || 'no-year',
    (key.table === null ? '' : sanitize(key.table)) || 'unknown',
  );
  return {
    dir,
    artifact: join(dir, `${base}.duckdb`),
    manifest: join(dir, `${base}.json`),
    base,
  };
}
