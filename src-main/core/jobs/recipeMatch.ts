/**
 * A saved recipe against a new file's report: which of its fixes apply (the file's proposals
 * ask for what the recipe does, or the fix needs no proposal), and which it refuses, with the
 * reason in plain words (the column is gone, or its proposal differs from what the recipe was
 * made for: another date pattern, codes it does not know, …).
 */
import type { RecipeOutcome, Report } from '../../shared/report';
import type { FixRequest } from '../convert/fixMap';
import { recipeMismatch } from '../precheck/fixes/compatible';
import { proposalsOf } from './fixRequests';
import type { Recipe } from './recipes';

/**
 * Rules a recipe applies without a proposal in the new report (the coordinator's own choice:
 * a code map, a column left out), when the report finds something in that column.
 */
const WITHOUT_PROPOSAL = new Set(['drop-column', 'map-values']);

/** A recipe against one report: the fixes that fit, and the outcome to put in the report. */
export interface RecipeMatch {
  fixes: FixRequest[];
  outcome: RecipeOutcome;
}

/** The recipe's fixes that apply to this report, and the outcome to put in it (nothing applied yet). */
export function matchRecipe(recipe: Recipe, report: Report): RecipeMatch {
  const proposals = proposalsOf(report);
  const columns = new Set(report.columns.filter((c) => c.source !== '').map((c) => c.name));
  const fixes: FixRequest[] = [];
  const refused: RecipeOutcome['refused'] = [];
  for (const f of recipe.fixes) {
    if (!columns.has(f.column)) {
      refused.push({
        rule: f.rule,
        column: f.column,
        reason: `the file has no column "${f.column}".`,
      });
      continue;
    }
    const proposal = proposals.find((p) => p.rule === f.rule && p.column === f.column);
    if (!proposal) {
      // Nothing of the kind in this file: nothing to do, unless the coordinator's own choice.
      if (WITHOUT_PROPOSAL.has(f.rule) && report.issues.some((i) => i.column === f.column))
        fixes.push(f);
      continue;
    }
    const why = recipeMismatch(f.rule, f.column, f.params, proposal.params);
    if (why) refused.push({ rule: f.rule, column: f.column, reason: why });
    else fixes.push(f);
  }
  return {
    fixes,
    outcome: {
      cohort: recipe.cohort,
      table: recipe.table,
      auto: recipe.auto,
      proposed: fixes.map((f) => ({ rule: f.rule, column: f.column })),
      applied: [],
      refused,
    },
  };
}
