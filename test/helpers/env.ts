import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { bundledDefinitionsDir, loadDefinitions } from '../../src-main/core/definitions/loader';
import type { DefinitionSet } from '../../src-main/core/definitions/loader';
import type { JobOptions, JobResult } from '../../src-main/core/jobs/runJob';
import { runJob } from '../../src-main/core/jobs/runJob';

/** The 16 NA-ACCORD tables, in submission order. */
export const NAACCORD_TABLES = [
  'patient',
  'diagnosis',
  'laboratory',
  'medication',
  'medication_administration',
  'mortality',
  'geography',
  'encounter',
  'insurance',
  'hospitalization',
  'substance_survey',
  'mental_health_survey',
  'procedure',
  'discharge_dx',
  'risk_factor',
  'census',
];

/** A temp folder removed by the returned cleanup. */
export function tempDir(prefix = 'courier-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

let defs: Promise<DefinitionSet> | null = null;
export function definitions(): Promise<DefinitionSet> {
  defs ??= loadDefinitions([bundledDefinitionsDir()]);
  return defs;
}

/** Writes `content` to `dir/name` and runs a job on it with a private home. */
export async function ingest(
  dir: string,
  name: string,
  content: string | Uint8Array,
  opts: Partial<JobOptions> = {},
): Promise<JobResult> {
  const path = join(dir, name);
  writeFileSync(path, content);
  return runJob(path, {
    home: join(dir, 'home'),
    definitions: await definitions(),
    keepArtifact: true,
    threads: 2,
    ...opts,
  });
}

/** Reads every row of a table of an artifact (read-only), with bigint turned into number. */
export async function readTable(dbPath: string, sql: string): Promise<Record<string, unknown>[]> {
  const inst = await DuckDBInstance.create(dbPath, { access_mode: 'READ_ONLY' });
  const conn = await inst.connect();
  try {
    const r = await conn.runAndReadAll(sql);
    return r
      .getRowObjectsJS()
      .map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]),
        ),
      );
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
}

/** Every file under `root` (recursively), as sorted paths relative to it; [] when missing. */
export function listFiles(root: string, base = root): string[] {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  for (const e of readdirSync(root, { withFileTypes: true })) {
    const p = join(root, e.name);
    if (e.isDirectory()) out.push(...listFiles(p, base));
    else out.push(relative(base, p));
  }
  return out.sort();
}
