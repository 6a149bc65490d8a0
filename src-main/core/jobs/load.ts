/**
 * The job's load steps: the early load started on the first line's guess while the scan
 * reads the file, and the load of `data` once the scan has spoken (that early load when the
 * scan agrees with it, the file as it is with the right column plan, or the normalizing pass).
 */
import { rm } from 'node:fs/promises';
import type { LoadParams } from '../convert/convert';
import { CourierError } from '../errors';
import type { PlannedColumn } from '../precheck/columnPlan';
import type { ScanResult } from '../scan/scan';
import { MAX_COLUMNS } from '../scan/scan';
import type { Sniff } from '../scan/sniff';
import type { WorkerClient } from '../workers/client';
import type { JobRun } from './jobRun';
import type { JobSource } from './source';
import { assertUnchanged } from './source';
import type { TablePlan } from './tablePlan';
import { tablePlan } from './tablePlan';

/** The load begun before the scan ended. */
export interface EarlyLoad {
  /** The first megabyte's dialect and header (null: the scan must decide). */
  sniff: Sniff | null;
  /** The table plan the first line gives. */
  plan: TablePlan | null;
  /** Rows the early load stored (rejects when it failed); null when none was started. */
  rows: Promise<number> | null;
  settled: boolean;
}

/**
 * Starts loading the file as it is while the scan reads it: most files are clean, and the
 * page cache makes the second read nearly free. The load types columns as it reads, so it
 * needs the table's plan: the one the first line gives (checked against the scan's later).
 */
export async function startLoad(run: JobRun, src: JobSource): Promise<EarlyLoad> {
  // In the scan thread: tokenizing the first megabyte takes tens of milliseconds.
  const sniff = src.bytes > 0 ? await run.scanner.request('sniff', { path: src.readPath }) : null;
  let plan: TablePlan | null = null;
  try {
    // Beyond the column limit the scan stops the job: nothing to load.
    plan = sniff && sniff.columns <= MAX_COLUMNS ? tablePlan(sniff.header, run.opts) : null;
  } catch {
    plan = null; // an unknown --table: said after the scan
  }
  const early: EarlyLoad = { sniff, plan, rows: null, settled: false };
  if (sniff && plan) {
    const columns = plan.columns;
    const rows = run.startConverter().then((c) => {
      if (run.closing) throw new CourierError('cancelled', 'Cancelled.');
      return loadAsIs(c, src, columns, sniff);
    });
    const settle = (): void => {
      early.settled = true;
    };
    rows.then(settle, settle); // judged after the scan
    early.rows = rows;
  }
  return early;
}

/** The file loaded as it is, with an explicit dialect (never DuckDB's detection). */
function loadAsIs(
  c: WorkerClient<'convert'>,
  src: JobSource,
  plan: PlannedColumn[],
  dialect: Pick<Sniff, 'delimiter' | 'columns' | 'newLine' | 'skipLines'>,
): Promise<number> {
  return c.request('load', {
    load: {
      path: src.readPath,
      normalized: false,
      delimiter: dialect.delimiter,
      columns: dialect.columns,
      newLine: dialect.newLine,
      skipLines: dialect.skipLines,
      maxRecordBytes: 0,
      plan,
    } satisfies LoadParams,
    totalBytes: src.bytes,
  });
}

/** Two column plans load the same `data` when every column has the same name, source and type. */
export function sameLoadPlan(a: readonly PlannedColumn[], b: readonly PlannedColumn[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i]!;
      return x.name === y.name && x.index === y.index && x.type === y.type;
    })
  );
}

/** The sniff's dialect, when the scan found the file loadable as it is with that dialect. */
function loadableAsIs(sniff: Sniff | null, scan: ScanResult): Sniff | null {
  return sniff &&
    scan.fastPath &&
    scan.header &&
    sniff.delimiter === scan.delimiter &&
    sniff.columns === scan.header.length &&
    sniff.newLine === scan.lineEnding &&
    sniff.skipLines === (scan.sepLine === null ? 0 : 1)
    ? sniff
    : null;
}

/**
 * Loads `data` for the scanned file and its table plan, then proves the source unchanged:
 * every record is stored or rejected, from the bytes the scan hashed.
 */
export async function loadData(
  run: JobRun,
  src: JobSource,
  scan: ScanResult,
  plan: TablePlan,
  early: EarlyLoad,
): Promise<void> {
  const asIs = loadableAsIs(early.sniff, scan);
  const samePlan = early.plan !== null && sameLoadPlan(early.plan.columns, plan.columns);
  let loaded = -1;
  if (early.rows && asIs && samePlan) {
    loaded = await early.rows.catch(() => -1);
  } else if (early.rows) {
    // Not wanted: stop it if it has not ended (the worker ignores this once it has).
    if (!early.settled) run.conv.request('interrupt', { onlyLoad: true }).catch(() => {});
    await early.rows.catch(() => -1);
  }
  run.checkpoint();
  if (loaded !== scan.rows && asIs && !samePlan) {
    // Loadable as it is, but its table or columns were not the first line's guess.
    loaded = await loadAsIs(await run.startConverter(), src, plan.columns, asIs).catch(() => -1);
    run.checkpoint();
  }
  if (loaded !== scan.rows) await normalizeAndLoad(run, src, scan, plan);
  run.checkpoint();
  await assertUnchanged(src);
}

/**
 * The second pass for files DuckDB must not read as they are: the scan worker writes the good
 * records as UTF-8 with their line numbers (and the rejected ones apart), hashing what it reads
 * so that it provably read the scanned bytes; DuckDB loads that.
 */
async function normalizeAndLoad(
  run: JobRun,
  src: JobSource,
  scan: ScanResult,
  plan: TablePlan,
): Promise<void> {
  const header = scan.header!;
  const dataPath = run.staged('data.csv');
  const rejectedPath = run.staged('rejected.csv');
  const oversizedPath = run.staged('oversized.csv');
  const norm = await run.scanner.request(
    'normalize',
    { path: src.readPath, scan, dataPath, rejectedPath, oversizedPath },
    run.progress('bytes', 'converting'),
  );
  if (norm.sha256 !== null && norm.sha256 !== scan.sha256)
    throw new CourierError('source-changed', `${src.name} changed while it was read.`);
  const conv = await run.startConverter();
  const loaded = await conv.request('load', {
    load: {
      path: dataPath,
      normalized: true,
      delimiter: scan.delimiter,
      columns: header.length,
      newLine: 'lf',
      maxRecordBytes: scan.maxRecordBytes,
      rejectedPath,
      oversizedPath,
      plan: plan.columns,
    } satisfies LoadParams,
    totalBytes: scan.bytes,
  });
  if (loaded !== norm.goodRows)
    throw new CourierError('internal', `Loaded ${loaded} records of ${norm.goodRows}.`);
  // The text copies are in the artifact now: give their disk space back at once.
  await Promise.all(
    [dataPath, rejectedPath, oversizedPath, run.staged('utf8.csv')].map((p) =>
      rm(p, { force: true }),
    ),
  );
}
