/**
 * Guided fixes from the window: the preview of what the chosen proposals would change (in a
 * convert worker, reading the artifact read-only), Apply (a new job made from the artifact,
 * one at a time), and Undo. The params of each fix are the report's own proposal: the window
 * names only the rule and the column.
 */
import type { FixRule } from '../../shared/report';
import type { FixPreviewView, MapChoicesView } from '../../shared/views';
import type { FixRequest } from '../convert/fixMap';
import type { DefinitionSet } from '../definitions/loader';
import { CourierError } from '../errors';
import { patientIdColumn } from '../jobs/check';
import type { FixBase } from '../jobs/fixJob';
import { fixBase, fixJob, planBefore } from '../jobs/fixJob';
import { chooseFixes } from '../jobs/fixRequests';
import { matchRecipe } from '../jobs/recipeMatch';
import { savedRecipe, saveFixesAsRecipe } from '../jobs/recipes';
import { applyMatched } from '../jobs/recipeStep';
import type { JobResult } from '../jobs/runJob';
import type { Ledger } from '../ledger/ledger';
import type { SettingsStore } from '../settings/settings';
import { fixRuleSpec } from '../precheck/fixes/registry';
import { acquireWorker, releaseWorker } from '../workers/client';

export interface FixContext {
  home: string;
  ledger: Ledger;
  settings: SettingsStore;
  definitions: DefinitionSet;
}

export type FixChoice = { rule: FixRule; column: string; map?: Record<string, string> };

/**
 * The job and the fixes the window chose: the report's proposals with their params, and code
 * maps the coordinator made in the window (`map-values` with its `map`).
 */
function chosen(
  ctx: FixContext,
  id: string,
  choices: FixChoice[],
): { base: FixBase; fixes: FixRequest[] } {
  const base = fixBase(ctx.ledger, id);
  const fixes = chooseFixes(base.report, {
    apply: choices.filter((c) => !c.map).map((c) => `${c.rule}:${c.column}`),
    all: false,
    maps: [],
  });
  for (const c of choices)
    if (c.map) fixes.push({ rule: 'map-values', column: c.column, params: { map: c.map } });
  return { base, fixes };
}

/**
 * What a code map of `column` can be made of: the values found that its definition does not
 * allow (the column profile's most frequent values and the issue's examples), and the
 * allowed ones.
 */
export function mapChoices(ctx: FixContext, id: string, column: string): MapChoicesView {
  const { report } = fixBase(ctx.ledger, id);
  const v = report.table
    ? ctx.definitions.get(report.table)?.variables.find((x) => x.name === column)
    : undefined;
  const allowed = v?.values ?? [];
  if (!v || allowed.length === 0)
    throw new CourierError('usage', `"${column}" has no list of allowed values to map to.`);
  const ok = new Set(allowed);
  const found = new Map<string, number | null>();
  for (const t of report.profile.find((p) => p.name === column)?.top ?? [])
    if (!ok.has(t.value)) found.set(t.value, t.count);
  for (const i of report.issues)
    if (i.code === 'allowed-values' && i.column === column)
      for (const e of i.examples) if (!ok.has(e) && !found.has(e)) found.set(e, null);
  return {
    column,
    values: [...found].map(([value, count]) => ({ value, count })),
    allowed: [...allowed],
  };
}

/** What the fixes would change, from the job's own artifact (nothing is written). */
export async function previewJobFixes(
  ctx: FixContext,
  id: string,
  choices: FixChoice[],
  limit: number,
): Promise<FixPreviewView> {
  const { base, fixes } = chosen(ctx, id, choices);
  const { plan } = planBefore(base.report, {
    definitions: ctx.definitions,
    cohort: base.job.cohort,
  });
  const patients = ctx.ledger.latestPatientArtifact(base.job.cohort, base.job.protocolYear);
  const worker = acquireWorker('convert');
  try {
    const preview = await worker.request('fixPreview', {
      artifact: base.job.artifact!.path,
      columns: plan.columns,
      patientIdColumn: patientIdColumn(plan),
      patients:
        patients && patients !== base.job.artifact!.path
          ? { artifact: patients, column: 'cohortPatientId' }
          : null,
      fixes,
      limit,
    });
    return {
      fixes: preview.map((p, k) => ({
        ...p,
        description: fixRuleSpec(p.rule)?.describe(fixes[k]!.params, p.column) ?? p.rule,
      })),
    };
  } finally {
    await releaseWorker(worker);
  }
}

/** One fix job at a time (each is a conversion: the laptop has two cores). */
let running: Promise<unknown> = Promise.resolve();

/** Applies the fixes as a new job; answers its result (a failure is an error in plain words). */
export async function applyJobFixes(
  ctx: FixContext,
  id: string,
  choices: FixChoice[],
  keepRecipe = false,
): Promise<JobResult> {
  const { base, fixes } = chosen(ctx, id, choices);
  const run = running.then(() =>
    fixJob(base, fixes, {
      home: ctx.home,
      ledger: ctx.ledger,
      definitions: ctx.definitions,
      patientPolicy: ctx.settings.get().patientPolicy,
    }),
  );
  running = run.catch(() => undefined);
  const result = await run;
  if (result.stage === 'failed' || result.stage === 'cancelled')
    throw new CourierError(
      result.errorCode ?? 'failed',
      result.error ?? 'The fix could not be applied.',
    );
  if (keepRecipe && result.report?.fixes && base.root.table)
    saveFixesAsRecipe(
      ctx.home,
      { cohort: base.root.cohort, table: base.root.table, fromJob: result.id },
      result.report.fixes,
    );
  return result;
}

/** Applies the saved recipe of the job's cohort and table (what its report proposes). */
export async function applySavedRecipe(ctx: FixContext, id: string): Promise<JobResult> {
  const base = fixBase(ctx.ledger, id);
  if (base.report.fixedFrom)
    throw new CourierError('usage', 'This file was fixed already: undo the fix first.');
  const recipe = base.report.table
    ? savedRecipe(ctx.home, base.job.cohort, base.report.table)
    : null;
  if (!recipe) throw new CourierError('not-found', 'No recipe is saved for this table.');
  const match = matchRecipe(recipe, base.report);
  if (match.fixes.length === 0)
    throw new CourierError(
      'usage',
      `The recipe has nothing to apply to this file. ${match.outcome.refused.map((r) => `${r.rule} on ${r.column}: ${r.reason}`).join(' ')}`.trim(),
    );
  const run = running.then(() =>
    applyMatched(base, match, {
      home: ctx.home,
      ledger: ctx.ledger,
      definitions: ctx.definitions,
      patientPolicy: ctx.settings.get().patientPolicy,
    }),
  );
  running = run.catch(() => undefined);
  const result = await run;
  if (result.stage === 'failed' || result.stage === 'cancelled')
    throw new CourierError(
      result.errorCode ?? 'failed',
      result.error ?? 'The recipe could not be applied.',
    );
  return result;
}
