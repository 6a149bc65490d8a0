/**
 * _Send all ready_: first what would go where ("14 files → UW - Seattle · 2025 →
 * \\nas\naaccord") and which ready files stay (with why), then, once confirmed, each file's
 * own result: sent, already there, waiting for the NAS, or not sent and why.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PushPlan, PushView } from '../../../src-main/shared/ipc';
import { useInbox } from '../../stores/inbox';
import { Dialog } from '../common/Dialog';

export function SendAllDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
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

  const where = plan ? (plan.local ? t('sendAll.local', { dest: plan.dest }) : plan.dest) : '';
  const files = (n: number): string => t('sendAll.files', { count: n });
  return (
    <Dialog
      title={result ? t('sendAll.done') : t('sendAll.ask')}
      onClose={sending ? undefined : onClose}
      wide
      testId="send-all"
    >
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      {!plan && !problem && <p className="quiet">{t('app.loading')}</p>}
      {plan && !result && (
        <>
          {plan.files === 0 ? (
            <p className="dialog-text">{t('sendAll.none')}</p>
          ) : (
            <ul className="plan-list" aria-label={t('sendAll.plan')}>
              {plan.groups.map((g) => (
                <li
                  key={`${g.cohort}|${g.protocolYear}`}
                  className="plan-line"
                  aria-label={t('sendAll.planLine', {
                    files: files(g.files),
                    cohort: g.cohort,
                    year: g.protocolYear,
                    where,
                  })}
                >
                  <strong>{files(g.files)}</strong> → {g.cohort} · {g.protocolYear} →{' '}
                  <code>{where}</code>
                </li>
              ))}
            </ul>
          )}
          {plan.left.length > 0 && (
            <div className="plan-left">
              <p className="field-label">{t('sendAll.left', { count: plan.left.length })}</p>
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
              {t('fields.cancel')}
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={plan.files === 0 || sending}
              onClick={() => void send()}
            >
              {sending ? t('sendAll.sending') : t('sendAll.send', { files: files(plan.files) })}
            </button>
          </div>
        </>
      )}
      {result && (
        <>
          {!result.reachable && result.message && <p className="field-error">{result.message}</p>}
          <table className="data-table results-table">
            <caption className="visually-hidden">{t('sendAll.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sendAll.file')}</th>
                <th scope="col">{t('sendAll.result')}</th>
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
                        ? t('sendAll.results.savedLocally')
                        : t(`sendAll.results.${r.status}`)}
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
              {t('sendAll.close')}
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
