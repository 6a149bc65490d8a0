/**
 * _Send all ready_: first what would go where ("14 files → UW - Seattle · 2025 →
 * \\nas\naaccord") and which ready files stay (with why), then, once confirmed, each file's
 * own result: sent, already there, waiting for the NAS, or not sent and why.
 */
import { useEffect, useState } from 'react';
import type { PushPlan, PushView } from '../../../src-main/shared/ipc';
import { useInbox } from '../../stores/inbox';
import { count } from '../../words';
import { Dialog } from '../common/Dialog';

const RESULT_WORDS = {
  pushed: 'Sent to the NAS',
  'already-pushed': 'Already there',
  failed: 'Not sent: will be retried',
  waiting: 'Waiting for the NAS',
  refused: 'Not sent',
} as const;

export function SendAllDialog({ onClose }: { onClose(): void }) {
  const [plan, setPlan] = useState<PushPlan | null>(null);
  const [result, setResult] = useState<PushView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    void useInbox
      .getState()
      .pushPlan()
      .then((p) => (typeof p === 'string' ? setProblem(p) : setPlan(p)));
  }, []);

  async function send(): Promise<void> {
    setSending(true);
    const r = await useInbox.getState().pushAll();
    setSending(false);
    if (typeof r === 'string') setProblem(r);
    else setResult(r);
  }

  const where = plan
    ? plan.local
      ? `${plan.dest} (on this computer: no NAS configured)`
      : plan.dest
    : '';
  return (
    <Dialog
      title={result ? 'What was sent' : 'Send all ready files?'}
      onClose={sending ? undefined : onClose}
      wide
      testId="send-all"
    >
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      {!plan && !problem && <p className="quiet">Loading…</p>}
      {plan && !result && (
        <>
          {plan.files === 0 ? (
            <p className="dialog-text">No file is ready to send.</p>
          ) : (
            <ul className="plan-list" aria-label="What will be sent">
              {plan.groups.map((g) => (
                <li
                  key={`${g.cohort}|${g.protocolYear}`}
                  className="plan-line"
                  aria-label={`${count(g.files, 'file')} for ${g.cohort} · ${g.protocolYear}, to ${where}`}
                >
                  <strong>{count(g.files, 'file')}</strong> → {g.cohort} · {g.protocolYear} →{' '}
                  <code>{where}</code>
                </li>
              ))}
            </ul>
          )}
          {plan.left.length > 0 && (
            <div className="plan-left">
              <p className="field-label">Not sent ({plan.left.length}):</p>
              <ul>
                {plan.left.map((l) => (
                  <li key={l.id}>
                    <strong>{l.name}</strong>: {l.reason}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div className="dialog-actions">
            <span className="action-spacer" />
            <button type="button" className="button button-quiet" onClick={onClose}>
              Cancel
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={plan.files === 0 || sending}
              onClick={() => void send()}
            >
              {sending ? 'Sending…' : `Send ${count(plan.files, 'file')}`}
            </button>
          </div>
        </>
      )}
      {result && (
        <>
          {!result.reachable && result.message && <p className="field-error">{result.message}</p>}
          <table className="data-table results-table">
            <caption className="visually-hidden">Each file’s result</caption>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {(result.results ?? []).map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    {r.name}
                    {r.submission && <span className="result-why">{r.submission}</span>}
                  </th>
                  <td>
                    <span className={`result result-${r.status}`}>
                      {r.status === 'pushed' && result.local
                        ? 'Saved locally (no NAS configured)'
                        : RESULT_WORDS[r.status]}
                    </span>
                    {r.status !== 'pushed' && r.status !== 'already-pushed' && (
                      <span className="result-why">{r.message}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="dialog-actions">
            <span className="action-spacer" />
            <button type="button" className="button button-primary" onClick={onClose}>
              Done
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
