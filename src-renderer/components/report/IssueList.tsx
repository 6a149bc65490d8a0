/**
 * The issues of a report, grouped by severity with counts: each says what is wrong, where
 * (column, source lines and the value at fault) and how to fix it, and can export every
 * affected line as CSV, after saying what that file holds.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssueView, Severity } from '../../../src-main/shared/ipc';
import { t } from '../../i18n/i18n';
import type { IssueGroup } from '../../stores/report';
import { useInlineFocus } from '../common/useInlineFocus';
import { IssueLines } from './IssueLines';
import { FixButton } from './fix/FixDialog';
import { MapButton } from './fix/MapDialog';

function linesText(issue: IssueView): string {
  if (issue.lines.length === 0) return t('issues.wholeFile');
  if (issue.lines.length === 1 && issue.lines[0] === 1 && issue.count === 1)
    return t('issues.headerLine');
  const more = issue.count > issue.lines.length;
  const list = t('issues.lines', { count: issue.lines.length, list: issue.lines.join(', ') });
  return more
    ? `${list} ${t('issues.firstOf', { shown: issue.lines.length, total: issue.count })}`
    : list;
}

/** How much of the file the issue is about: rows, or the header, or the whole file. */
function extent(issue: IssueView): string {
  const scope = issue.scope ?? (issue.lines.length === 0 ? 'file' : 'rows');
  if (scope === 'file') return t('issues.wholeFile');
  if (scope === 'header') return t('issues.header');
  return t('issues.rows', { count: issue.count });
}

/** The count words of a severity's heading: "3 errors", "1 warning", "2 notes". */
const COUNT_KEYS: Record<Severity, string> = {
  error: 'issues.errors',
  warning: 'issues.warnings',
  info: 'issues.notes',
};

function ExportLines({ issue, onExport }: { issue: IssueView; onExport(index: number): void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const focus = useInlineFocus<HTMLButtonElement>(asking, () => setAsking(false));
  if (!asking)
    return (
      <button
        ref={focus.opener}
        type="button"
        className="button button-quiet button-small"
        onClick={() => setAsking(true)}
      >
        {issue.count > 1 ? t('issues.exportAll', { count: issue.count }) : t('issues.exportLines')}
      </button>
    );
  return (
    <div
      className="export-ask"
      role="group"
      aria-label={t('issues.exportGroup')}
      onKeyDown={focus.onKeyDown}
    >
      <p>{t('issues.exportWarning')}</p>
      <div className="action-row">
        <button
          ref={focus.inside}
          type="button"
          className="button button-small"
          onClick={() => {
            setAsking(false);
            onExport(issue.index);
          }}
        >
          {t('issues.saveCsv')}
        </button>
        <button
          type="button"
          className="button button-quiet button-small"
          onClick={() => setAsking(false)}
        >
          {t('fields.cancel')}
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
  const { t } = useTranslation();
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
            · {t('issues.column')} <strong>{issue.column}</strong>
          </>
        )}
        {issue.examples.length > 0 && (
          <>
            {' '}
            · {t('issues.example')}{' '}
            {issue.examples.map((e) => t('issues.quoted', { value: e })).join(', ')}
          </>
        )}
      </p>
      <p className="issue-lines">{linesText(issue)}</p>
      {issue.lines.some((l) => l > 1) && <IssueLines jobId={jobId} issue={issue} />}
      <p className="issue-hint">{issue.hint}</p>
      <div className="action-row">
        {issue.fix && <FixButton jobId={jobId} issue={issue} />}
        <MapButton jobId={jobId} issue={issue} />
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
  const { t } = useTranslation();
  const groups = (['error', 'warning', 'info'] as const).filter((s) => issues[s].total > 0);
  if (groups.length === 0)
    return (
      <section className="report-section" aria-label={t('issues.problems')}>
        <p className="quiet">{t('issues.none')}</p>
      </section>
    );
  return (
    <>
      {groups.map((sev) => {
        const g = issues[sev];
        return (
          <section key={sev} className="report-section" aria-labelledby={`issues-${sev}`}>
            <h3 id={`issues-${sev}`} className={`section-title severity-${sev}`}>
              {t(`issues.severity.${sev}`)}{' '}
              <span className="section-count">({t(COUNT_KEYS[sev], { count: g.total })})</span>
            </h3>
            <ul className="issue-list">
              {g.items.map((i) => (
                <IssueCard key={i.index} jobId={jobId} issue={i} onExport={onExport} />
              ))}
            </ul>
            {g.items.length < g.total && (
              <button type="button" className="button button-quiet" onClick={() => onMore(sev)}>
                {t('issues.more', { count: g.total - g.items.length })}
              </button>
            )}
          </section>
        );
      })}
    </>
  );
}
