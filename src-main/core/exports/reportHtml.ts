/**
 * The report as one standalone HTML file: readable offline, printable, no scripts and no
 * external requests. Counts, codes, messages and hints only; no cell values beyond the
 * report's own short examples (never patient IDs: the report has none).
 */
import type { Issue, Report, Severity } from '../../shared/report';
import type { JobView } from '../../shared/views';
import { bannerOf } from '../../shared/banner';
import { isRowIssue } from './issueValues';

function esc(v: unknown): string {
  return String(v)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const SEVERITY_WORDS: Record<Severity, string> = {
  error: 'Must be fixed before sending',
  warning: 'Worth checking',
  info: 'For information',
};

const n = (v: number): string => v.toLocaleString('en-US');

function issueRow(i: Issue): string {
  const lines = i.lines.length
    ? `${i.lines.slice(0, 50).join(', ')}${i.count > i.lines.length ? ' …' : ''}`
    : '—';
  // Whole-file and header findings are about no data row.
  const rows = isRowIssue(i) ? n(i.count) : i.lines.length ? 'header' : 'whole file';
  return `<tr><td><code>${esc(i.code)}</code></td><td>${esc(i.column ?? '—')}</td><td class="num">${rows}</td><td>${esc(i.message)}<div class="hint">${esc(i.hint)}</div></td><td class="lines">${esc(lines)}</td></tr>`;
}

function profileRows(report: Report): string {
  return report.profile
    .map(
      (p) =>
        `<tr><td>${esc(p.name)}</td><td>${esc(p.type)}</td><td><span class="bar"><span style="width:${Math.max(0, Math.min(100, p.filledPct)).toFixed(1)}%"></span></span> ${p.filledPct.toFixed(1)}%</td><td class="num">${n(p.distinct)}</td><td>${esc(p.min ?? '—')}</td><td>${esc(p.max ?? '—')}</td></tr>`,
    )
    .join('');
}

/** Renders the whole report as a standalone HTML document. */
export function reportHtml(job: JobView, report: Report): string {
  const banner = bannerOf(job, report.issues.filter((i) => i.severity === 'error').length).text;
  const sections = (['error', 'warning', 'info'] as const)
    .map((sev) => {
      const list = report.issues.filter((i) => i.severity === sev);
      if (list.length === 0) return '';
      return `<h2>${esc(SEVERITY_WORDS[sev])} (${list.length})</h2><table><thead><tr><th>Code</th><th>Column</th><th>Rows</th><th>What is wrong, and how to fix it</th><th>Lines</th></tr></thead><tbody>${list.map(issueRow).join('')}</tbody></table>`;
    })
    .join('');
  const facts: [string, string][] = [
    ['File', report.file.name],
    ['Table', report.table ?? 'not recognised'],
    ['Cohort', report.cohort ?? '—'],
    ['Protocol year', report.protocolYear === null ? '—' : String(report.protocolYear)],
    [
      'Rows',
      `${n(report.rows)} (${n(report.rowsStored)} stored, ${n(report.rowsRejected)} rejected)`,
    ],
    ['Size', `${n(report.file.bytes)} bytes`],
    ['Encoding', `${report.file.encoding}, ${report.file.lineEnding} line endings`],
    ['SHA-256', report.file.sha256],
  ];
  if (report.patientIds)
    facts.push([
      'Patients',
      `${n(report.patientIds.distinct)} distinct IDs, ${n(report.patientIds.unknown)} not in the patient table`,
    ]);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Courier report: ${esc(report.file.name)}</title>
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
${sections || '<h2>No problems found</h2>'}
<h2>Columns</h2>
<table><thead><tr><th>Column</th><th>Type</th><th>Filled</th><th>Distinct</th><th>Min</th><th>Max</th></tr></thead><tbody>${profileRows(report)}</tbody></table>
<footer>Courier report (version ${report.reportVersion}), job ${esc(job.id)}, created ${esc(job.createdAt)}. Line numbers are lines of the source file; the header is line 1.</footer>
</body></html>
`;
}
