import type { Report } from '../shared/report';
import { printable } from '../core/names';
import type { JobResult } from '../core/jobs/runJob';

const STATUS_WORDS: Record<Report['status'], string> = {
  pass: 'PASS',
  warn: 'PASS with warnings',
  fail: 'PROBLEMS TO FIX',
};

/** The human summary of one job, for stderr (stdout stays for --json). */
export function formatResult(r: JobResult): string {
  const lines: string[] = [];
  const rep = r.report;
  if (!rep) {
    const what =
      r.stage === 'cancelled'
        ? 'cancelled'
        : r.stage === 'skipped'
          ? `skipped: ${r.error ?? 'the same bytes were ingested before (duplicate-file).'}`
          : `could not be processed. ${r.error ?? ''}`;
    lines.push(`${r.source.name}: ${what}`);
    return lines.map(printable).join('\n');
  }
  const table = rep.table
    ? `${rep.table}${rep.tableDetected ? ` (detected, ${Math.round(rep.tableConfidence * 100)}%)` : ''}`
    : 'table unknown';
  lines.push(
    `${rep.file.name}: ${STATUS_WORDS[rep.status]} — ${table}, ${rep.rows.toLocaleString('en-US')} rows (${rep.rowsStored.toLocaleString('en-US')} stored, ${rep.rowsRejected.toLocaleString('en-US')} set aside)`,
  );
  if (rep.patientIds)
    lines.push(`  ${rep.patientIds.distinct.toLocaleString('en-US')} distinct patient IDs`);
  for (const i of rep.issues) {
    const where = i.lines.length
      ? ` [line${i.lines.length > 1 ? 's' : ''} ${i.lines.slice(0, 10).join(', ')}${i.count > i.lines.length || i.lines.length > 10 ? ', …' : ''}]`
      : '';
    lines.push(
      `  ${i.severity.toUpperCase().padEnd(7)} ${i.code}${i.column ? ` (${i.column})` : ''}: ${i.message}${where}`,
    );
    lines.push(`          → ${i.hint}`);
    if (i.examples.length)
      lines.push(`          e.g. ${i.examples.map((e) => JSON.stringify(e)).join(', ')}`);
  }
  if (r.artifact)
    lines.push(
      `  artifact: ${r.artifact.path} (${r.artifact.bytes.toLocaleString('en-US')} bytes, sha256 ${r.artifact.sha256.slice(0, 12)}…)`,
    );
  const t = rep.timings;
  lines.push(
    `  time: scan ${(t.scanMs / 1000).toFixed(1)} s, convert ${(t.convertMs / 1000).toFixed(1)} s, checks ${(t.checkMs / 1000).toFixed(1)} s`,
  );
  // Names and values come from files: a control character must not fake a line of output.
  return lines.map(printable).join('\n');
}
