/**
 * The recipe step of an ingest: once a file is checked, the cohort and table's recipe (or the
 * one given with `--recipe`) is matched against its report. Its fitting fixes are proposed in
 * the report (`recipe`), and applied as a fixed job when the recipe applies itself or was
 * asked for; fixes whose column's proposals differ from what the recipe was made for are
 * refused, with the reason, in both reports.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Report } from '../../shared/report';
import { Log } from '../log';
import type { FixBase, FixJobOptions } from './fixJob';
import { fixJob } from './fixJob';
import type { IngestOptions } from './ingest';
import type { RecipeMatch } from './recipeMatch';
import { matchRecipe } from './recipeMatch';
import type { Recipe } from './recipes';
import { savedRecipe } from './recipes';
import type { JobResult } from './runJob';

/** The recipe for this job, and whether it is to be applied (not only proposed). */
function recipeFor(opts: IngestOptions, report: Report): { recipe: Recipe; apply: boolean } | null {
  if (!report.table || report.table === 'any') return null;
  const given = opts.recipe ?? null;
  if (given && given !== 'saved') return { recipe: given, apply: true };
  let saved: Recipe | null = null;
  try {
    saved = savedRecipe(opts.home, opts.cohort ?? null, report.table);
  } catch (e) {
    new Log(opts.home).warn(`recipe for ${report.table} unreadable: ${(e as Error).message}`);
  }
  return saved ? { recipe: saved, apply: given === 'saved' || saved.auto } : null;
}

/** Proposes or applies the recipe (see the module comment); answers the job that counts. */
export async function withRecipe(result: JobResult, opts: IngestOptions): Promise<JobResult> {
  const report = result.report;
  if (!report || !result.artifact || (result.stage !== 'ready' && result.stage !== 'blocked'))
    return result;
  const found = recipeFor(opts, report);
  if (!found) return result;
  const { recipe } = found;
  let match = matchRecipe(recipe, report);
  if (recipe.table !== report.table)
    match = {
      fixes: [],
      outcome: {
        ...match.outcome,
        proposed: [],
        refused: recipe.fixes.map((f) => ({
          rule: f.rule,
          column: f.column,
          reason: `the recipe is for the ${recipe.table} table, and this file is ${report.table}.`,
        })),
      },
    };
  report.recipe = match.outcome;
  rewriteReport(result, report);
  if (!found.apply || match.fixes.length === 0) return result;
  const job = opts.ledger.job(result.id)!;
  const fixed = await applyMatched(
    { job, report, root: job, rootReport: report, earlier: [] },
    match,
    opts,
  );
  if (fixed.stage === 'failed' || fixed.stage === 'cancelled') {
    // The unfixed job still counts: the fix job's failure is in the ledger and the log.
    new Log(opts.home).warn(`job ${result.id} recipe not applied: ${fixed.error ?? fixed.stage}`);
    return result;
  }
  return fixed;
}

/** Applies a matched recipe's fixes as a fixed job whose report says what the recipe did. */
export async function applyMatched(
  base: FixBase,
  match: RecipeMatch,
  opts: FixJobOptions,
): Promise<JobResult> {
  const fixed = await fixJob(base, match.fixes, {
    home: opts.home,
    ledger: opts.ledger,
    definitions: opts.definitions,
    patientPolicy: opts.patientPolicy,
    onProgress: opts.onProgress,
    signal: opts.signal,
  });
  if (!fixed.report) return fixed;
  fixed.report.recipe = {
    ...match.outcome,
    applied: (fixed.report.fixes ?? []).map((f) => ({
      rule: f.rule,
      column: f.column,
      cells: f.cells,
    })),
  };
  rewriteReport(fixed, fixed.report);
  return fixed;
}

/** The report file beside the artifact, with the recipe's outcome added. */
function rewriteReport(result: JobResult, report: Report): void {
  const path = result.artifact?.path.replace(/\.duckdb$/, '.report.json');
  if (path && existsSync(path) && readFileSync(path, 'utf8').length > 0)
    writeFileSync(path, JSON.stringify(report, null, 2), { mode: 0o600 });
}
