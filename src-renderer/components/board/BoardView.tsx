/**
 * The submission board: for one cohort and protocol year, the 16 tables with their status,
 * rows and patients, and the cross-table summary. A missing table can be marked not available.
 */
import { Fragment, useEffect, useId, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { BoardView as Board, TableVersion } from '../../../src-main/shared/ipc';
import { day, num } from '../../i18n/format';
import { t } from '../../i18n/i18n';
import { useApp } from '../../stores/app';
import { useBoard } from '../../stores/board';
import { useSettings } from '../../stores/settings';
import { Badge } from '../common/Badge';
import { tableTone } from '../common/tones';

type Row = Board['tables'][number];
/** One empty list for the selector: a fresh [] each time would re-render forever. */
const NO_COHORTS: string[] = [];

function NotAvailableForm({ row, onDone }: { row: Row; onDone(): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  const short = reason.trim().length < 5;
  return (
    <form
      className="inline-form not-available-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (short) return;
        void useBoard
          .getState()
          .notAvailable(row.table, reason)
          .then((p) => (p ? setProblem(p) : onDone()));
      }}
    >
      <label htmlFor={id} className="field-label">
        {t('board.why', { table: row.label })}
      </label>
      <div className="inline-fields">
        <input
          id={id}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('board.whyPlaceholder')}
          aria-describedby={`${id}-help`}
          autoFocus
        />
        <button type="submit" className="button button-small" disabled={short}>
          {t('fields.save')}
        </button>
        <button type="button" className="button button-quiet button-small" onClick={onDone}>
          {t('fields.cancel')}
        </button>
      </div>
      <span id={`${id}-help`} className={problem ? 'field-error' : 'field-help'}>
        {problem ?? (short ? t('board.short') : t('board.help'))}
      </span>
    </form>
  );
}

/** "sent 30 Nov", "has 2 problems", "ready to send": a version's state in a few words. */
function versionWords(v: TableVersion, local: boolean): string {
  if (v.stage === 'pushed')
    return t(local ? 'board.version.savedLocally' : 'board.version.sent', { day: day(v.pushedAt) });
  if (v.stage === 'blocked') return t('board.version.problems', { count: v.problems });
  return v.state.charAt(0).toLocaleLowerCase() + v.state.slice(1);
}

/** The table's versions: the current one(s) in a line, earlier ones folded away. */
function Versions({ row, open }: { row: Row; open(id: string): void }) {
  const { t } = useTranslation();
  const versions = row.versions ?? [];
  const words = (v: TableVersion): string => versionWords(v, v.local ?? false);
  if (versions.length === 0) return null;
  // v1 is the oldest.
  const numbered = versions.map((v, i) => ({ v, n: versions.length - i }));
  const current = numbered.filter((x) => x.v.current);
  const earlier = numbered.filter((x) => !x.v.current);
  const line = (x: { v: TableVersion; n: number }) =>
    t('board.version.line', { n: x.n, words: words(x.v) });
  // Several files make the table together (a multi-file table): each is a file, not a version.
  const now =
    current.length === 1
      ? t('board.version.current', { line: line(current[0]!), name: current[0]!.v.name })
      : t('board.version.files', {
          count: current.length,
          list: current
            .slice(0, 3)
            .map((x) => `${x.v.name} ${words(x.v)}`)
            .join('; '),
        }) + (current.length > 3 ? t('board.version.more', { count: current.length - 3 }) : '');
  return (
    <div className="versions">
      {(current.length > 1 || earlier.length > 0) && <span className="version-current">{now}</span>}
      {earlier.length > 0 && (
        <details className="version-history">
          <summary>{t('board.version.earlier', { list: earlier.map(line).join('; ') })}</summary>
          <ul>
            {earlier.map((x) => (
              <li key={x.v.id}>
                {t('board.version.detail', {
                  n: x.n,
                  name: x.v.name,
                  state: x.v.state,
                  day: day(x.v.createdAt),
                })}
                {x.v.rows !== null ? t('board.version.rows', { count: x.v.rows }) : ''}
                {x.v.hasReport && (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => open(x.v.id)}
                      aria-label={t('board.version.reportOf', { n: x.n, table: row.label })}
                    >
                      {t('fields.report')}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

export function BoardView() {
  const { t } = useTranslation();
  const { board, problem } = useBoard();
  const cohorts = useSettings((s) => s.view?.cohorts ?? NO_COHORTS);
  const years = useSettings((s) => s.view?.limits.protocolYear ?? null);
  const openReport = useApp((s) => s.openReport);
  const [marking, setMarking] = useState<string | null>(null);
  const [yearText, setYearText] = useState('');
  const cohortId = useId();
  const yearId = useId();

  useEffect(() => {
    setYearText(board?.protocolYear === null || board === null ? '' : String(board.protocolYear));
  }, [board]);

  useEffect(() => {
    void useBoard.getState().load();
    if (!useSettings.getState().view) void useSettings.getState().load();
  }, []);

  const done =
    board?.tables.filter((x) => ['sent', 'saved locally', 'not available'].includes(x.status))
      .length ?? 0;
  const problems = board?.tables.filter((x) => x.status === 'problems').length ?? 0;

  return (
    <div className="page">
      <div className="page-head">
        <h2 id="page-title">{t('sections.submission.label')}</h2>
        <p className="page-summary">{t('sections.submission.summary')}</p>
      </div>
      <div className="board-filters">
        <div className="field">
          <label htmlFor={cohortId} className="field-label">
            {t('fields.cohort')}
          </label>
          <select
            id={cohortId}
            value={board?.cohort ?? ''}
            onChange={(e) =>
              void useBoard.getState().choose(e.target.value || null, board?.protocolYear ?? null)
            }
          >
            <option value="">{t('board.noCohort')}</option>
            {[...new Set([...(board?.cohort ? [board.cohort] : []), ...cohorts])].map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-narrow">
          <label htmlFor={yearId} className="field-label">
            {t('fields.year')}
          </label>
          <input
            id={yearId}
            type="number"
            min={years?.min}
            max={years?.max}
            value={yearText}
            onChange={(e) => {
              setYearText(e.target.value);
              // Only a whole year (or nothing) changes the board; half-typed years wait.
              const y = e.target.value === '' ? null : Number(e.target.value);
              const inRange = years === null || (y !== null && y >= years.min && y <= years.max);
              if (y === null || (Number.isInteger(y) && inRange))
                void useBoard.getState().choose(board?.cohort ?? null, y);
            }}
          />
        </div>
      </div>
      {problem && (
        <div className="notice notice-error" role="alert">
          {problem}
        </div>
      )}
      {board && (
        <>
          <div className="board-summary" role="status">
            <span>
              <Trans
                i18nKey="board.done"
                values={{ done, total: board.tables.length }}
                components={[<strong key="done" />]}
              />
            </span>
            <span>
              {problems ? t('board.withProblems', { count: problems }) : t('board.noProblems')}
            </span>
            <span className={board.unknownPatientIds > 0 ? 'summary-problem' : ''}>
              {board.unknownPatientIds > 0
                ? t('board.unknownIds', { count: board.unknownPatientIds })
                : t('board.allKnown')}
            </span>
            <span>{t('board.queue', { count: board.queue })}</span>
          </div>
          <table className="data-table board-table">
            <caption className="visually-hidden">{t('board.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('board.table')}</th>
                <th scope="col">{t('board.status')}</th>
                <th scope="col" className="num">
                  {t('board.files')}
                </th>
                <th scope="col" className="num">
                  {t('board.rows')}
                </th>
                <th scope="col" className="num">
                  {t('board.patients')}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t('board.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {board.tables.map((row) => (
                <Fragment key={row.table}>
                  <tr>
                    <th scope="row">
                      <span className="table-label">{row.label}</span>
                      <span className="table-name">{row.table}</span>
                    </th>
                    <td className="status-cell">
                      <Badge tone={tableTone(row.status)}>
                        {t(`board.statuses.${row.status}`)}
                      </Badge>
                      {row.reason && <span className="table-reason">{row.reason}</span>}
                      <Versions row={row} open={openReport} />
                    </td>
                    <td className="num">{row.files || '—'}</td>
                    <td className="num">{row.rows === null ? '—' : num(row.rows)}</td>
                    <td className="num">{row.patients === null ? '—' : num(row.patients)}</td>
                    <td className="row-actions">
                      {row.jobs.length > 0 ? (
                        <button
                          type="button"
                          className="button button-quiet button-small"
                          onClick={() => openReport(row.jobs[row.jobs.length - 1]!)}
                          aria-label={t('fields.reportOf', { name: row.label })}
                        >
                          {t('fields.report')}
                        </button>
                      ) : row.status === 'missing' && marking !== row.table ? (
                        <button
                          type="button"
                          className="button button-quiet button-small"
                          onClick={() => setMarking(row.table)}
                          aria-label={t('board.notAvailableLabel', { table: row.label })}
                        >
                          {t('board.notAvailable')}
                        </button>
                      ) : row.status === 'not available' ? (
                        <button
                          type="button"
                          className="button button-quiet button-small"
                          onClick={() => void useBoard.getState().available(row.table)}
                          aria-label={t('board.withdrawLabel', { table: row.label })}
                        >
                          {t('board.withdraw')}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                  {marking === row.table && (
                    <tr className="form-row">
                      <td colSpan={6}>
                        <NotAvailableForm row={row} onDone={() => setMarking(null)} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
