import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, rename, rm, stat, statfs, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, extname, join } from 'node:path';
import type { Issue, Progress, Report, Stage } from '../../shared/report';
import type { ArtifactInfo, BuildResult, LoadParams } from '../convert/convert';
import type { DefinitionSet } from '../definitions/loader';
import { homeLayout, privateDir } from '../paths';
import type { PatientPolicy } from '../precheck/crossTable';
import { DEFAULT_POLICY } from '../precheck/crossTable';
import type { PlannedColumn } from '../precheck/plan';
import { scanIssues } from '../precheck/scanIssues';
import type { NormalizeResult } from '../scan/normalize';
import type { ScanResult } from '../scan/scan';
import type { Sniff } from '../scan/sniff';
import { MAX_COLUMNS } from '../scan/scan';
import type { WorkerClient } from '../workers/client';
import { acquireWorker, releaseWorker } from '../workers/client';
import { PlainError } from '../workers/protocol';
import { buildReport, manifestMeta } from './report';
import type { TablePlan } from './tablePlan';
import { tablePlan } from './tablePlan';
import { throttle } from './throttle';

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
  afterDetect?: (info: DetectInfo) => {
    skip?: boolean;
    issues?: Issue[];
    supersedes?: string | null;
  };
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

export interface JobResult {
  id: string;
  source: { name: string; path: string; bytes: number; sha256: string };
  stage: Stage;
  report: Report | null;
  artifact: { path: string; bytes: number; sha256: string } | null;
  /** Why the job failed or was cancelled, in plain words. */
  error: string | null;
  /** The manifest fields written to `_meta` (when an artifact was written). */
  meta: Record<string, unknown> | null;
}

/** Default DuckDB memory cap: with Node and the workers, the process stays under 1 GiB. */
export const DEFAULT_MEMORY_LIMIT = '384MB';

function newJobId(): string {
  const t = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${t}-${randomBytes(4).toString('hex')}`;
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
    throw new PlainError(
      'disk-full',
      `Not enough free disk space to convert this file: it needs about ${gb(need)} and ${gb(free)} are free where Courier keeps its data. Free some space, or set COURIER_HOME to a disk with more room.`,
    );
  }
}

function safeName(name: string): string {
  return (
    name
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/-+/g, '-')
      .replace(/^-|-$/g, '') || 'file'
  );
}

/**
 * Runs one input file through scan → convert → check, as a job with stages and progress.
 * The scan and the DuckDB load run at the same time; a cancelled or failed job leaves no
 * staging file behind.
 */
export async function runJob(path: string, opts: JobOptions): Promise<JobResult> {
  const id = opts.id ?? newJobId();
  const layout = homeLayout(opts.home);
  // Named by process id, so any process can tell a dead job's leftovers from a live one's.
  const staging = privateDir(join(layout.staging, `${process.pid}-${id}`));
  const name = basename(path);
  const result: JobResult = {
    id,
    source: { name, path, bytes: 0, sha256: '' },
    stage: 'queued',
    report: null,
    artifact: null,
    error: null,
    meta: null,
  };
  const emit = throttle(opts.onProgress ?? (() => {}), 100);
  let stage: Stage = 'queued';
  const progress = (unit: 'bytes' | 'rows', s: Stage) => {
    const t0 = performance.now();
    return (done: number, total: number): void => {
      const secs = (performance.now() - t0) / 1000;
      const rate = secs > 0 ? done / secs : 0;
      emit(
        {
          jobId: id,
          stage: s,
          done,
          total,
          unit,
          ratePerSec: rate,
          etaSec: rate > 0 ? (total - done) / rate : null,
        },
        done >= total,
      );
    };
  };
  const setStage = (s: Stage, total = 0): void => {
    stage = s;
    result.stage = s;
    emit({ jobId: id, stage: s, done: 0, total, unit: 'bytes', ratePerSec: 0, etaSec: null }, true);
  };

  const scanner = acquireWorker('scan');
  // Held in an object: it is set inside callbacks, which TypeScript's narrowing cannot see.
  const held: { converter: WorkerClient | null } = { converter: null };
  // Cancelling: the scan thread is pure JS and stops at once; DuckDB is interrupted and the
  // job's own flow then unwinds to `finally`, which shuts the converter down in order.
  const onAbort = (): void => {
    void scanner.terminate();
    void held.converter?.request('interrupt', {}).catch(() => {});
  };
  const checkpoint = (): void => {
    if (opts.signal?.aborted) throw new PlainError('cancelled', 'Cancelled.');
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  let fastLoad: Promise<number> | null = null;
  let fastLoadSettled = false;
  let closing = false;
  const threads = opts.threads ?? Math.max(1, availableParallelism());
  const memoryLimit = opts.memoryLimit ?? DEFAULT_MEMORY_LIMIT;

  try {
    const st = await stat(path);
    if (!st.isFile())
      throw new PlainError(
        'not-a-file',
        `${name} is not a regular file (a folder, device or pipe). Add the CSV file itself.`,
      );
    result.source.bytes = st.size;
    await checkFreeSpace(staging, st.size);
    setStage('scanning', st.size);

    // Start the DuckDB load on the file as it is while the scan reads it: most files are
    // clean, and the page cache makes the second read nearly free.
    // In the scan thread: tokenizing the first megabyte takes tens of milliseconds.
    const sniff = st.size > 0 ? await scanner.request<Sniff | null>('sniff', { path }) : null;
    const dbPath = join(staging, 'artifact.duckdb');
    const startConverter = async (): Promise<WorkerClient> => {
      const c = acquireWorker('convert');
      held.converter = c;
      await c.request('open', {
        dbPath,
        tempDir: privateDir(join(staging, 'duckdb-tmp')),
        threads,
        memoryLimit,
      });
      return c;
    };
    // The load types the columns as it reads, so it needs the table's plan: the one the first
    // line gives (checked against the scan's header afterwards).
    let early: TablePlan | null = null;
    try {
      // Beyond the column limit the scan stops the job: nothing to load.
      early = sniff && sniff.columns <= MAX_COLUMNS ? tablePlan(sniff.header, opts) : null;
    } catch {
      early = null; // an unknown --table: said after the scan
    }
    const loadAsIs = (c: WorkerClient, plan: PlannedColumn[], header: Sniff): Promise<number> =>
      c.request<number>('load', {
        load: {
          path,
          normalized: false,
          delimiter: header.delimiter,
          columns: header.columns,
          newLine: header.newLine,
          maxRecordBytes: 0,
          plan,
        } satisfies LoadParams,
        totalBytes: st.size,
      });
    if (sniff && early) {
      const plan = early.columns;
      fastLoad = startConverter().then((c) => {
        if (closing) throw new PlainError('cancelled', 'Cancelled.');
        return loadAsIs(c, plan, sniff);
      });
      fastLoad.then(
        () => (fastLoadSettled = true),
        () => (fastLoadSettled = true),
      ); // judged after the scan
    }

    const scan = await scanner.request<ScanResult>(
      'scan',
      { path, utf8CopyPath: join(staging, 'utf8.csv') },
      progress('bytes', 'scanning'),
    );
    checkpoint();
    result.source.sha256 = scan.sha256;
    const issues: Issue[] = scanIssues(scan);
    const base = {
      scan,
      name,
      cohort: opts.cohort ?? null,
      protocolYear: opts.protocolYear ?? null,
    };
    if (
      issues.some((i) => ['empty-file', 'not-csv', 'too-many-columns'].includes(i.code)) ||
      !scan.header
    ) {
      result.report = buildReport(
        base,
        { table: opts.table ?? null, detected: false, confidence: 0 },
        issues,
        null,
        null,
        scan.scanMs,
        0,
        0,
      );
      result.stage = scan.bytes === 0 || scan.header === null ? 'blocked' : 'failed';
      if (scan.notCsv) result.error = `This is ${scan.notCsv}, not a CSV file.`;
      return result;
    }

    // Which table: as told, or detected from the header.
    const tp = tablePlan(scan.header, opts);
    const { def, tableName, detected, confidence, mapped, columns } = tp;
    issues.push(...tp.issues);
    const said = opts.afterDetect?.({
      sha256: scan.sha256,
      bytes: scan.bytes,
      name,
      table: tableName,
      header: mapped.header,
    });
    if (said?.skip) {
      result.stage = 'skipped';
      return result;
    }
    issues.push(...(said?.issues ?? []));
    const supersedes = said?.supersedes ?? null;

    // Load: the fast path when the scan agrees, else the normalizing pass.
    setStage('converting', scan.bytes);
    const convertStart = performance.now();
    let loaded = -1;
    const asIs =
      sniff &&
      scan.fastPath &&
      sniff.delimiter === scan.delimiter &&
      sniff.columns === scan.header.length &&
      sniff.newLine === scan.lineEnding
        ? sniff
        : null;
    const samePlan = early !== null && JSON.stringify(early.columns) === JSON.stringify(columns);
    if (fastLoad && asIs && samePlan) {
      loaded = await fastLoad.catch(() => -1);
    } else if (fastLoad) {
      // Not wanted: stop it if it has not ended (the worker ignores this once it has).
      if (!fastLoadSettled)
        held.converter?.request('interrupt', { onlyLoad: true }).catch(() => {});
      await fastLoad.catch(() => -1);
    }
    checkpoint();
    if (loaded !== scan.rows && asIs && !samePlan) {
      // The file can be read as it is, but its table or columns were not those of the first
      // line's guess: load it again with the right plan.
      const conv = held.converter ?? (await startConverter());
      loaded = await loadAsIs(conv, columns, asIs).catch(() => -1);
      checkpoint();
    }
    if (loaded !== scan.rows) {
      const norm = await scanner.request<NormalizeResult>(
        'normalize',
        {
          path,
          scan,
          dataPath: join(staging, 'data.csv'),
          rejectedPath: join(staging, 'rejected.csv'),
        },
        progress('bytes', 'converting'),
      );
      const conv = held.converter ?? (await startConverter());
      loaded = await conv.request<number>('load', {
        load: {
          path: join(staging, 'data.csv'),
          normalized: true,
          delimiter: scan.delimiter,
          columns: scan.header.length,
          newLine: 'lf',
          maxRecordBytes: scan.maxRecordBytes,
          rejectedPath: join(staging, 'rejected.csv'),
          plan: columns,
        } satisfies LoadParams,
        totalBytes: scan.bytes,
      });
      if (loaded !== norm.goodRows)
        throw new PlainError('internal', `Loaded ${loaded} records of ${norm.goodRows}.`);
      await rm(join(staging, 'data.csv'), { force: true });
      await rm(join(staging, 'rejected.csv'), { force: true });
      await rm(join(staging, 'utf8.csv'), { force: true });
    }
    const conv = held.converter;
    if (!conv) throw new PlainError('internal', 'The converter did not start.');
    checkpoint();
    const convertMs = performance.now() - convertStart;

    setStage('checking', scan.rows);
    const checkStart = performance.now();
    const patientIdColumn = def?.variables.find(
      (v) => v.name === 'cohortPatientId' && v.type === 'id',
    )
      ? 'cohortPatientId'
      : null;
    const build = await conv.request<BuildResult>(
      'build',
      {
        columns,
        definition: def,
        patientIdColumn,
        patients: opts.patientsArtifact
          ? { artifact: opts.patientsArtifact, policy: opts.patientPolicy ?? DEFAULT_POLICY }
          : null,
      },
      progress('rows', 'checking'),
    );
    checkpoint();
    issues.push(...build.issues);
    if (build.rowsStored + build.rowsRejected !== scan.rows) {
      throw new PlainError(
        'internal',
        `Row count mismatch: ${scan.rows} records, ${build.rowsStored} stored, ${build.rowsRejected} rejected.`,
      );
    }
    const checkMs = performance.now() - checkStart;
    const report = buildReport(
      base,
      { table: tableName, detected, confidence },
      issues,
      build,
      columns.map((c) => ({ name: c.name, source: c.source, type: c.type })),
      scan.scanMs,
      convertMs,
      checkMs,
    );
    result.report = report;

    if (!opts.keepArtifact && !opts.outDir) {
      await conv.request('close', {});
      result.stage = report.status === 'fail' ? 'blocked' : 'ready';
      return result;
    }
    const meta = manifestMeta(report, opts, scan);
    if (supersedes) meta.supersedes = supersedes;
    result.meta = meta;
    const art = await conv.request<ArtifactInfo>('finalize', { meta, expectedRows: scan.rows });
    meta.duckdbVersion = art.duckdbVersion;
    const fileBase = `${safeName(name.slice(0, name.length - extname(name).length))}-${scan.sha256.slice(0, 12)}`;
    let artifactPath = dbPath;
    if (opts.keepArtifact) {
      const dir = privateDir(join(layout.artifacts, id));
      artifactPath = join(dir, `${fileBase}.duckdb`);
      await rename(dbPath, artifactPath);
      await writeFile(join(dir, `${fileBase}.report.json`), JSON.stringify(report, null, 2), {
        mode: 0o600,
      });
    }
    if (opts.outDir) {
      await mkdir(opts.outDir, { recursive: true });
      await copyFile(artifactPath, join(opts.outDir, `${fileBase}.duckdb`));
      await writeFile(
        join(opts.outDir, `${fileBase}.report.json`),
        JSON.stringify(report, null, 2),
      );
    }
    result.artifact = opts.keepArtifact
      ? { path: artifactPath, bytes: art.bytes, sha256: art.sha256 }
      : null;
    result.stage = report.status === 'fail' ? 'blocked' : 'ready';
    return result;
  } catch (e) {
    const err = e as PlainError;
    if (opts.signal?.aborted || err.code === 'cancelled') {
      result.stage = 'cancelled';
      result.error = 'Cancelled.';
    } else {
      if (
        err.code === 'usage' ||
        err.code === 'not-a-file' ||
        (e as NodeJS.ErrnoException).code === 'ENOENT' ||
        (e as NodeJS.ErrnoException).code === 'EACCES'
      ) {
        result.error =
          (e as NodeJS.ErrnoException).code === 'ENOENT'
            ? `${path}: no such file.`
            : (e as NodeJS.ErrnoException).code === 'EACCES'
              ? `${path}: permission denied.`
              : err.message;
        (result as JobResult & { unreadable?: boolean }).unreadable = true;
      } else result.error = err.message || String(e);
      result.stage = 'failed';
    }
    return result;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    closing = true;
    await Promise.allSettled([
      opts.signal?.aborted ? scanner.terminate() : releaseWorker(scanner),
      held.converter?.shutdown(!opts.signal?.aborted),
    ]);
    await rm(staging, { recursive: true, force: true });
    void stage;
  }
}
