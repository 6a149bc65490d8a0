/**
 * A file ingested as a ledger job: every stage recorded durably, the ledger's say on
 * duplicates and versions, the submission's latest patient table supplied, the verified
 * artifact kept for pushing, and the submission re-checked when a new patient table arrives.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Progress, Report, Stage } from '../../shared/report';
import type { DefinitionSet } from '../definitions/loader';
import type { ResultSummary } from '../ledger/events';
import type { JobRecord, Ledger } from '../ledger/ledger';
import { KEPT_STAGES, ownStart } from '../ledger/ledger';
import { Log } from '../log';
import type { PatientPolicy } from '../precheck/crossTable';
import { newJobId } from './jobRun';
import type { LedgerContext } from './ledgerSay';
import { judgeAgainstLedger, skippedReport } from './ledgerSay';
import { recheckSubmission } from './patientRecheck';
import { keepReport } from './reportFile';
import type { JobResult } from './runJob';
import { runJob } from './runJob';
import { identify, sizeAndMtime } from '../watch/identity';

export interface IngestOptions {
  home: string;
  ledger: Ledger;
  definitions: DefinitionSet;
  table?: string | null;
  cohort?: string | null;
  protocolYear?: number | null;
  site?: string | null;
  /** Re-ingest a file whose bytes were ingested before. */
  force?: boolean;
  outDir?: string | null;
  /** An explicit patient table artifact; by default the submission's latest one. */
  patientsArtifact?: string | null;
  patientPolicy?: PatientPolicy;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

/** Ingests one file as a ledger job (see the module comment). */
export async function ingestFile(path: string, opts: IngestOptions): Promise<JobResult> {
  const { ledger } = opts;
  const id = newJobId();
  const cohort = opts.cohort ?? null;
  const protocolYear = opts.protocolYear ?? null;
  const identity = await recordStart(ledger, id, path, opts);
  // The job event is the claim on the file: another job that has it already (kept, or
  // running and recorded first) makes this one a duplicate before anything is read.
  const holder = identity && !opts.force ? ledger.fileClaimedBefore(id, identity) : null;
  if (holder) return finish(opts, claimLost(id, path, identity!, holder), holder, null);

  const earlier = ledger.jobs().filter((j) => j.id !== id);
  const latestPatient = ledger.latestPatientArtifact(cohort, protocolYear, earlier);
  const ctx: LedgerContext = {
    earlier,
    path,
    cohort,
    protocolYear,
    singleFile: (t) => opts.definitions.get(t)?.files === 'single',
    force: opts.force === true,
  };
  let duplicate: JobRecord | null = null;
  let supersedesJob: string | null = null;

  const result = await runJob(path, {
    id,
    home: opts.home,
    definitions: opts.definitions,
    table: opts.table ?? null,
    cohort,
    protocolYear,
    site: opts.site ?? null,
    keepArtifact: true,
    outDir: opts.outDir ?? null,
    patientsArtifact: opts.patientsArtifact ?? latestPatient,
    patientPolicy: opts.patientPolicy,
    onProgress: stageRecorder(ledger, id, opts.onProgress),
    signal: opts.signal,
    afterDetect: async (info) => {
      ledger.auditLog({
        op: 'read',
        jobId: id,
        file: info.name,
        bytes: info.bytes,
        sha256: info.sha256,
      });
      // The claim on these bytes, before converting them: of two jobs reading the same bytes
      // at once (two services, a window and a terminal), the later claim is the duplicate.
      const said = await judgeAgainstLedger(ctx, info, ledger.claimBytes(id, info.sha256));
      duplicate = said.duplicate;
      supersedesJob = said.supersedesJob;
      // From here the data is converted in the private staging folder.
      if (!said.skip)
        ledger.auditLog({
          op: 'staged',
          jobId: id,
          sha256: info.sha256,
          detail: 'converting in the private workspace',
        });
      return said;
    },
  });
  const dup = duplicate as JobRecord | null;
  if (result.stage === 'skipped' && dup && !KEPT_STAGES.has(dup.stage))
    result.error = underWay(result.source.name, dup);
  return finish(opts, result, dup, supersedesJob);
}

/** Records the job's end, logs it, and re-checks the submission after a new patient table. */
export async function finish(
  opts: IngestOptions,
  result: JobResult,
  duplicate: JobRecord | null,
  supersedesJob: string | null,
): Promise<JobResult> {
  const { ledger } = opts;
  recordResult(ledger, opts.home, result, duplicate, supersedesJob);
  new Log(opts.home).info(logLine(result, result.source.path, duplicate));
  // A new patient table: the submission's other tables are checked against it again.
  if (
    result.report?.table === 'patient' &&
    result.artifact &&
    (result.stage === 'ready' || result.stage === 'blocked')
  ) {
    await recheckSubmission({
      ledger,
      definitions: opts.definitions,
      cohort: opts.cohort ?? null,
      protocolYear: opts.protocolYear ?? null,
      patientsArtifact: result.artifact.path,
      policy: opts.patientPolicy,
      signal: opts.signal,
    });
  }
  return result;
}

/**
 * A file another job has by its identity: skipped without reading it. The report is the
 * other job's when it has one; while it runs, the reason is said in words.
 */
function claimLost(id: string, path: string, identity: string, holder: JobRecord): JobResult {
  const name = basename(path);
  return {
    id,
    source: {
      name,
      path,
      bytes: Number(identity.split(':')[2] ?? 0),
      sha256: holder.source.sha256 ?? '',
    },
    stage: 'skipped',
    report: null,
    artifact: null,
    error: KEPT_STAGES.has(holder.stage) ? null : underWay(name, holder),
    errorCode: null,
    unreadable: false,
    meta: null,
  };
}

/** Why a duplicate of a job still under way has no report of its own. */
function underWay(name: string, holder: JobRecord): string {
  return `${name} is already being ingested by another Courier process (job ${holder.id}): skipped, so it is not converted twice (duplicate-file).`;
}

/**
 * The job's first event: what file (with its identity, the job's claim on it), for which
 * submission, by which process (its PID and start). Returns the identity; null when the file
 * cannot be looked at (the job then fails with the reason).
 */
async function recordStart(
  ledger: Ledger,
  id: string,
  path: string,
  opts: IngestOptions,
): Promise<string | null> {
  const found = await identify(path);
  const legacy = found ? sizeAndMtime(found.st) : null;
  const proc = ownStart();
  ledger.append({
    type: 'job',
    id,
    at: new Date().toISOString(),
    pid: process.pid,
    ...(proc ? { proc } : {}),
    source: {
      name: basename(path),
      path,
      bytes: legacy?.size ?? 0,
      mtimeMs: legacy?.mtimeMs,
      ...(found ? { identity: found.key } : {}),
    },
    table: opts.table ?? null,
    cohort: opts.cohort ?? null,
    protocolYear: opts.protocolYear ?? null,
    site: opts.site ?? null,
  });
  return found?.key ?? null;
}

/** Passes progress on, and records each new stage in the ledger as it begins. */
export function stageRecorder(
  ledger: Ledger,
  id: string,
  onProgress?: (p: Progress) => void,
): (p: Progress) => void {
  let last: Stage = 'queued';
  return (p) => {
    if (p.stage !== last) {
      last = p.stage;
      // Intermediate stages: visible to other processes at once, but not worth an fsync (a
      // crash is recovered from the last durable event either way). One that cannot be
      // written (a full disk) is not worth failing the job for: its end is recorded anyway.
      try {
        ledger.append({ type: 'stage', id, at: new Date().toISOString(), stage: p.stage }, false);
      } catch {
        // The job's own end reports the disk if it is still full then.
      }
    }
    onProgress?.(p);
  };
}

/** The job's result and final stage in the ledger (a skipped duplicate: the earlier report). */
export function recordResult(
  ledger: Ledger,
  home: string,
  result: JobResult,
  dup: JobRecord | null,
  supersedesJob: string | null,
): void {
  const id = result.id;
  const at = new Date().toISOString();
  if (result.stage === 'skipped' && dup) {
    result.report = earlierReport(dup);
    ledger.append({
      type: 'result',
      id,
      at,
      // The bytes this job read; the other job may not know its own yet.
      sha256: result.source.sha256 || dup.source.sha256 || '',
      summary: dup.summary,
      reportPath: null,
      artifact: null,
      meta: null,
      duplicateOf: dup.id,
      supersedes: null,
    });
  } else if (result.report) {
    ledger.append({
      type: 'result',
      id,
      at,
      sha256: result.report.file.sha256,
      summary: summaryOf(result.report),
      // Without an artifact (failed, empty, not a CSV) the report is kept on its own.
      reportPath: result.artifact
        ? result.artifact.path.replace(/\.duckdb$/, '.report.json')
        : keepReport(home, id, result.report),
      artifact: result.artifact,
      meta: result.meta,
      duplicateOf: dup?.id ?? null,
      supersedes: (result.meta?.supersedes as string | undefined) ?? null,
      supersedesJob,
    });
    if (result.artifact)
      ledger.auditLog({
        op: 'converted',
        jobId: id,
        file: basename(result.artifact.path),
        bytes: result.artifact.bytes,
        sha256: result.artifact.sha256,
      });
  }
  ledger.append({ type: 'stage', id, at, stage: result.stage, error: result.error });
}

/** What the ledger remembers of a report: counts and codes, never cell values. */
function summaryOf(report: Report): ResultSummary {
  const issues = { error: 0, warning: 0, info: 0 };
  for (const i of report.issues) issues[i.severity]++;
  return {
    status: report.status,
    table: report.table,
    rows: report.rows,
    rowsStored: report.rowsStored,
    rowsRejected: report.rowsRejected,
    issues,
    header: report.columns.filter((c) => c.source !== '').map((c) => c.source),
    patientIds: report.patientIds
      ? { distinct: report.patientIds.distinct, unknown: report.patientIds.unknown }
      : null,
  };
}

/** A skipped duplicate's report, from the earlier job's report file (none while it runs). */
function earlierReport(dup: JobRecord): Report | null {
  if (!dup.reportPath || !existsSync(dup.reportPath)) return null;
  return skippedReport(JSON.parse(readFileSync(dup.reportPath, 'utf8')) as Report, dup);
}

/** One log line per job: ids, names, counts and hashes, never values. */
function logLine(r: JobResult, path: string, dup: JobRecord | null): string {
  return `job ${r.id} ${JSON.stringify(basename(path))} ${r.stage} table=${r.report?.table ?? '-'} rows=${r.report?.rows ?? '-'} sha256=${r.source.sha256 || '-'}${r.artifact ? ` artifact=${r.artifact.sha256}` : ''}${dup ? ` duplicateOf=${dup.id}` : ''}${r.errorCode ? ` failure=${r.errorCode}` : ''}`;
}
