/** Report exports: JSON, standalone HTML, and every affected line of one issue as CSV. */
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Report } from '../../shared/report';
import type { JobView } from '../../shared/views';
import type { DefinitionSet } from '../definitions/loader';
import type { JobRecord } from '../ledger/ledger';
import { CourierError } from '../errors';
import { exportFixedCells } from './fixedCells';
import { exportIssueLines } from './issueLines';
import { reportHtml } from './reportHtml';
import type { Lang } from '../../shared/i18n/lang';
import { localizeReport } from '../../shared/i18n/localize';
import { translator } from '../../shared/i18n/translate';

export type ExportKind = 'json' | 'html' | 'issue-lines' | 'fixed-cells';

function slug(s: string): string {
  return (
    s
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/-+/g, '-')
      .replace(/^-|-$/g, '') || 'file'
  );
}

/** The file name an export is offered under. */
export function exportFileName(report: Report, kind: ExportKind, issue?: number): string {
  const stem = slug(
    report.file.name.slice(0, report.file.name.length - extname(report.file.name).length),
  );
  if (kind === 'json') return `${stem}.report.json`;
  if (kind === 'html') return `${stem}.report.html`;
  if (kind === 'fixed-cells') return `${stem}-changed-cells.csv`;
  const i = report.issues[issue ?? -1];
  return `${stem}-${slug(i?.code ?? 'issue')}${i?.column ? `-${slug(i.column)}` : ''}-lines.csv`;
}

/**
 * Writes one export to `dest`. Returns a note for the coordinator when the export is
 * incomplete (only the report's first lines were known), else null.
 */
export async function writeExport(
  o: {
    kind: ExportKind;
    issue?: number;
    job: JobRecord;
    view: JobView;
    report: Report;
    defs: DefinitionSet;
    patients: string | null;
    /** The language of the messages, hints and words (codes and fields never change). */
    lang?: Lang;
  },
  dest: string,
): Promise<string | null> {
  const lang = o.lang ?? 'en';
  const t = translator(lang);
  if (o.kind === 'json') {
    const report = localizeReport(o.report, lang);
    await writeFile(dest, JSON.stringify(report, null, 2) + '\n', { mode: 0o600 });
    return null;
  }
  if (o.kind === 'html') {
    await writeFile(dest, reportHtml(o.view, localizeReport(o.report, lang), lang), {
      mode: 0o600,
    });
    return null;
  }
  if (o.kind === 'fixed-cells') {
    if (!o.report.fixes || !o.job.artifact)
      throw new CourierError(
        'invalid-args',
        'This file was not fixed by Courier: no cell changed.',
      );
    await exportFixedCells(o.job.artifact.path, dest);
    return null;
  }
  if (o.issue === undefined || !o.report.issues[o.issue])
    throw new CourierError('invalid-args', 'Choose which problem to export the lines of.');
  const r = await exportIssueLines(o.job, o.report, o.issue, o.defs, o.patients, dest);
  if (!r.complete) return t('export.firstLines');
  return r.sourceLines ? null : t('export.noSource');
}
