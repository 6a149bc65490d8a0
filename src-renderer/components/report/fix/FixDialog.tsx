/**
 * Fix…: what the issue's proposed fix would change (up to 20 values, line, before → after,
 * and the number of cells), then Apply, which makes a new, fixed job and opens its report.
 */
import { useEffect, useState } from 'react';
import type { FixPreviewView, IssueView } from '../../../../src-main/shared/ipc';
import { invoke } from '../../../services/api';
import { useApp } from '../../../stores/app';
import { useReport } from '../../../stores/report';
import { Dialog } from '../../common/Dialog';
import { FIX_RULE_WORDS, RECIPE_WORDS as R, FIX_WORDS as W } from './fixWords';

const SHOWN = 20;

export function FixButton({ jobId, issue }: { jobId: string; issue: IssueView }) {
  const [open, setOpen] = useState(false);
  if (!issue.fix) return null;
  return (
    <>
      <button type="button" className="button button-small" onClick={() => setOpen(true)}>
        {W.fixButton}
      </button>
      {open && <FixDialog jobId={jobId} issue={issue} onClose={() => setOpen(false)} />}
    </>
  );
}

function FixDialog({
  jobId,
  issue,
  onClose,
}: {
  jobId: string;
  issue: IssueView;
  onClose(): void;
}) {
  const fix = { rule: issue.fix!.rule, column: issue.fix!.column };
  const [preview, setPreview] = useState<FixPreviewView['fixes'][number] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [keep, setKeep] = useState(false);
  const table = useReport((r) => r.view?.report.table ?? null);

  useEffect(() => {
    void invoke('fix.preview', { id: jobId, fixes: [fix], limit: SHOWN }).then((r) => {
      if (r.ok) setPreview(r.value.fixes[0] ?? null);
      else setProblem(r.error.message);
    });
    // The issue does not change while the dialog is open.
  }, [jobId]);

  async function apply(): Promise<void> {
    setBusy(true);
    const r = await invoke('fix.apply', { id: jobId, fixes: [fix], saveRecipe: keep });
    setBusy(false);
    if (!r.ok) {
      setProblem(r.error.message);
      return;
    }
    onClose();
    useReport.getState().noticeFor(r.value.id, { tone: 'info', text: W.applied });
    useApp.getState().openReport(r.value.id);
  }

  return (
    <Dialog
      title={W.dialogTitle(fix.column)}
      onClose={busy ? undefined : onClose}
      wide
      testId="fix-dialog"
    >
      <p>
        <strong>{FIX_RULE_WORDS[fix.rule]}</strong>
        {preview ? ` · ${preview.description}` : ''}
      </p>
      <p className="quiet">{W.intro}</p>
      {!preview && !problem && <p className="quiet">{W.loading}</p>}
      {problem && (
        <div className="notice notice-error" role="alert">
          {problem}
        </div>
      )}
      {preview && (
        <>
          <p className="fix-cells">
            {preview.cells > 0 ? W.cells(preview.cells) : (preview.note ?? W.nothing)}
          </p>
          {preview.samples.length > 0 && (
            <>
              {preview.cells > preview.samples.length && (
                <p className="quiet">{W.firstOf(preview.samples.length, preview.cells)}</p>
              )}
              {/* Scrolls when the values are long: reachable by keyboard, named for readers. */}
              <div
                className="fix-preview-box"
                tabIndex={0}
                role="region"
                aria-label={W.changedValues}
              >
                <table className="fix-preview" aria-label={W.changedValues}>
                  <thead>
                    <tr>
                      <th scope="col">{W.line}</th>
                      <th scope="col">{W.before}</th>
                      <th scope="col" aria-hidden="true" />
                      <th scope="col">{W.after}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.samples.map((s) => (
                      <tr key={s.line}>
                        <td className="num">{s.line.toLocaleString('en-US')}</td>
                        <td>
                          <code>{s.before}</code>
                        </td>
                        <td aria-hidden="true">→</td>
                        <td>
                          {s.after === null ? (
                            <em>{W.removed}</em>
                          ) : (
                            <code>{s.after === '' ? '""' : s.after}</code>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </>
      )}
      {table && table !== 'any' && (
        <label className="check">
          <input
            type="checkbox"
            checked={keep}
            disabled={busy}
            onChange={(e) => setKeep(e.target.checked)}
          />
          {R.saveOption(table)}
        </label>
      )}
      <div className="action-row dialog-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={busy || !preview || preview.cells === 0}
          onClick={() => void apply()}
        >
          {busy ? W.applying : W.apply}
        </button>
        <button type="button" className="button button-quiet" disabled={busy} onClick={onClose}>
          {W.cancel}
        </button>
      </div>
    </Dialog>
  );
}
