import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Issue, Progress, Report, Stage } from '../../shared/report';
import type { DefinitionSet } from '../definitions/loader';
import type { ResultSummary } from '../ledger/events';
import type { JobRecord, Ledger } from '../ledger/ledger';
import { KEPT_STAGES } from '../ledger/ledger';
import type { PatientPolicy } from '../precheck/crossTable';
import { makeIssue, sortIssues } from '../precheck/issue';
import type { JobResult } from './runJob';
import { Log } from '../log';
import { recheckSubmission } from './recheck';
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
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

function newId(): string {
  const t = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${t}-${randomBytes(4).toString('hex')}`;
}

const sameSubmission = (j: JobRecord, cohort: string | null, year: number | null): boolean =>
  j.cohort === cohort && j.protocolYear === year;

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

function when(iso: string): string {
  return new Date(iso).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * Ingests one file as a ledger job: records every stage durably, detects duplicates
 * (same SHA-256, under any name) and possible new versions, compares the header with the
 * table's earlier files, supplies the submission's latest patient table, and keeps the
 * verified artifact for pushing.
 */
export async function ingestFile(path: string, opts: IngestOptions): Promise<JobResult> {
  const { ledger } = opts;
  const id = newId();
  const cohort = opts.cohort ?? null;
  const year = opts.protocolYear ?? null;
  const st = await stat(path).catch(() => null);
  ledger.append({
    type: 'job',
    id,
    at: new Date().toISOString(),
    pid: process.pid,
    source: { name: basename(path), path, bytes: st?.size ?? 0, mtimeMs: st?.mtimeMs },
    table: opts.table ?? null,
    cohort,
    protocolYear: year,
    site: opts.site ?? null,
  });
  let lastStage: Stage = 'queued';
  const onProgress = (p: Progress): void => {
    if (p.stage !== lastStage) {
      lastStage = p.stage;
      // Intermediate stages: visible to other processes at once, but not worth an fsync (a
      // crash is recovered from the last durable event either way).
      ledger.append({ type: 'stage', id, at: new Date().toISOString(), stage: p.stage }, false);
    }
    opts.onProgress?.(p);
  };

  const earlier = ledger.jobs().filter((j) => j.id !== id);
  const latestPatient = ledger.latestPatientArtifact(cohort, year, earlier);
  let duplicate: JobRecord | null = null;

  const result = await runJob(path, {
    id,
    home: opts.home,
    definitions: opts.definitions,
    table: opts.table ?? null,
    cohort,
    protocolYear: year,
    site: opts.site ?? null,
    keepArtifact: true,
    outDir: opts.outDir ?? null,
    patientsArtifact: opts.patientsArtifact ?? latestPatient,
    patientPolicy: opts.patientPolicy,
    onProgress,
    signal: opts.signal,
    afterDetect: (info) => {
      ledger.auditLog({
        op: 'read',
        jobId: id,
        file: info.name,
        bytes: info.bytes,
        sha256: info.sha256,
      });
      const issues: Issue[] = [];
      duplicate =
        [...earlier]
          .reverse()
          .find((j) => j.source.sha256 === info.sha256 && KEPT_STAGES.has(j.stage)) ?? null;
      if (duplicate && !opts.force) return { skip: true };
      // From here the data is converted in the private staging folder.
      ledger.auditLog({
        op: 'staged',
        jobId: id,
        sha256: info.sha256,
        detail: 'converting in the private workspace',
      });
      if (duplicate) issues.push(duplicateIssue(duplicate, true));
      const sameName = [...earlier]
        .reverse()
        .find(
          (j) =>
            j.source.name === info.name &&
            j.source.bytes === info.bytes &&
            j.source.sha256 !== null &&
            j.source.sha256 !== info.sha256,
        );
      if (sameName) {
        issues.push(
          makeIssue('possible-new-version', 'info', {
            count: 1,
            lines: [],
            message: `A file with the same name and size was ingested on ${when(sameName.createdAt)} with other content: this looks like a new version of it.`,
            hint: 'If it replaces the earlier file, make sure only one of them is sent.',
          }),
        );
      }
      const sameTable = earlier.filter(
        (j) =>
          info.table !== null &&
          j.table === info.table &&
          sameSubmission(j, cohort, year) &&
          KEPT_STAGES.has(j.stage) &&
          j.summary,
      );
      const first = sameTable[0];
      if (first?.summary && info.table !== 'patient') {
        const a = first.summary.header.map((h) => h.trim().toLowerCase()).join('\u0000');
        const b = info.header.map((h) => h.trim().toLowerCase()).join('\u0000');
        if (a !== b) {
          issues.push(
            makeIssue('header-mismatch', 'warning', {
              count: 1,
              lines: [1],
              examples: [first.source.name],
              message: `The header differs from the earlier ${info.table} file "${first.source.name}" of this submission.`,
              hint: 'All files of one table should have the same columns in the same order. Compare the two headers.',
            }),
          );
        }
      }
      const supersedes = info.table === 'patient' && latestPatient ? basename(latestPatient) : null;
      return { issues, supersedes };
    },
  });

  const dup = duplicate as JobRecord | null;
  if (result.stage === 'skipped' && dup) {
    result.report = skippedReport(dup);
    ledger.append({
      type: 'result',
      id,
      at: new Date().toISOString(),
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
      at: new Date().toISOString(),
      sha256: result.report.file.sha256,
      summary: summaryOf(result.report),
      reportPath: result.artifact
        ? result.artifact.path.replace(/\.duckdb$/, '.report.json')
        : null,
      artifact: result.artifact,
      meta: result.meta,
      duplicateOf: dup?.id ?? null,
      supersedes: (result.meta?.supersedes as string | undefined) ?? null,
    });
    if (result.artifact) {
      ledger.auditLog({
        op: 'converted',
        jobId: id,
        file: basename(result.artifact.path),
        bytes: result.artifact.bytes,
        sha256: result.artifact.sha256,
      });
    }
  }
  ledger.append({
    type: 'stage',
    id,
    at: new Date().toISOString(),
    stage: result.stage,
    error: result.error,
  });
  new Log(opts.home).info(
    `job ${id} ${basename(path)} ${result.stage} table=${result.report?.table ?? '-'} rows=${result.report?.rows ?? '-'} sha256=${result.source.sha256 || '-'}${result.artifact ? ` artifact=${result.artifact.sha256}` : ''}${dup ? ` duplicateOf=${dup.id}` : ''}`,
  );
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
      protocolYear: year,
      patientsArtifact: result.artifact.path,
      policy: opts.patientPolicy,
    });
  }
  return result;
}

function duplicateIssue(j: JobRecord, reingested: boolean): Issue {
  return makeIssue('duplicate-file', 'warning', {
    count: 1,
    lines: [],
    examples: [j.source.name],
    message: `These exact bytes were ingested before, on ${when(j.createdAt)}, as "${j.source.name}"${j.table ? ` (${j.table})` : ''}.${reingested ? ' Ingested again as asked.' : ' Skipped, so no rows are doubled.'}`,
    hint: reingested
      ? 'Make sure only one of the two copies is sent, or the rows will count twice.'
      : 'Nothing to do. To ingest it again anyway, use --force (or "Re-ingest" in the window).',
  });
}

/** A skipped duplicate's report: the earlier report of the same bytes, plus the warning. */
function skippedReport(j: JobRecord): Report | null {
  if (!j.reportPath || !existsSync(j.reportPath)) return null;
  const earlier = JSON.parse(readFileSync(j.reportPath, 'utf8')) as Report;
  const issues = sortIssues([...earlier.issues, duplicateIssue(j, false)]);
  const status = issues.some((i) => i.severity === 'error')
    ? 'fail'
    : issues.some((i) => i.severity === 'warning')
      ? 'warn'
      : 'pass';
  return { ...earlier, issues, status };
}
