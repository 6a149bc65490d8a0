/**
 * `courier fix`: a new ledger job made from a job's artifact (never from the CSV, which may be
 * gone) with guided fixes applied. The fix pass runs in the convert worker, then the whole
 * precheck again on the result, so the report is the fixed file's own; the scan's findings
 * (encoding, structure) are the source's and carry over, since its bytes are unchanged. The
 * new job is a newer version of the unfixed one (ledger `supersedesJob`, the manifest's
 * `supersedes`): only it counts for the submission and is sent; the unfixed job stays in the
 * history, and Undo makes it current again.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Issue, Progress, Report } from '../../shared/report';
import type { FixRequest } from '../convert/fixMap';
import { resolveFixes } from '../convert/fixMap';
import type { DefinitionSet } from '../definitions/loader';
import { CourierError } from '../errors';
import type { JobRecord, Ledger } from '../ledger/ledger';
import { KEPT_STAGES, ownStart } from '../ledger/ledger';
import { supersededBy } from '../ledger/versions';
import type { PatientPolicy } from '../precheck/crossTable';
import { check, patientIdColumn } from './check';
import { classifyFailure } from './failure';
import { finish, stageRecorder } from './jobEnd';
import { JobRun, newJobId } from './jobRun';
import { placeArtifact } from './placeArtifact';
import type { ScanFacts } from './report';
import { buildReport } from './report';
import type { JobOptions, JobResult } from './runJob';
import type { TablePlan } from './tablePlan';
import { tablePlan } from './tablePlan';
import { artifactName } from './versions';

export interface FixJobOptions {
  home: string;
  ledger: Ledger;
  definitions: DefinitionSet;
  patientPolicy?: PatientPolicy;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

/** Findings of the scan of the source bytes: a fix changes none of them. */
const SCAN_CODES: ReadonlySet<string> = new Set([
  'blank-row',
  'bom',
  'control-char',
  'delimiter',
  'encoding',
  'field-too-large',
  'invalid-encoding',
  'line-endings',
  'nul-byte',
  'sep-line',
]);

/** A job that can be fixed, its report, and the job whose artifact the fix starts from. */
export interface FixBase {
  job: JobRecord;
  report: Report;
  /** The unfixed job (the job itself, or the one a fixed job was made from). */
  root: JobRecord;
  rootReport: Report;
  /** Fixes already applied (a fixed job fixed again starts from the unfixed artifact). */
  earlier: FixRequest[];
}

/** The job to fix, checked: it exists, has its artifact and report, and still counts. */
export function fixBase(ledger: Ledger, jobId: string): FixBase {
  const job = ledger.job(jobId);
  if (!job)
    throw new CourierError('usage', `No job ${jobId} in the ledger (courier history lists them).`);
  const report = readReport(job);
  const newer = supersededBy(ledger.jobs()).get(job.id);
  if (newer)
    throw new CourierError(
      'usage',
      `Job ${job.id} was replaced by job ${newer}, which is the version that counts: fix that one instead.`,
    );
  if (!report.fixedFrom) return { job, report, root: job, rootReport: report, earlier: [] };
  const root = ledger.job(report.fixedFrom.job);
  if (!root)
    throw new CourierError(
      'usage',
      `The unfixed job ${report.fixedFrom.job} is no longer in the ledger.`,
    );
  const earlier = (report.fixes ?? []).map((f) => ({
    rule: f.rule,
    column: f.column,
    params: f.params,
  }));
  return { job, report, root, rootReport: readReport(root), earlier };
}

function readReport(job: JobRecord): Report {
  if (!KEPT_STAGES.has(job.stage) || !job.artifact || !job.reportPath)
    throw new CourierError(
      'usage',
      `Job ${job.id} (${job.source.name}) has no artifact to fix: it is ${job.stage}.`,
    );
  if (!existsSync(job.artifact.path) || !existsSync(job.reportPath))
    throw new CourierError(
      'usage',
      `The artifact of job ${job.id} (${job.source.name}) is no longer on this computer: ingest the file again to fix it.`,
    );
  return JSON.parse(readFileSync(job.reportPath, 'utf8')) as Report;
}

/** The fixes of a fixed job fixed again: the earlier ones, then the new (a new one on the same rule and column wins). */
export function withEarlier(earlier: FixRequest[], fixes: FixRequest[]): FixRequest[] {
  const out = earlier.filter((e) => !fixes.some((f) => f.rule === e.rule && f.column === e.column));
  return [...out, ...fixes];
}

/** Runs the fix as a new ledger job (see the module comment). */
export async function fixJob(
  base: FixBase,
  fixes: FixRequest[],
  opts: FixJobOptions,
): Promise<JobResult> {
  if (fixes.length === 0)
    throw new CourierError(
      'usage',
      'Nothing to fix: name fixes with --apply RULE:COLUMN, --map COLUMN=FILE.csv, or use --all for every proposal.',
    );
  const { ledger } = opts;
  const { root, rootReport: rep } = base;
  const all = withEarlier(base.earlier, fixes);
  // An unknown column, a rule that does not fit it: said before any job is recorded.
  const before = planBefore(rep, { definitions: opts.definitions, cohort: root.cohort });
  resolveFixes({
    columns: before.plan.columns,
    patientIdColumn: patientIdColumn(before.plan),
    patients: null,
    fixes: all,
  });
  const id = newJobId();
  const proc = ownStart();
  ledger.append({
    type: 'job',
    id,
    at: new Date().toISOString(),
    pid: process.pid,
    ...(proc ? { proc } : {}),
    // The same source: the fixed job is a version of the same file.
    source: { name: root.source.name, path: root.source.path, bytes: root.source.bytes },
    table: root.table,
    cohort: root.cohort,
    protocolYear: root.protocolYear,
    site: root.site,
  });
  const patients = ledger.latestPatientArtifact(
    root.cohort,
    root.protocolYear,
    ledger.jobs().filter((j) => j.id !== id && j.id !== base.job.id && j.id !== root.id),
  );
  const run = new JobRun(root.source.path, {
    id,
    home: opts.home,
    definitions: opts.definitions,
    table: rep.table ?? 'any',
    cohort: root.cohort,
    protocolYear: root.protocolYear,
    site: root.site,
    keepArtifact: true,
    patientsArtifact: patients,
    patientPolicy: opts.patientPolicy,
    onProgress: stageRecorder(ledger, id, opts.onProgress),
    signal: opts.signal,
  });
  let result: JobResult;
  try {
    result = await runFix(run, base, all);
  } catch (e) {
    result = classifyFailure(run, e);
  } finally {
    await run.dispose();
  }
  return finish(
    {
      home: opts.home,
      ledger,
      definitions: opts.definitions,
      cohort: root.cohort,
      protocolYear: root.protocolYear,
      patientPolicy: opts.patientPolicy,
      signal: opts.signal,
    },
    result,
    null,
    base.job.id,
  );
}

/** The unfixed artifact's header and columns, planned again from its report. */
export function planBefore(
  rep: Report,
  o: Pick<JobOptions, 'definitions' | 'cohort'>,
): { header: string[]; plan: TablePlan } {
  // In the report's order: a column's index is then its place in this header.
  const header = rep.columns.filter((c) => c.source !== '').map((c) => c.source);
  return { header, plan: tablePlan(header, { ...o, table: rep.table ?? 'any' }) };
}

/** The fix pass, the checks, the report and the artifact of one fix job. */
async function runFix(run: JobRun, base: FixBase, fixes: FixRequest[]): Promise<JobResult> {
  const { root, rootReport: rep } = base;
  const o = run.opts;
  run.result.source = {
    name: root.source.name,
    path: root.source.path,
    bytes: rep.file.bytes,
    sha256: rep.file.sha256,
  };
  const { header, plan: before } = planBefore(rep, o);
  run.setStage('converting', rep.rows);
  const t0 = performance.now();
  const conv = await run.startConverter();
  const fixed = await conv.request('fix', {
    source: root.artifact!.path,
    columns: before.columns,
    patientIdColumn: patientIdColumn(before),
    patients: o.patientsArtifact
      ? { artifact: o.patientsArtifact, column: 'cohortPatientId' }
      : null,
    fixes,
    privateStore: privateStoreFor(o.home, run.id, fixes),
  });
  run.checkpoint();
  if (fixed.applied.length === 0)
    throw new CourierError(
      'usage',
      `Nothing changed: ${fixed.unchanged.map((u) => u.reason).join(' ')}`,
    );
  const convertMs = performance.now() - t0;
  const kept = new Set(fixed.columns.map((c) => c.name));
  const plan = tablePlan(
    header.filter((h, k) => kept.has(before.columns.find((c) => c.index === k)?.name ?? h)),
    o,
  );
  const scan: ScanFacts = {
    bytes: rep.file.bytes,
    sha256: rep.file.sha256,
    encoding: rep.file.encoding,
    lineEnding: rep.file.lineEnding,
    delimiter: rep.file.delimiter,
    rows: rep.rows,
    scanMs: 0,
  };
  const t1 = performance.now();
  const build = await check(run, scan, plan);
  const carried: Issue[] = rep.issues.filter((i) => SCAN_CODES.has(i.code));
  const report = buildReport({
    scan,
    name: root.source.name,
    cohort: root.cohort,
    protocolYear: root.protocolYear,
    table: { table: rep.table, detected: rep.tableDetected, confidence: rep.tableConfidence },
    issues: [...carried, ...plan.issues, ...build.issues],
    build,
    columns: plan.columns.map((c) => ({ name: c.name, source: c.source, type: c.type })),
    timings: { convertMs, checkMs: performance.now() - t1 },
  });
  report.fixes = fixed.applied;
  report.fixedFrom = { job: root.id, sha256: root.artifact!.sha256 };
  await placeArtifact(run, scan, report, artifactName(base.job));
  return run.result;
}

/**
 * Where the originals of a rule that keeps none in the artifact (`redact`, and `drop-column`
 * of an identifier column the screen found) go: a DuckDB file
 * of this job in the data folder's `private/` (owner-only, never pushed, never in an export);
 * null when no such rule is asked for.
 */
function privateStoreFor(home: string, jobId: string, fixes: FixRequest[]): string | null {
  const hidden = (f: FixRequest) =>
    f.rule === 'redact' || (f.rule === 'drop-column' && f.params.identifiers === true);
  if (!fixes.some(hidden)) return null;
  const dir = join(home, 'private');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  return join(dir, `originals-${jobId}.duckdb`);
}
