/**
 * Reports as the window reads them: the whole report stays on disk (next to the artifact, or
 * under `reports/` for jobs that kept none), the header and profile are sent at once and the
 * issues a page at a time.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { bannerOf } from '../../shared/banner';
import type { Report, Severity } from '../../shared/report';
import type { IssueView, JobView, Page, ReportView } from '../../shared/views';
import type { JobRecord } from '../ledger/ledger';
import { ownReportPath } from '../jobs/reportFile';
import { CourierError } from '../errors';

/** The report file of a job: its own, else the one the service kept, else its original's. */
export function reportPathOf(
  home: string,
  job: JobRecord,
  lookup: (id: string) => JobRecord | null,
): string | null {
  if (job.reportPath && existsSync(job.reportPath)) return job.reportPath;
  const own = ownReportPath(home, job.id);
  if (existsSync(own)) return own;
  const original = job.duplicateOf ? lookup(job.duplicateOf) : null;
  if (original && original.id !== job.id) return reportPathOf(home, original, () => null);
  return null;
}

/** Reads a report; a missing or unreadable one is a plain "not found". */
export async function readReport(path: string | null): Promise<Report> {
  if (!path)
    throw new CourierError(
      'not-found',
      'This file has no report yet: it is still waiting or being checked.',
    );
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Report;
  } catch {
    throw new CourierError(
      'not-found',
      'The report of this file can no longer be read. Add the file again to check it anew.',
    );
  }
}

/** The report without its issues, plus the counts the status banner needs. */
export function reportView(job: JobView, report: Report): ReportView {
  const counts = {
    error: { issues: 0, rows: 0 },
    warning: { issues: 0, rows: 0 },
    info: { issues: 0, rows: 0 },
  };
  for (const i of report.issues) {
    counts[i.severity].issues++;
    counts[i.severity].rows += i.count;
  }
  const { issues: _issues, ...rest } = report;
  return { job, banner: bannerOf(job, counts.error.issues), report: { ...rest, counts } };
}

/** One page of the issues, optionally of one severity; each keeps its index in the report. */
export function issuePage(
  report: Report,
  offset: number,
  limit: number,
  severity?: Severity,
): Page<IssueView> {
  const all = report.issues
    .map((issue, index) => ({ ...issue, index }))
    .filter((i) => !severity || i.severity === severity);
  return { total: all.length, offset, items: all.slice(offset, offset + limit) };
}
