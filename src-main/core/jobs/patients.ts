import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DefinitionSet } from '../definitions/loader';
import { homeLayout, privateDir } from '../paths';
import { CourierError } from '../errors';
import { runJob } from './runJob';

/**
 * The patient table for a cross-table check, as an artifact: a `.duckdb` artifact is used as
 * it is; a CSV is converted first (as a private, temporary artifact removed by `release`).
 */
export async function preparePatients(
  path: string,
  opts: { home: string; definitions: DefinitionSet; cohort?: string | null },
): Promise<{ artifact: string; release: () => Promise<void> }> {
  if (path.toLowerCase().endsWith('.duckdb')) return { artifact: path, release: async () => {} };
  const tmpHome = await mkdtemp(
    join(privateDir(homeLayout(opts.home).staging), `${process.pid}-patients-`),
  );
  const release = (): Promise<void> => rm(tmpHome, { recursive: true, force: true });
  const r = await runJob(path, {
    home: tmpHome,
    definitions: opts.definitions,
    table: 'patient',
    cohort: opts.cohort ?? null,
    keepArtifact: true,
  });
  if (!r.artifact) {
    await release();
    throw new CourierError(
      'patients',
      `The patient table ${path} could not be read: ${r.error ?? r.report?.issues[0]?.message ?? r.stage}`,
    );
  }
  return { artifact: r.artifact.path, release };
}
