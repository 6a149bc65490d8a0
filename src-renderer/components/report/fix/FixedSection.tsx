/**
 * The report of a job fixed by Courier: which fixes (rule, column, cells), the changed cells
 * as a CSV on this computer, and Undo (back to the unfixed job).
 */
import { useState } from 'react';
import type { ReportView } from '../../../../src-main/shared/ipc';
import { invoke } from '../../../services/api';
import { exportReport } from '../../../services/exports';
import { useApp } from '../../../stores/app';
import { useReport } from '../../../stores/report';
import { FIX_RULE_WORDS, FIX_WORDS as W } from './fixWords';

export function FixedSection({ jobId, report }: { jobId: string; report: ReportView['report'] }) {
  const [busy, setBusy] = useState(false);
  if (!report.fixes || !report.fixedFrom) return null;
  const r = useReport.getState();

  async function undo(): Promise<void> {
    setBusy(true);
    const reply = await invoke('fix.undo', { id: jobId });
    setBusy(false);
    if (!reply.ok) {
      r.setNotice({ tone: 'error', text: reply.error.message });
      return;
    }
    useReport.getState().noticeFor(reply.value.id, { tone: 'info', text: W.undone });
    useApp.getState().openReport(reply.value.id);
  }

  return (
    <section className="report-section fixed-section" aria-labelledby="fixed-title">
      <h3 id="fixed-title" className="section-title">
        {W.fixedTitle}
      </h3>
      <p className="quiet">{W.fixedIntro(report.fixedFrom.job)}</p>
      <table className="fix-list">
        <tbody>
          {report.fixes.map((f) => (
            <tr key={`${f.rule}:${f.column}`}>
              <td>{FIX_RULE_WORDS[f.rule]}</td>
              <td>
                {W.column} <strong>{f.column}</strong>
              </td>
              <td className="num">{W.fixedCells(f.cells)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="quiet">{W.exportNote}</p>
      <div className="action-row">
        <button
          type="button"
          className="button button-small"
          onClick={() =>
            void exportReport(jobId, 'fixed-cells').then((res) =>
              r.setNotice({ tone: res.ok ? 'info' : 'error', text: res.message }),
            )
          }
        >
          {W.exportCells}
        </button>
        <button
          type="button"
          className="button button-quiet button-small"
          disabled={busy}
          onClick={() => void undo()}
        >
          {W.undo}
        </button>
      </div>
    </section>
  );
}
