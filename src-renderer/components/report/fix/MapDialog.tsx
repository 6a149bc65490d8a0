/**
 * Map values…: the coordinator's own code map for a column whose values are outside its list
 * (a cohort's local race codes to the definition's): each value found, the allowed value it
 * means, a preview of what would change, then Apply (a `map-values` fix, a new job).
 */
import { useEffect, useId, useState } from 'react';
import type { FixPreviewView, IssueView } from '../../../../src-main/shared/ipc';
import type { MapChoicesView } from '../../../../src-main/shared/views';
import { num } from '../../../i18n/format';
import { invoke } from '../../../services/api';
import { useApp } from '../../../stores/app';
import { useReport } from '../../../stores/report';
import { Dialog } from '../../common/Dialog';
import { MAP_WORDS as M, FIX_WORDS as W } from './fixWords';

export function MapButton({ jobId, issue }: { jobId: string; issue: IssueView }) {
  const [open, setOpen] = useState(false);
  if (issue.code !== 'allowed-values' || !issue.column || issue.fix) return null;
  return (
    <>
      <button type="button" className="button button-small" onClick={() => setOpen(true)}>
        {M.button}
      </button>
      {open && <MapDialog jobId={jobId} column={issue.column} onClose={() => setOpen(false)} />}
    </>
  );
}

function MapDialog({ jobId, column, onClose }: { jobId: string; column: string; onClose(): void }) {
  const [choices, setChoices] = useState<MapChoicesView | null>(null);
  const [map, setMap] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<FixPreviewView['fixes'][number] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  useEffect(() => {
    void invoke('fix.mapChoices', { id: jobId, column }).then((r) => {
      if (r.ok) setChoices(r.value);
      else setProblem(r.error.message);
    });
  }, [jobId, column]);

  const chosen = Object.fromEntries(Object.entries(map).filter(([, to]) => to !== ''));
  const fix = { rule: 'map-values' as const, column, map: chosen };
  const empty = Object.keys(chosen).length === 0;

  async function look(): Promise<void> {
    setBusy(true);
    setProblem(null);
    const r = await invoke('fix.preview', { id: jobId, fixes: [fix], limit: 20 });
    setBusy(false);
    if (r.ok) setPreview(r.value.fixes[0] ?? null);
    else setProblem(r.error.message);
  }

  async function apply(): Promise<void> {
    setBusy(true);
    const r = await invoke('fix.apply', { id: jobId, fixes: [fix], saveRecipe: false });
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
    <Dialog title={M.title(column)} onClose={busy ? undefined : onClose} wide testId="map-dialog">
      <p className="quiet">{M.intro}</p>
      {!choices && !problem && <p className="quiet">{W.loading}</p>}
      {choices && choices.values.length === 0 && <p>{M.none}</p>}
      {choices && choices.values.length > 0 && (
        <table className="fix-preview map-table">
          <caption className="visually-hidden">{M.caption(column)}</caption>
          <thead>
            <tr>
              <th scope="col">{M.found}</th>
              <th scope="col" className="num">
                {M.rows}
              </th>
              <th scope="col">{M.means}</th>
            </tr>
          </thead>
          <tbody>
            {choices.values.map((v, k) => (
              <tr key={v.value}>
                <th scope="row">
                  <code>{v.value}</code>
                </th>
                <td className="num">{v.count === null ? '—' : num(v.count)}</td>
                <td>
                  <select
                    id={`${id}-${k}`}
                    aria-label={M.meansOf(v.value)}
                    value={map[v.value] ?? ''}
                    onChange={(e) => {
                      setPreview(null);
                      setMap({ ...map, [v.value]: e.target.value });
                    }}
                  >
                    <option value="">{M.leave}</option>
                    {choices.allowed.map((a) => (
                      <option key={a} value={a}>
                        {a}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {preview && (
        <p className="fix-cells" role="status">
          {preview.cells > 0 ? W.cells(preview.cells) : (preview.note ?? W.nothing)}
        </p>
      )}
      {problem && (
        <div className="notice notice-error" role="alert">
          {problem}
        </div>
      )}
      <div className="dialog-actions">
        <span className="action-spacer" />
        <button type="button" className="button button-quiet" onClick={onClose} disabled={busy}>
          {W.cancel}
        </button>
        <button
          type="button"
          className="button"
          disabled={busy || empty}
          onClick={() => void look()}
        >
          {M.preview}
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={busy || empty || !preview || preview.cells === 0}
          onClick={() => void apply()}
        >
          {busy ? W.applying : W.apply}
        </button>
      </div>
    </Dialog>
  );
}
