import type { Issue, PhiKind, Report } from '../../shared/report';
import { PHI_KINDS } from '../../shared/report';
import { appVersion } from '../paths';
import { sortIssues } from '../precheck/issue';
import type { BuildResult } from '../convert/convert';
import type { ScanResult } from '../scan/scan';
import { reportStatus } from './status';

/* The report (Contract 1) and the manifest fields (Contract 3) of a job, from its parts. */

/** What the report and manifest need of the scan (a fixed job has them from the unfixed report). */
export type ScanFacts = Pick<
  ScanResult,
  'bytes' | 'sha256' | 'encoding' | 'lineEnding' | 'delimiter' | 'rows' | 'scanMs'
>;

export interface ReportParts {
  scan: ScanFacts;
  name: string;
  cohort: string | null;
  protocolYear: number | null;
  table: { table: string | null; detected: boolean; confidence: number };
  issues: Issue[];
  /** The checks' result; null when the file stopped before them (not a CSV, empty). */
  build: BuildResult | null;
  columns: Report['columns'] | null;
  timings: { convertMs: number; checkMs: number };
}

/** A job's report (Contract 1) from its parts. */
export function buildReport(parts: ReportParts): Report {
  const { scan: s, table, build, columns } = parts;
  const sorted = sortIssues(parts.issues);
  return {
    reportVersion: 1,
    status: reportStatus(sorted),
    file: {
      name: parts.name,
      bytes: s.bytes,
      sha256: s.sha256,
      encoding: s.encoding,
      lineEnding: s.lineEnding,
      delimiter: s.delimiter,
    },
    table: table.table,
    tableDetected: table.detected,
    tableConfidence: table.confidence,
    cohort: parts.cohort,
    protocolYear: parts.protocolYear,
    rows: s.rows,
    rowsStored: build?.rowsStored ?? 0,
    rowsRejected: build?.rowsRejected ?? s.rows,
    columns: columns ?? [],
    patientIds: build?.patientIds ?? null,
    issues: sorted,
    profile: build?.profile ?? [],
    timings: {
      scanMs: Math.round(s.scanMs),
      convertMs: Math.round(parts.timings.convertMs),
      checkMs: Math.round(parts.timings.checkMs),
      ...(build?.phases ?? {}),
    },
  };
}

/** Issue counts by code, for the manifest and `_meta` (counts only, never values). */
export function issueCounts(report: Report): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const i of report.issues) counts[i.code] = (counts[i.code] ?? 0) + i.count;
  return counts;
}

/**
 * What the identifier screen found, by kind: rows (counts only, never a value). Every kind is
 * there, 0 when nothing was found, so a manifest tells that the screen ran.
 */
export function phiCounts(report: Report): Record<PhiKind, number> {
  const counts = Object.fromEntries(PHI_KINDS.map((k) => [k, 0])) as Record<PhiKind, number>;
  for (const i of report.issues) if (i.code === 'possible-phi' && i.kind) counts[i.kind] += i.count;
  return counts;
}

/** The manifest fields known when the artifact is written (Contract 2's `_meta`). */
export function manifestMeta(
  report: Report,
  opts: { site?: string | null; cohort?: string | null; protocolYear?: number | null },
  scan: ScanFacts,
): Record<string, unknown> {
  return {
    manifestVersion: 1,
    app: { name: 'Courier', version: appVersion() },
    site: opts.site ?? null,
    cohort: opts.cohort ?? null,
    protocolYear: opts.protocolYear ?? null,
    table: report.table,
    source: {
      name: report.file.name,
      bytes: scan.bytes,
      sha256: scan.sha256,
      encoding: scan.encoding,
      lineEnding: scan.lineEnding,
    },
    rows: report.rows,
    rowsRejected: report.rowsRejected,
    columns: report.columns,
    patientIds: report.patientIds
      ? { distinct: report.patientIds.distinct, unknown: report.patientIds.unknown }
      : null,
    precheck: { status: report.status, counts: issueCounts(report) },
    screen: { phi: phiCounts(report) },
    // A fixed job's (Contract 3 addition): the fixes by rule, column and cell count, and the
    // unfixed artifact's SHA-256. Counts and rule names only, never values.
    ...(report.fixes ? { fixes: report.fixes } : {}),
    ...(report.fixedFrom ? { fixedFrom: report.fixedFrom.sha256 } : {}),
    createdAt: new Date().toISOString(),
  };
}
