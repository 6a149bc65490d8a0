/**
 * A file ingested as a ledger job: every stage recorded durably, the ledger's say on
 * duplicates and versions, the submission's latest patient table supplied, the verified
 * artifact kept for pushing, and the submission re-checked when a new patient table arrives.
 */
import { existsSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Progress, Report, Stage } from '../../shared/report';
import type { DefinitionSet } from '../definitions/loader';
import type { ResultSummary } from '../ledger/events';
import type { JobRecord, Ledger } from '../ledger/ledger';
import { Log } from '../log';
import type { PatientPolicy } from '../precheck/crossTable';
import type { PhiPolicy } from '../../shared/settings';
import { newJobId } from './jobRun';
import type { LedgerContext } from './ledgerSay';
import { judgeAgainstLedger, skippedReport } from './ledgerSay';
import { recheckSubmission } from './patientRecheck';
import { keepReport } from './reportFile';
import type { JobResult } from './runJob';
import { runJob } from './runJob';

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
  /** `possible-phi` as an error (`block`, the default) or a warning. */
  phiPolicy?: PhiPolicy;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

/** Ingests one file as a ledger job (see the module comment). */
export async function ingestFile(path: string, opts: IngestOptions): Promise<JobResult> {
  const { ledger } = opts;
  const id = newJobId();
  const cohort = opts.cohort ?? null;
  const protocolYear = opts.protocolYear ?? null;
  await recordStart(ledger, id, path, opts);
  const earlier = ledger.jobs().filter((j) => j.id !== id);
  const ctx: LedgerContext = {
    earlier,
    cohort,
    protocolYear,
    latestPatient: ledger.latestPatientArtifact(cohort, protocolYear, earlier),
    force: opts.force === true,
  };
  let duplicate: JobRecord | null = null;

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
    patientsArtifact: opts.patientsArtifact ?? ctx.latestPatient,
    patientPolicy: opts.patientPolicy,
    phiPolicy: opts.phiPolicy,
    onProgress: stageRecorder(ledger, id, opts.onProgress),
    signal: opts.signal,
    afterDetect: (info) => {
      ledger.auditLog({
        op: 'read',
        jobId: id,
        file: info.name,
        bytes: info.bytes,
        sha256: info.sha256,
      });
      const said = judgeAgainstLedger(ctx, info);
      duplicate = said.duplicate;
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

  recordResult(ledger, opts.home, result, duplicate);
  new Log(opts.home).info(logLine(result, path, duplicate));
  // A new patient table: the submission's other tables are checked against it again.
  if (
    result.report?.table === 'patient' &&
    result.artifact &&
    (result.stage === 'ready' || result.stage === 'blocked')
  ) {
    await recheckSubmission({
      ledger,
      definitions: opts.definitions,
      cohort,
      protocolYear,
      patientsArtifact: result.artifact.path,
      policy: opts.patientPolicy,
    });
  }
  return result;
}

/** The job's first event: what file, for which submission, by which process. */
async function recordStart(
  ledger: Ledger,
  id: string,
  path: string,
  opts: IngestOptions,
): Promise<void> {
  const st = await stat(path).catch(() => null);
  ledger.append({
    type: 'job',
    id,
    at: new Date().toISOString(),
    pid: process.pid,
    source: { name: basename(path), path, bytes: st?.size ?? 0, mtimeMs: st?.mtimeMs },
    table: opts.table ?? null,
    cohort: opts.cohort ?? null,
    protocolYear: opts.protocolYear ?? null,
    site: opts.site ?? null,
  });
}

/** Passes progress on, and records each new stage in the ledger as it begins. */
function stageRecorder(
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
function recordResult(
  ledger: Ledger,
  home: string,
  result: JobResult,
  dup: JobRecord | null,
): void {
  const id = result.id;
  const at = new Date().toISOString();
  if (result.stage === 'skipped' && dup) {
    result.report = earlierReport(dup);
    ledger.append({
      type: 'result',
      id,
      at,
      sha256: dup.source.sha256 ?? '',
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

/** A skipped duplicate's report, from the earlier job's report file. */
function earlierReport(dup: JobRecord): Report | null {
  if (!dup.reportPath || !existsSync(dup.reportPath)) return null;
  return skippedReport(JSON.parse(readFileSync(dup.reportPath, 'utf8')) as Report, dup);
}

/** One log line per job: ids, names, counts and hashes, never values. */
function logLine(r: JobResult, path: string, dup: JobRecord | null): string {
  return `job ${r.id} ${basename(path)} ${r.stage} table=${r.report?.table ?? '-'} rows=${r.report?.rows ?? '-'} sha256=${r.source.sha256 || '-'}${r.artifact ? ` artifact=${r.artifact.sha256}` : ''}${dup ? ` duplicateOf=${dup.id}` : ''}${r.errorCode ? ` failure=${r.errorCode}` : ''}`;
}
