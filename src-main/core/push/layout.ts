import * as nodePath from 'node:path';
import { artifactBase, asciiName, fitBytes, nameHash, safeStem } from '../names';
import { notReserved } from './windows';

/**
 * Longest cohort folder, table folder and file-name stem (ASCII, so bytes = characters).
 * With them the part of a path below the NAS root is at most 156 characters
 * (`<40>/<year>/<32>/.<48>-<sha12>.duckdb.partial`), which leaves over 100 for the root within
 * Windows' 260. Ordinary names are far shorter and stay exactly as Contract 4 says.
 */
export const MAX_SLUG = 40;
export const MAX_TABLE = 32;
export { MAX_STEM } from '../names';

/** What decides where an artifact goes on the NAS (Contract 4). */
export interface DestinationKey {
  cohort: string | null;
  protocolYear: number | null;
  table: string | null;
  /** The source file's name as the coordinator gave it (a path is cut to its last part). */
  sourceName: string;
  /** SHA-256 of the source file, 64 hex digits: the idempotency key. */
  sourceSha256: string;
  /** The cohort's folder when the push chose it (a distinct slug); default `cohortSlug`. */
  cohortSlug?: string;
  /**
   * Set for an artifact that is not the plain conversion of the source (a fixed one:
   * `fix-<8 hex>`, see jobs/fixTag.ts): appended to the base name, so it sits beside the
   * unfixed artifact of the same source instead of colliding with it.
   */
  variant?: string | null;
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

/** `text` cut to `max` characters with a hash of `whole` (see names.ts `fitBytes`). */
function fit(text: string, max: number, whole: string): string {
  return fitBytes(text, max, whole);
}

/**
 * One folder or file name the NAS layout may use: ASCII letters, digits, `-` and `_`, at most
 * `max` characters, never a Windows device name (`con`, `aux`, `nul`, `com1`… get a `_`).
 * Such a name never ends with a dot or space and holds none of `<>:"/\|?*`.
 */
function segment(text: string, max: number, whole = text): string {
  return notReserved(fit(asciiName(text), max, whole));
}

/**
 * The cohort's folder name: `UT Southwestern / Parkland, Dallas TX` →
 * `ut-southwestern-parkland-dallas-tx`, `Cohorte médicale de Montréal` →
 * `cohorte-medicale-de-montreal`. A name of which nothing survives (`北京协和`) gets
 * `cohort-<hash of the name>`; no cohort at all, `unassigned`. Where two cohorts would share a
 * folder, the push uses {@link distinctCohortSlug}.
 */
export function cohortSlug(cohort: string | null): string {
  if (cohort === null || cohort.trim() === '') return 'unassigned';
  const name = cohort.normalize('NFC').trim();
  const slug = notReserved(fit(asciiName(name).toLowerCase(), MAX_SLUG, name));
  return slug === '' ? `cohort-${nameHash(name)}` : slug;
}

/** The folder of a cohort whose plain slug another cohort already uses: the slug and a hash. */
export function distinctCohortSlug(cohort: string): string {
  const name = cohort.normalize('NFC').trim();
  return `${cohortSlug(name).slice(0, MAX_SLUG - 9)}-${nameHash(name)}`;
}

/**
 * A name safe on every file system, case kept, for file base names, which always go on with
 * `-<sha12>` (so never a Windows device name: `NUL-…` is fine). The same rule names the
 * artifact on this computer (names.ts `artifactStem`).
 */
export function safeName(name: string): string {
  return safeStem(name.normalize('NFC'));
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
  const base =
    artifactBase(key.sourceName, key.sourceSha256) + (key.variant ? `-${key.variant}` : '');
  const dir = join(
    root,
    key.cohortSlug ?? cohortSlug(key.cohort),
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
