import type { Report } from '../shared/report';
import { INTL_LOCALE, type Lang } from '../shared/i18n/lang';
import { translator } from '../shared/i18n/translate';
import { printable } from '../core/names';
import type { JobResult } from '../core/jobs/runJob';

/**
 * The human summary of one job, for stderr (stdout stays for --json), in `lang`; the report's
 * messages and hints are already in it (localizeReport).
 */
export function formatResult(
  r: Pick<JobResult, 'report' | 'source' | 'stage' | 'error' | 'artifact'> & {
    report: Report | null;
  },
  lang: Lang = 'en',
): string {
  const t = translator(lang);
  const fixed = (ms: number): string =>
    (ms / 1000).toLocaleString(INTL_LOCALE[lang], {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
  const lines: string[] = [];
  const rep = r.report;
  if (!rep) {
    const what =
      r.stage === 'cancelled'
        ? t('cli.cancelled')
        : r.stage === 'skipped'
          ? t('cli.skipped', { reason: r.error ?? t('cli.sameBytes') })
          : t('cli.notProcessed', { reason: r.error ?? '' });
    lines.push(`${r.source.name}: ${what}`);
    return lines.map(printable).join('\n');
  }
  const table = rep.table
    ? rep.tableDetected
      ? t('cli.detected', { table: rep.table, confidence: Math.round(rep.tableConfidence * 100) })
      : rep.table
    : t('cli.tableUnknown');
  lines.push(
    `${rep.file.name}: ${t(`cli.status.${rep.status}`)} — ${table}, ${t('cli.summary', { rows: rep.rows, stored: rep.rowsStored, rejected: rep.rowsRejected })}`,
  );
  if (rep.patientIds) lines.push(`  ${t('cli.patients', { count: rep.patientIds.distinct })}`);
  for (const i of rep.issues) {
    const where = i.lines.length
      ? ` [${t('cli.line', { count: i.lines.length })} ${i.lines.slice(0, 10).join(', ')}${i.count > i.lines.length || i.lines.length > 10 ? ', …' : ''}]`
      : '';
    lines.push(
      `  ${t(`cli.severity.${i.severity}`).padEnd(7)} ${i.code}${i.column ? ` (${i.column})` : ''}: ${i.message}${where}`,
    );
    lines.push(`          → ${i.hint}`);
    if (i.examples.length)
      lines.push(
        `          ${t('cli.example')} ${i.examples.map((e) => JSON.stringify(e)).join(', ')}`,
      );
  }
  if (r.artifact)
    lines.push(
      `  ${t('cli.artifact', { path: r.artifact.path, bytes: r.artifact.bytes, sha: r.artifact.sha256.slice(0, 12) })}`,
    );
  const tm = rep.timings;
  lines.push(
    `  ${t('cli.time', { scan: fixed(tm.scanMs), convert: fixed(tm.convertMs), check: fixed(tm.checkMs) })}`,
  );
  // Names and values come from files: a control character must not fake a line of output.
  return lines.map(printable).join('\n');
}
