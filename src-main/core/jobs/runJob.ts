/**
 * One input file as a job: scan → convert → check → artifact, with stages, progress and
 * cancellation. `runJob` reads as the list of those steps; each step is its own function.
 */
import { statfs } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Issue, Progress, Report, Stage } from '../../shared/report';
import type { DefinitionSet } from '../definitions/loader';
import { CourierError, plainFsError } from '../errors';
import type { PatientPolicy } from '../precheck/crossTable';
import { scanIssues } from '../precheck/scanIssues';
import type { ScanResult } from '../scan/scan';
import { check } from './check';
import { classifyFailure } from './failure';
import { JobRun } from './jobRun';
import { loadData, startLoad } from './load';
import { placeArtifact } from './placeArtifact';
import { buildReport } from './report';
import type { JobSource } from './source';
import { assertUnchanged, openSource, usePrivateCopy } from './source';
import type { TablePlan } from './tablePlan';
import { tablePlan } from './tablePlan';

export { DEFAULT_MEMORY_LIMIT } from './jobRun';

export interface JobOptions {
  home: string;
  definitions: DefinitionSet;
  /** A table name, `any` (no definition), or null/undefined to detect it. */
  table?: string | null;
  cohort?: string | null;
  protocolYear?: number | null;
  site?: string | null;
  /** Keep the verified artifact under the home's artifacts folder (ingest). */
  keepArtifact: boolean;
  /** Also copy the artifact and report here. */
  outDir?: string | null;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  threads?: number;
  memoryLimit?: string;
  /** A patient artifact (.duckdb) for the cross-table check of non-patient tables. */
  patientsArtifact?: string | null;
  patientPolicy?: PatientPolicy;
  /**
   * Called once the source hash, table and header are known, before converting: the
   * ledger's say (duplicates, header mismatches, supersedes). `skip` ends the job as skipped.
   */
  afterDetect?: (info: DetectInfo) => LedgerSay | Promise<LedgerSay>;
  /** The job id to use (the ledger's); a fresh one by default. */
  id?: string;
}

export interface DetectInfo {
  sha256: string;
  bytes: number;
  name: string;
  table: string | null;
  /** Header after the cohort mapping. */
  header: string[];
}

/** What the ledger says of a file once it knows its hash and table. */
export interface LedgerSay {
  skip?: boolean;
  issues?: Issue[];
  supersedes?: string | null;
}

export interface JobResult {
  id: string;
  source: { name: string; path: string; bytes: number; sha256: string };
  stage: Stage;
  report: Report | null;
  artifact: { path: string; bytes: number; sha256: string } | null;
  /** Why the job failed or was cancelled, in plain words. */
  error: string | null;
  /** The failure's code (`source-changed`, `not-found`, `disk-full`, …); null when it did not fail. */
  errorCode: string | null;
  /** The file could not be read at all (missing, not a file, no permission): a usage error. */
  unreadable: boolean;
  /** The manifest fields written to `_meta` (when an artifact was written). */
  meta: Record<string, unknown> | null;
}

/**
 * Runs one input file through scan → convert → check, as a job with stages and progress.
 * The scan and the DuckDB load run at the same time; a cancelled or failed job leaves no
 * staging file behind, and a source that changes while it is read leaves no artifact.
 */
export async function runJob(path: string, opts: JobOptions): Promise<JobResult> {
  let run: JobRun;
  try {
    run = new JobRun(path, opts);
  } catch (e) {
    // The data folder cannot take a staging folder (read-only, full, no permission).
    throw plainFsError(
      e,
      `start checking ${basename(path)}`,
      `Courier's data folder (${opts.home})`,
    );
  }
  try {
    const src = await prepareSource(run);
    const early = await startLoad(run, src);
    const scan = await scanSource(run, src);
    const scanned = scanIssues(scan);
    if (!scan.header || scanned.some((i) => STOPPING.has(i.code)))
      return stopAfterScan(run, scan, scanned);

    const plan = tablePlan(scan.header, opts);
    const said = await askLedger(run, scan, plan);
    if (said.skip) {
      run.result.stage = 'skipped';
      return run.result;
    }
    run.setStage('converting', scan.bytes);
    const convertStart = performance.now();
    await loadData(run, src, scan, plan, early);
    const convertMs = performance.now() - convertStart;

    const checkStart = performance.now();
    const build = await check(run, scan, plan);
    const checkMs = performance.now() - checkStart;
    // The checks read the artifact, not the file; a file rewritten meanwhile is still in flux.
    await assertUnchanged(src);

    const report = buildReport({
      scan,
      name: run.name,
      cohort: opts.cohort ?? null,
      protocolYear: opts.protocolYear ?? null,
      table: { table: plan.tableName, detected: plan.detected, confidence: plan.confidence },
      issues: [...scanned, ...plan.issues, ...(said.issues ?? []), ...build.issues],
      build,
      columns: plan.columns.map((c) => ({ name: c.name, source: c.source, type: c.type })),
      timings: { convertMs, checkMs },
    });
    await placeArtifact(run, scan, report, said.supersedes ?? null);
    return run.result;
  } catch (e) {
    return classifyFailure(run, e);
  } finally {
    await run.dispose();
  }
}

/** Findings after which nothing can be converted. */
const STOPPING = new Set(['empty-file', 'not-csv', 'too-many-columns']);

/** The file as the job will read it: a regular file, room to convert it, a private copy from a share. */
async function prepareSource(run: JobRun): Promise<JobSource> {
  const src = await openSource(run.path);
  run.result.source.bytes = src.bytes;
  await checkFreeSpace(run.staging, src.bytes * (src.onShare ? 2 : 1));
  run.setStage('scanning', src.bytes);
  if (src.onShare) await usePrivateCopy(src, run.staging, run.progress('bytes', 'scanning'));
  run.checkpoint();
  return src;
}

/** One pass over the bytes (hash, encoding, structure), while the early load runs. */
async function scanSource(run: JobRun, src: JobSource): Promise<ScanResult> {
  const scan = await run.scanner.request(
    'scan',
    { path: src.readPath, utf8CopyPath: run.staged('utf8.csv') },
    run.progress('bytes', 'scanning'),
  );
  run.checkpoint();
  await assertUnchanged(src);
  run.result.source.sha256 = scan.sha256;
  return scan;
}

/** Empty, not a CSV, or too wide: the report says why, and nothing is converted. */
function stopAfterScan(run: JobRun, scan: ScanResult, issues: Issue[]): JobResult {
  const o = run.opts;
  run.result.report = buildReport({
    scan,
    name: run.name,
    cohort: o.cohort ?? null,
    protocolYear: o.protocolYear ?? null,
    table: { table: o.table ?? null, detected: false, confidence: 0 },
    issues,
    build: null,
    columns: null,
    timings: { convertMs: 0, checkMs: 0 },
  });
  run.result.stage = scan.bytes === 0 || scan.header === null ? 'blocked' : 'failed';
  if (scan.notCsv) run.result.error = `This is ${scan.notCsv}, not a CSV file.`;
  return run.result;
}

/** The ledger's say on this file (duplicates, header mismatch, supersedes), if it has one. */
async function askLedger(run: JobRun, scan: ScanResult, plan: TablePlan): Promise<LedgerSay> {
  return (
    (await run.opts.afterDetect?.({
      sha256: scan.sha256,
      bytes: scan.bytes,
      name: run.name,
      table: plan.tableName,
      header: plan.mapped.header,
    })) ?? {}
  );
}

/**
 * The artifact and the staging copies need about the source's size again; say so plainly
 * before starting rather than fail half-way.
 */
async function checkFreeSpace(dir: string, bytes: number): Promise<void> {
  const fs = await statfs(dir).catch(() => null);
  if (!fs) return;
  const free = fs.bavail * fs.bsize;
  const need = Math.ceil(bytes * 1.5) + 64 * 1024 * 1024;
  if (free < need) {
    const gb = (n: number): string => `${(n / 1e9).toFixed(1)} GB`;
    throw new CourierError(
      'disk-full',
      `Not enough free disk space to convert this file: it needs about ${gb(need)} and ${gb(free)} are free where Courier keeps its data. Free some space, or set COURIER_HOME to a disk with more room.`,
    );
  }
}
