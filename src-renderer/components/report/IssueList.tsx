/**
 * The issues of a report, grouped by severity with counts: each says what is wrong, where
 * (column, source lines and the value at fault) and how to fix it, and can export every
 * affected line as CSV, after saying what that file holds.
 */
import { useState } from 'react';
import type { IssueView, Severity } from '../../../src-main/shared/ipc';
import type { IssueGroup } from '../../stores/report';
import { count, SEVERITY_WORDS } from '../../words';
import { IssueLines } from './IssueLines';
import { FixButton } from './fix/FixDialog';

function linesText(issue: IssueView): string {
  if (issue.lines.length === 0) return 'Whole file';
  if (issue.lines.length === 1 && issue.lines[0] === 1 && issue.count === 1)
    return 'Header (line 1)';
  const more = issue.count > issue.lines.length;
  return `${issue.lines.length === 1 ? 'Line' : 'Lines'} ${issue.lines.join(', ')}${more ? ` … (first ${issue.lines.length} of ${issue.count.toLocaleString('en-US')})` : ''}`;
}

/** How much of the file the issue is about: rows, or the header, or the whole file. */
function extent(issue: IssueView): string {
  const scope = issue.scope ?? (issue.lines.length === 0 ? 'file' : 'rows');
  if (scope === 'file') return 'Whole file';
  if (scope === 'header') return 'Header';
  return count(issue.count, 'row');
}

function ExportLines({ issue, onExport }: { issue: IssueView; onExport(index: number): void }) {
  const [asking, setAsking] = useState(false);
  const n = issue.count > 1 ? `${issue.count.toLocaleString('en-US')} lines` : 'lines';
  if (!asking)
    return (
      <button
        type="button"
        className="button button-quiet button-small"
        onClick={() => setAsking(true)}
      >
        Export all {n} (CSV)…
      </button>
    );
  return (
    <div className="export-ask" role="group" aria-label="Export the lines">
      <p>
        The CSV holds each line’s number, the value at fault and the whole source line: patient
        data. It is saved on this computer only; keep it there.
      </p>
      <div className="action-row">
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            setAsking(false);
            onExport(issue.index);
          }}
        >
          Save the CSV
        </button>
        <button
          type="button"
          className="button button-quiet button-small"
          onClick={() => setAsking(false)}
        >
          Cancel
        </button>
      </div>
    </div>
  );
}

function IssueCard({
  jobId,
  issue,
  onExport,
}: {
  jobId: string;
  issue: IssueView;
  onExport(index: number): void;
}) {
  return (
    <li className={`issue issue-${issue.severity}`}>
      <div className="issue-head">
        <p className="issue-message">{issue.message}</p>
        <span className="issue-count">{extent(issue)}</span>
      </div>
      <p className="issue-meta">
        <code>{issue.code}</code>
        {issue.column && (
          <>
            {' '}
            · column <strong>{issue.column}</strong>
          </>
        )}
        {issue.examples.length > 0 && <> · e.g. {issue.examples.map((e) => `“${e}”`).join(', ')}</>}
      </p>
      <p className="issue-lines">{linesText(issue)}</p>
      {issue.lines.some((l) => l > 1) && <IssueLines jobId={jobId} issue={issue} />}
      <p className="issue-hint">{issue.hint}</p>
      <div className="action-row">
        {issue.fix && <FixButton jobId={jobId} issue={issue} />}
        {issue.lines.length > 0 && <ExportLines issue={issue} onExport={onExport} />}
      </div>
    </li>
  );
}

export function IssueList({
  jobId,
  issues,
  onMore,
  onExport,
}: {
  jobId: string;
  issues: Record<Severity, IssueGroup>;
  onMore(severity: Severity): void;
  onExport(index: number): void;
}) {
  const groups = (['error', 'warning', 'info'] as const).filter((s) => issues[s].total > 0);
  if (groups.length === 0)
    return (
      <section className="report-section" aria-label="Problems">
        <p className="quiet">No problems found in this file.</p>
      </section>
    );
  return (
    <>
      {groups.map((sev) => {
        const g = issues[sev];
        const words = SEVERITY_WORDS[sev];
        return (
          <section key={sev} className="report-section" aria-labelledby={`issues-${sev}`}>
            <h3 id={`issues-${sev}`} className={`section-title severity-${sev}`}>
              {words.title}{' '}
              <span className="section-count">({count(g.total, words.one, words.many)})</span>
            </h3>
            <ul className="issue-list">
              {g.items.map((i) => (
                <IssueCard key={i.index} jobId={jobId} issue={i} onExport={onExport} />
              ))}
            </ul>
            {g.items.length < g.total && (
              <button type="button" className="button button-quiet" onClick={() => onMore(sev)}>
                Show more ({g.total - g.items.length} left)
              </button>
            )}
          </section>
        );
      })}
    </>
  );
}
