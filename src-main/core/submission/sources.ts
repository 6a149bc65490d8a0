/**
 * Where a submission's artifacts are, table by table: the ledger's kept jobs (the current
 * version of each file), or, for a year this computer never ingested (a new laptop), the NAS's
 * artifacts of that year, each verified against its manifest before it is read.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DefinitionSet } from '../definitions/loader';
import type { JobRecord, Ledger } from '../ledger/ledger';
import { KEPT_STAGES } from '../ledger/ledger';
import { cohortFolder } from '../push/cohortFolder';
import { existsSync } from 'node:fs';

/** One table's artifacts for one year, and where they came from. */
export interface TableSources {
  table: string;
  artifacts: {
    path: string;
    file: string;
    sha256: string;
    rows: number | null;
    patients: number | null;
  }[];
  from: 'ledger' | 'nas' | 'none';
}

/** The jobs whose artifacts make a table of a submission now (single-file tables: the latest). */
export function currentJobs(
  ledger: Ledger,
  defs: DefinitionSet,
  cohort: string | null,
  protocolYear: number | null,
): Map<string, JobRecord[]> {
  const byTable = new Map<string, JobRecord[]>();
  for (const j of ledger.jobs()) {
    if (j.cohort !== cohort || j.protocolYear !== protocolYear || !KEPT_STAGES.has(j.stage))
      continue;
    if (!j.table || !defs.get(j.table)) continue;
    const list = byTable.get(j.table) ?? [];
    // The same bytes twice (re-ingested on purpose) count once.
    if (!list.some((x) => x.source.sha256 === j.source.sha256)) list.push(j);
    byTable.set(j.table, list);
  }
  for (const [table, jobs] of byTable)
    if (defs.get(table)?.files === 'single' && jobs.length > 1) byTable.set(table, jobs.slice(-1));
  return byTable;
}

/** The ledger's artifacts of a submission, per table (those still on this computer). */
export function ledgerSources(
  ledger: Ledger,
  defs: DefinitionSet,
  cohort: string | null,
  protocolYear: number | null,
): Map<string, TableSources> {
  const out = new Map<string, TableSources>();
  for (const [table, jobs] of currentJobs(ledger, defs, cohort, protocolYear)) {
    const artifacts = jobs
      .filter((j) => j.artifact && existsSync(j.artifact.path))
      .map((j) => ({
        path: j.artifact!.path,
        file: j.artifact!.path.split(/[\\/]/).pop()!,
        sha256: j.artifact!.sha256,
        rows: j.summary?.rowsStored ?? null,
        patients: j.summary?.patientIds?.distinct ?? null,
      }));
    if (artifacts.length) out.set(table, { table, artifacts, from: 'ledger' });
  }
  return out;
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * 1024 * 1024 }))
    hash.update(chunk as Buffer);
  return hash.digest('hex');
}

interface NasManifest {
  cohort?: unknown;
  protocolYear?: unknown;
  table?: unknown;
  rows?: unknown;
  patientIds?: { distinct?: unknown } | null;
  artifact?: { file?: unknown; sha256?: unknown };
  supersedes?: unknown;
}

/**
 * The NAS's artifacts of a submission, per table: every manifest of `<root>/<cohort>/<year>/`
 * whose artifact is there and hashes to what the manifest records (others are skipped, and
 * named in `problems`); artifacts another one supersedes are left out. Read-only.
 */
export async function nasSources(
  root: string,
  cohort: string,
  protocolYear: number,
): Promise<{ tables: Map<string, TableSources>; problems: string[] }> {
  const year = join(root, await cohortFolder(root, cohort), String(protocolYear));
  const tables = new Map<string, TableSources>();
  const problems: string[] = [];
  for (const table of await readdir(year).catch(() => [] as string[])) {
    const dir = join(year, table);
    const manifests: NasManifest[] = [];
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      if (name.startsWith('.') || !name.endsWith('.json')) continue;
      const m = await readFile(join(dir, name), 'utf8')
        .then((t) => JSON.parse(t) as NasManifest)
        .catch(() => null);
      if (m && m.cohort === cohort && m.protocolYear === protocolYear) manifests.push(m);
    }
    const superseded = new Set(
      manifests.map((m) => m.supersedes).filter((s) => typeof s === 'string'),
    );
    const artifacts: TableSources['artifacts'] = [];
    for (const m of manifests) {
      const file = typeof m.artifact?.file === 'string' ? m.artifact.file : null;
      const sha = typeof m.artifact?.sha256 === 'string' ? m.artifact.sha256 : null;
      if (!file || !sha || superseded.has(file)) continue;
      const path = join(dir, file);
      const actual = await sha256File(path).catch(() => null);
      if (actual !== sha) {
        problems.push(
          `${path} ${actual === null ? 'is missing' : 'does not match its manifest'}: left out.`,
        );
        continue;
      }
      artifacts.push({
        path,
        file,
        sha256: sha,
        rows: typeof m.rows === 'number' ? m.rows : null,
        patients: typeof m.patientIds?.distinct === 'number' ? m.patientIds.distinct : null,
      });
    }
    const t = typeof manifests[0]?.table === 'string' ? (manifests[0].table as string) : table;
    if (artifacts.length) tables.set(t, { table: t, artifacts, from: 'nas' });
  }
  return { tables, problems };
}
