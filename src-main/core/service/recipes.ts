/**
 * Recipes in the window's Settings: the saved ones, listed with what each fix does; whether
 * each applies itself; removal; import (a recipe file's text) and export (the file, saved or
 * downloaded like a report export).
 */
import { copyFile } from 'node:fs/promises';
import type { ExportResult, RecipeView } from '../../shared/views';
import type { Recipe } from '../jobs/recipes';
import {
  listRecipes,
  parseRecipe,
  recipePath,
  removeRecipe,
  savedRecipe,
  saveRecipe,
} from '../jobs/recipes';
import { asciiName } from '../names';
import { fixRuleSpec } from '../precheck/fixes/registry';
import { CourierError } from '../errors';
import type { ExportTarget } from './handlers';

function view(r: Recipe): RecipeView {
  return {
    cohort: r.cohort,
    table: r.table,
    auto: r.auto,
    savedAt: r.savedAt,
    fixes: r.fixes.map((f) => ({
      rule: f.rule,
      column: f.column,
      description: fixRuleSpec(f.rule)?.describe(f.params, f.column) ?? f.rule,
    })),
  };
}

export function recipeViews(home: string): RecipeView[] {
  return listRecipes(home).map(view);
}

function mustHave(home: string, cohort: string | null, table: string): Recipe {
  const r = savedRecipe(home, cohort, table);
  if (!r) throw new CourierError('not-found', `No recipe is saved for ${table}.`);
  return r;
}

export function setRecipeAuto(
  home: string,
  cohort: string | null,
  table: string,
  auto: boolean,
): RecipeView[] {
  saveRecipe(home, { ...mustHave(home, cohort, table), auto });
  return recipeViews(home);
}

export function dropRecipe(home: string, cohort: string | null, table: string): RecipeView[] {
  mustHave(home, cohort, table);
  removeRecipe(home, cohort, table);
  return recipeViews(home);
}

export function importRecipe(home: string, text: string): RecipeView[] {
  saveRecipe(home, parseRecipe(text, 'This file'));
  return recipeViews(home);
}

export async function exportRecipe(
  home: string,
  cohort: string | null,
  table: string,
  target: ExportTarget,
): Promise<ExportResult> {
  mustHave(home, cohort, table);
  const where = await target(`${asciiName(cohort ?? 'no-cohort')}-${asciiName(table)}.recipe.json`);
  if (!where) return { kind: 'cancelled' };
  await copyFile(recipePath(home, cohort, table), where.path);
  return where.done(null);
}
