/**
 * The report as one standalone HTML file: readable offline, printable, no scripts and no
 * external requests. Counts, codes, messages and hints only; no cell values beyond the
 * report's own short examples (never patient IDs: the report has none).
 */
import type { Issue, Report, Severity } from '../../shared/report';
import type { JobView } from '../../shared/views';
import { bannerOf } from '../../shared/banner';
import { INTL_LOCALE, type Lang } from '../../shared/i18n/lang';
import { translator, type Translate } from '../../shared/i18n/translate';
import { isRowIssue } from './issueValues';

function esc(v: unknown): string {
  return String(v)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function issueRow(i: Issue, t: Translate, n: (v: number) => string): string {
  const lines = i.lines.length
    ? `${i.lines.slice(0, 50).join(', ')}${i.count > i.lines.length ? ' …' : ''}`
    : '—';
  // Whole-file and header findings are about no data row.
  const rows = isRowIssue(i) ? n(i.count) : t(i.lines.length ? 'html.header' : 'html.wholeFile');
  return `<tr><td><code>${esc(i.code)}</code></td><td>${esc(i.column ?? '—')}</td><td class="num">${rows}</td><td>${esc(i.message)}<div class="hint">${esc(i.hint)}</div></td><td class="lines">${esc(lines)}</td></tr>`;
}

function profileRows(report: Report, n: (v: number) => string): string {
  return report.profile
    .map(
      (p) =>
        `<tr><td>${esc(p.name)}</td><td>${esc(p.type)}</td><td><span class="bar"><span style="width:${Math.max(0, Math.min(100, p.filledPct)).toFixed(1)}%"></span></span> ${p.filledPct.toFixed(1)}%</td><td class="num">${n(p.distinct)}</td><td>${esc(p.min ?? '—')}</td><td>${esc(p.max ?? '—')}</td></tr>`,
    )
    .join('');
}

/**
 * Renders the whole report as a standalone HTML document, in `lang` (its messages and hints
 * already in that language: localizeReport).
 */
export function reportHtml(job: JobView, report: Report, lang: Lang = 'en'): string {
  const t = translator(lang);
  const n = (v: number): string => v.toLocaleString(INTL_LOCALE[lang]);
  const banner = bannerOf(job, report.issues.filter((i) => i.severity === 'error').length, t).text;
  const head = ['code', 'column', 'rows', 'whatToDo', 'lines']
    .map((k) => `<th>${esc(t(`html.${k}`))}</th>`)
    .join('');
  const sections = (['error', 'warning', 'info'] as const satisfies readonly Severity[])
    .map((sev) => {
      const list = report.issues.filter((i) => i.severity === sev);
      if (list.length === 0) return '';
      return `<h2>${esc(t(`html.severity.${sev}`))} (${n(list.length)})</h2><table><thead><tr>${head}</tr></thead><tbody>${list.map((i) => issueRow(i, t, n)).join('')}</tbody></table>`;
    })
    .join('');
  const facts: [string, string][] = [
    [t('html.file'), report.file.name],
    [t('html.table'), report.table ?? t('html.notRecognised')],
    [t('html.cohort'), report.cohort ?? '—'],
    [t('html.year'), report.protocolYear === null ? '—' : String(report.protocolYear)],
    [
      t('html.rows'),
      t('html.rowsFact', {
        rows: report.rows,
        stored: report.rowsStored,
        rejected: report.rowsRejected,
      }),
    ],
    [t('html.size'), t('html.bytes', { count: report.file.bytes })],
    [
      t('html.encoding'),
      t('html.encodingFact', { encoding: report.file.encoding, ending: report.file.lineEnding }),
    ],
    ['SHA-256', report.file.sha256],
  ];
  if (report.patientIds)
    facts.push([
      t('html.patients'),
      t('html.patientsFact', {
        distinct: report.patientIds.distinct,
        unknown: report.patientIds.unknown,
      }),
    ]);
  const columnsHead = ['column', 'type', 'filled', 'distinct', 'min', 'max']
    .map((k) => `<th>${esc(t(`html.${k}`))}</th>`)
    .join('');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t('html.title', { name: report.file.name }))}</title>
<style>
body{font:14px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1b2230;margin:32px auto;max-width:1100px;padding:0 24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.banner{padding:12px 16px;border-radius:8px;margin:16px 0;font-weight:600}
.banner.fail{background:#fbeceb;color:#b3261e}.banner.warn{background:#fff4e0;color:#7a4d00}.banner.pass{background:#e7f4ec;color:#2e7d4f}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #dde1e7;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f5f6f8;font-weight:600}.num{text-align:right;white-space:nowrap}.hint{color:#5a6373;margin-top:2px}
.lines{font-family:ui-monospace,monospace;font-size:12px;max-width:260px;word-break:break-word}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}dt{color:#5a6373}dd{margin:0;word-break:break-all}
.bar{display:inline-block;width:120px;height:8px;background:#eef0f3;border-radius:4px;vertical-align:middle;overflow:hidden}.bar span{display:block;height:100%;background:#2b6a8e}
footer{margin-top:32px;color:#5a6373;font-size:12px}
</style></head><body>
<h1>${esc(report.file.name)}</h1>
<div class="banner ${esc(report.status)}">${esc(banner)}</div>
<dl>${facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>
${sections || `<h2>${esc(t('html.noProblems'))}</h2>`}
<h2>${esc(t('html.columns'))}</h2>
<table><thead><tr>${columnsHead}</tr></thead><tbody>${profileRows(report, n)}</tbody></table>
<footer>${esc(t('html.footer', { version: report.reportVersion, job: job.id, created: job.createdAt }))}</footer>
</body></html>
`;
}
