/**
 * Reports as the window reads them: the whole report stays on disk (next to the artifact, or
 * under `reports/` for jobs that kept none), the header and profile are sent at once and the
 * issues a page at a time.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { bannerOf } from '../../shared/banner';
import { EN, type Translate } from '../../shared/i18n/translate';
import { issueScope } from '../../shared/issueScope';
import type { Report, Severity } from '../../shared/report';
import type { IssueLine, IssueView, JobView, Page, ReportView } from '../../shared/views';
import type { DefinitionSet } from '../definitions/loader';
import type { JobRecord } from '../ledger/ledger';
import { distinctRows, issueLinePage, type RowCounts } from '../exports/issueValues';
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

/** Where a report's artifact and patient table are, to read what the report does not list. */
export interface ReportSources {
  artifact: string | null;
  defs: DefinitionSet;
  patients: string | null;
}

/** Distinct rows per report, by job and report hash: counting may read the artifact. */
const rowCache = new Map<string, RowCounts>();

async function rowCounts(job: JobView, report: Report, src: ReportSources): Promise<RowCounts> {
  const key = `${job.id}:${report.file.sha256}:${report.issues.length}:${src.artifact ?? ''}`;
  const known = rowCache.get(key);
  if (known) return known;
  const counts = await distinctRows({ report, ...src });
  if (rowCache.size > 500) rowCache.clear();
  rowCache.set(key, counts);
  return counts;
}

/**
 * The report without its issues, plus the counts the status banner needs: issues, and the
 * distinct data rows they touch (a row with two problems counts once).
 */
export async function reportView(
  job: JobView,
  report: Report,
  src: ReportSources,
  t: Translate = EN,
): Promise<ReportView> {
  const rows = await rowCounts(job, report, src);
  const counts = {
    error: { issues: 0, rows: rows.error.rows, rowsAtLeast: rows.error.atLeast },
    warning: { issues: 0, rows: rows.warning.rows, rowsAtLeast: rows.warning.atLeast },
    info: { issues: 0, rows: rows.info.rows, rowsAtLeast: rows.info.atLeast },
  };
  for (const i of report.issues) counts[i.severity].issues++;
  const { issues: _issues, ...rest } = report;
  return { job, banner: bannerOf(job, counts.error.issues, t), report: { ...rest, counts } };
}

/** One page of an issue's lines with the value at fault (local only, never pushed). */
export async function issueLines(
  o: { job: JobRecord; report: Report; defs: DefinitionSet; patients: string | null },
  index: number,
  offset: number,
  limit: number,
): Promise<Page<IssueLine>> {
  if (!o.report.issues[index])
    throw new CourierError('not-found', 'This report has no such problem.');
  const page = await issueLinePage(
    {
      report: o.report,
      defs: o.defs,
      patients: o.patients,
      artifact: o.job.artifact?.path ?? null,
    },
    index,
    offset,
    limit,
  );
  return { total: page.total, offset, items: page.items };
}

/** One page of the issues, optionally of one severity; each keeps its index in the report. */
export function issuePage(
  report: Report,
  offset: number,
  limit: number,
  severity?: Severity,
): Page<IssueView> {
  const all = report.issues
    .map((issue, index) => ({ ...issue, index, scope: issueScope(issue) }))
    .filter((i) => !severity || i.severity === severity);
  return { total: all.length, offset, items: all.slice(offset, offset + limit) };
}
