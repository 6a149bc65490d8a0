/**
 * The submission as a whole on the board: whether (and when) it was declared, "changed since
 * declared", _Declare submission…_ with its dialog, and the "Compared with <year>" panel.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardView } from '../../../src-main/shared/ipc';
import { day } from '../../i18n/format';
import { useBoard } from '../../stores/board';
import { Dialog } from '../common/Dialog';
import { ComparisonSummary } from './Comparison';

const DONE = ['sent', 'saved locally', 'not available'];

/** The dialog: what will be declared, a reason when tables are missing, then the outcome. */
function DeclareDialog({ board, onClose }: { board: BoardView; onClose(): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  // Ready tables are sent first; what is neither done nor ready makes the submission incomplete.
  const ready = board.tables.filter((x) => x.status === 'ready');
  const missing = board.tables.filter((x) => !DONE.includes(x.status) && x.status !== 'ready');
  const sent = board.tables.filter((x) => x.status === 'sent' || x.status === 'saved locally');
  const unavailable = board.tables.filter((x) => x.status === 'not available');
  const short = missing.length > 0 && reason.trim().length < 5;
  const labelOf = (table: string) => board.tables.find((x) => x.table === table)?.label ?? table;

  async function declare(): Promise<void> {
    setBusy(true);
    setProblem(null);
    const r = await useBoard.getState().declare(missing.length ? reason.trim() : null);
    setBusy(false);
    if ('problem' in r) setProblem(r.problem);
    else if (!r.declared)
      setProblem(t('declare.refused', { tables: r.missing.map(labelOf).join(', ') }));
    else onClose();
  }

  return (
    <Dialog
      title={t('declare.title', { submission: `${board.cohort} · ${board.protocolYear}` })}
      onClose={busy ? undefined : onClose}
    >
      <p>{t('declare.what')}</p>
      <ul className="declare-counts">
        <li>{t('declare.sent', { count: sent.length })}</li>
        {ready.length > 0 && <li>{t('declare.ready', { count: ready.length })}</li>}
        <li>{t('declare.unavailable', { count: unavailable.length })}</li>
        <li className={missing.length ? 'summary-problem' : undefined}>
          {t('declare.missing', { count: missing.length })}
          {missing.length > 0 && `: ${missing.map((x) => x.label).join(', ')}`}
        </li>
      </ul>
      {missing.length > 0 && (
        <div className="field">
          <label htmlFor={id} className="field-label">
            {t('declare.reasonLabel')}
          </label>
          <textarea
            id={id}
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-describedby={`${id}-help`}
          />
          <span id={`${id}-help`} className="field-help">
            {t('declare.reasonHelp')}
          </span>
        </div>
      )}
      {problem && (
        <div className="notice notice-error" role="alert">
          {problem}
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" className="button button-quiet" onClick={onClose} disabled={busy}>
          {t('declare.cancel')}
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={busy || short}
          onClick={() => void declare()}
        >
          {busy
            ? t('declare.busy')
            : missing.length
              ? t('declare.incomplete')
              : t('declare.complete')}
        </button>
      </div>
    </Dialog>
  );
}

/** The declaration's state in one line. */
function DeclarationLine({ board }: { board: BoardView }) {
  const { t } = useTranslation();
  const d = board.declaration;
  if (!d) return <span>{t('declare.never')}</span>;
  const words = {
    seq: d.seq,
    day: day(d.at),
    kind: d.complete ? t('declare.kindComplete') : t('declare.kindIncomplete'),
  };
  if (d.changed) return <span className="summary-problem">{t('declare.changed', words)}</span>;
  return <span>{t(d.local ? 'declare.declaredLocal' : 'declare.declared', words)}</span>;
}

/** The declaration's line and _Declare submission…_, under the board's summary. */
export function DeclarationBar({ board }: { board: BoardView }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const ready = board.cohort !== null && board.protocolYear !== null;
  return (
    <>
      <div className="board-declaration">
        <DeclarationLine board={board} />
        <button
          type="button"
          className="button button-small"
          disabled={!ready}
          onClick={() => setOpen(true)}
        >
          {t('declare.button')}
        </button>
        {!ready && <span className="field-help">{t('declare.needSubmission')}</span>}
      </div>
      {open && <DeclareDialog board={board} onClose={() => setOpen(false)} />}
    </>
  );
}

/** "Compared with <year>": asked for (a few seconds), under the board's tables. */
export function ComparePanel({ board }: { board: BoardView }) {
  const { t } = useTranslation();
  const { comparison, comparing, compareProblem } = useBoard();
  if (board.cohort === null || board.protocolYear === null) return null;
  const other = board.protocolYear - 1;
  return (
    <section className="board-compare" aria-labelledby="compare-title">
      <div className="board-compare-head">
        <h3 id="compare-title">{t('compare.title', { other })}</h3>
        <button
          type="button"
          className="button button-small button-quiet"
          disabled={comparing}
          onClick={() => void useBoard.getState().compare()}
        >
          {comparing
            ? t('compare.busy')
            : comparison
              ? t('compare.again')
              : t('compare.button', { other })}
        </button>
      </div>
      {compareProblem && (
        <div className="notice notice-error" role="alert">
          {compareProblem}
        </div>
      )}
      {comparison ? (
        <ComparisonSummary comparison={comparison} />
      ) : (
        !comparing && <p className="quiet">{t('compare.explain', { other })}</p>
      )}
    </section>
  );
}
