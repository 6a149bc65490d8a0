/** Where a job's report file lives when the job kept no artifact (failed, empty, not a CSV). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../../shared/report';
import { privateDir } from '../paths';

export function ownReportPath(home: string, jobId: string): string {
  return join(home, 'reports', `${jobId}.report.json`);
}

/** Writes the report of a job without an artifact; returns its path. */
export function keepReport(home: string, jobId: string, report: Report): string {
  privateDir(join(home, 'reports'));
  const path = ownReportPath(home, jobId);
  writeFileSync(path, JSON.stringify(report), { mode: 0o600 });
  return path;
}
