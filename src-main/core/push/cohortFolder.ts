/**
 * Which folder a cohort's files go to on the NAS. Its slug (layout.ts), unless another cohort's
 * files are already there (two names that slug alike, `UW - Seattle` and `UW: Seattle`): then
 * the slug with a short hash of the full name, so the two never mix and neither's file is taken
 * for the other's. The folder's owner is read from any one manifest in it.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { cohortSlug, distinctCohortSlug } from './layout';

export async function cohortFolder(root: string, cohort: string | null): Promise<string> {
  const plain = cohortSlug(cohort);
  if (cohort === null) return plain;
  const owner = await ownerOf(join(root, plain));
  return owner === null || owner.normalize('NFC') === cohort.normalize('NFC').trim()
    ? plain
    : distinctCohortSlug(cohort);
}

/** The cohort a manifest in `<dir>/<year>/<table>/` names, or null when there is none. */
async function ownerOf(dir: string): Promise<string | null> {
  for (const year of await names(dir)) {
    for (const table of await names(join(dir, year))) {
      const folder = join(dir, year, table);
      for (const file of await names(folder)) {
        if (file.startsWith('.') || !file.endsWith('.json')) continue;
        const cohort = await readFile(join(folder, file), 'utf8')
          .then((t) => (JSON.parse(t) as { cohort?: unknown } | null)?.cohort)
          .catch(() => undefined);
        if (typeof cohort === 'string') return cohort;
      }
    }
  }
  return null;
}

async function names(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => []);
}
