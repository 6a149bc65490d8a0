/**
 * The end of a ledger job, shared by ingest and fix: its stages recorded as they begin, its
 * result and final stage in the ledger, one log line, and the submission re-checked when a new
 * patient table arrives.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Progress, Report, Stage } from '../../shared/report';
import type { ResultSummary } from '../ledger/events';
import type { JobRecord, Ledger } from '../ledger/ledger';
import { Log } from '../log';
import type { IngestOptions } from './ingest';
import { skippedReport } from './ledgerSay';
import { recheckSubmission } from './patientRecheck';
import { keepReport } from './reportFile';
import type { JobResult } from './runJob';

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
