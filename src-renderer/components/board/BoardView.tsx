/**
 * The submission board: for one cohort and protocol year, the 16 tables with their status,
 * rows and patients, and the cross-table summary. A missing table can be marked not available.
 */
import { Fragment, useEffect, useId, useState } from 'react';
import type { BoardView as Board, TableVersion } from '../../../src-main/shared/ipc';
import { useApp } from '../../stores/app';
import { useBoard } from '../../stores/board';
import { useSettings } from '../../stores/settings';
import { count, day, TABLE_STATUS_WORDS } from '../../words';
import { Badge } from '../common/Badge';
import { tableTone } from '../common/tones';

type Row = Board['tables'][number];
/** One empty list for the selector: a fresh [] each time would re-render forever. */
const NO_COHORTS: string[] = [];

function NotAvailableForm({ row, onDone }: { row: Row; onDone(): void }) {
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
        Why is {row.label} not available?
      </label>
      <div className="inline-fields">
        <input
          id={id}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="e.g. Not collected at this site"
          aria-describedby={`${id}-help`}
          autoFocus
        />
        <button type="submit" className="button button-small" disabled={short}>
          Save
        </button>
        <button type="button" className="button button-quiet button-small" onClick={onDone}>
          Cancel
        </button>
      </div>
      <span id={`${id}-help`} className={problem ? 'field-error' : 'field-help'}>
        {problem ??
          (short
            ? 'Give a reason of at least 5 characters: the central team reads it.'
            : 'The central team reads this reason.')}
      </span>
    </form>
  );
}

/** "sent 30 Nov", "has 2 problems", "ready to send": a version's state in a few words. */
function versionWords(v: TableVersion): string {
  if (v.stage === 'pushed')
    return `${v.state.startsWith('Saved') ? 'saved locally' : 'sent'} ${day(v.pushedAt)}`;
  if (v.stage === 'blocked') return `has ${count(v.problems, 'problem')}`;
  return v.state.charAt(0).toLowerCase() + v.state.slice(1);
}

/** The table's versions: the current one(s) in a line, earlier ones folded away. */
function Versions({ row, open }: { row: Row; open(id: string): void }) {
  const versions = row.versions ?? [];
  if (versions.length === 0) return null;
  // v1 is the oldest.
  const numbered = versions.map((v, i) => ({ v, n: versions.length - i }));
  const current = numbered.filter((x) => x.v.current);
  const earlier = numbered.filter((x) => !x.v.current);
  const line = (x: { v: TableVersion; n: number }) => `v${x.n} ${versionWords(x.v)}`;
  // Several files make the table together (a multi-file table): each is a file, not a version.
  const now =
    current.length === 1
      ? `${line(current[0]!)} (${current[0]!.v.name})`
      : `${current.length} files: ${current
          .slice(0, 3)
          .map((x) => `${x.v.name} ${versionWords(x.v)}`)
          .join('; ')}${current.length > 3 ? `; and ${current.length - 3} more` : ''}`;
  return (
    <div className="versions">
      {(current.length > 1 || earlier.length > 0) && <span className="version-current">{now}</span>}
      {earlier.length > 0 && (
        <details className="version-history">
          <summary>Earlier: {earlier.map(line).join('; ')}</summary>
          <ul>
            {earlier.map((x) => (
              <li key={x.v.id}>
                v{x.n} · {x.v.name} · {x.v.state} · added {day(x.v.createdAt)}
                {x.v.rows !== null ? ` · ${count(x.v.rows, 'row')}` : ''}
                {x.v.hasReport && (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => open(x.v.id)}
                      aria-label={`Open the report of v${x.n} of ${row.label}`}
                    >
                      Report
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
    board?.tables.filter((t) => ['sent', 'saved locally', 'not available'].includes(t.status))
      .length ?? 0;
  const problems = board?.tables.filter((t) => t.status === 'problems').length ?? 0;

  return (
    <div className="page">
      <div className="page-head">
        <h2 id="page-title">Submission</h2>
        <p className="page-summary">
          The tables of one cohort and protocol year, and whether each is ready to send.
        </p>
      </div>
      <div className="board-filters">
        <div className="field">
          <label htmlFor={cohortId} className="field-label">
            Cohort
          </label>
          <select
            id={cohortId}
            value={board?.cohort ?? ''}
            onChange={(e) =>
              void useBoard.getState().choose(e.target.value || null, board?.protocolYear ?? null)
            }
          >
            <option value="">(no cohort)</option>
            {[...new Set([...(board?.cohort ? [board.cohort] : []), ...cohorts])].map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-narrow">
          <label htmlFor={yearId} className="field-label">
            Protocol year
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
              <strong>{done}</strong> of {board.tables.length} tables done
            </span>
            <span>
              {problems ? count(problems, 'table') + ' with problems' : 'No table with problems'}
            </span>
            <span className={board.unknownPatientIds > 0 ? 'summary-problem' : ''}>
              {board.unknownPatientIds > 0
                ? `${count(board.unknownPatientIds, 'patient ID')} in other tables ${board.unknownPatientIds === 1 ? 'is' : 'are'} not in the patient table`
                : 'Every patient ID checked so far is in the patient table'}
            </span>
            <span>{count(board.queue, 'file')} waiting to be sent</span>
          </div>
          <table className="data-table board-table">
            <caption className="visually-hidden">Tables of the submission</caption>
            <thead>
              <tr>
                <th scope="col">Table</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Files
                </th>
                <th scope="col" className="num">
                  Rows stored
                </th>
                <th scope="col" className="num">
                  Patients
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {board.tables.map((t) => (
                <Fragment key={t.table}>
                  <tr>
                    <th scope="row">
                      <span className="table-label">{t.label}</span>
                      <span className="table-name">{t.table}</span>
                    </th>
                    <td className="status-cell">
                      <Badge tone={tableTone(t.status)}>{TABLE_STATUS_WORDS[t.status]}</Badge>
                      {t.reason && <span className="table-reason">{t.reason}</span>}
                      <Versions row={t} open={openReport} />
                    </td>
                    <td className="num">{t.files || '—'}</td>
                    <td className="num">
                      {t.rows === null ? '—' : t.rows.toLocaleString('en-US')}
                    </td>
                    <td className="num">
                      {t.patients === null ? '—' : t.patients.toLocaleString('en-US')}
                    </td>
                    <td className="row-actions">
                      {t.jobs.length > 0 ? (
                        <button
                          type="button"
                          className="button button-quiet button-small"
                          onClick={() => openReport(t.jobs[t.jobs.length - 1]!)}
                          aria-label={`Open the report of ${t.label}`}
                        >
                          Report
                        </button>
                      ) : t.status === 'missing' && marking !== t.table ? (
                        <button
                          type="button"
                          className="button button-quiet button-small"
                          onClick={() => setMarking(t.table)}
                          aria-label={`Mark ${t.label} as not available`}
                        >
                          Not available…
                        </button>
                      ) : t.status === 'not available' ? (
                        <button
                          type="button"
                          className="button button-quiet button-small"
                          onClick={() => void useBoard.getState().available(t.table)}
                          aria-label={`Withdraw the not-available mark of ${t.label}`}
                        >
                          Withdraw
                        </button>
                      ) : null}
                    </td>
                  </tr>
                  {marking === t.table && (
                    <tr className="form-row">
                      <td colSpan={6}>
                        <NotAvailableForm row={t} onDone={() => setMarking(null)} />
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
