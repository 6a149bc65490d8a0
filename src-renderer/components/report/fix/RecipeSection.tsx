/**
 * The saved recipe in a report: what it proposes for this file (and _Apply the recipe_), what
 * it refused and why; on a job it fixed, that it did.
 */
import { useState } from 'react';
import type { ReportView } from '../../../../src-main/shared/ipc';
import { invoke } from '../../../services/api';
import { useApp } from '../../../stores/app';
import { useReport } from '../../../stores/report';
import { FIX_RULE_WORDS, FIX_WORDS, RECIPE_WORDS as W } from './fixWords';

export function RecipeSection({ jobId, report }: { jobId: string; report: ReportView['report'] }) {
  const [busy, setBusy] = useState(false);
  const recipe = report.recipe;
  if (!recipe) return null;
  const proposed = report.fixedFrom ? [] : (recipe.proposed ?? []);
  if (proposed.length === 0 && recipe.refused.length === 0 && recipe.applied.length === 0)
    return null;

  async function apply(): Promise<void> {
    setBusy(true);
    const reply = await invoke('fix.applyRecipe', { id: jobId });
    setBusy(false);
    if (!reply.ok) {
      useReport.getState().setNotice({ tone: 'error', text: reply.error.message });
      return;
    }
    useReport.getState().noticeFor(reply.value.id, { tone: 'info', text: FIX_WORDS.applied });
    useApp.getState().openReport(reply.value.id);
  }

  return (
    <section className="report-section fixed-section" aria-labelledby="recipe-title">
      <h3 id="recipe-title" className="section-title">
        {W.reportTitle(recipe.table)}
      </h3>
      {report.fixedFrom && recipe.applied.length > 0 && (
        <p className="quiet">{W.appliedByRecipe}</p>
      )}
      {proposed.length > 0 && (
        <>
          <p>{W.proposes}</p>
          <ul>
            {proposed.map((p) => (
              <li key={`${p.rule}:${p.column}`}>
                {FIX_RULE_WORDS[p.rule]} · {W.column} <strong>{p.column}</strong>
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="button button-small"
            disabled={busy}
            onClick={() => void apply()}
          >
            {busy ? W.applying : W.applies}
          </button>
        </>
      )}
      {recipe.refused.length > 0 && (
        <>
          <p>{W.refused}</p>
          <ul>
            {recipe.refused.map((r) => (
              <li key={`${r.rule}:${r.column}`}>
                {FIX_RULE_WORDS[r.rule]} · {W.column} <strong>{r.column}</strong>: {r.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
