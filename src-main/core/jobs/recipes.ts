/**
 * Recipes: the guided fixes applied to a table, saved for the cohort and table as a small JSON
 * file in the data folder (`recipes/<cohort>--<table>.json`), so next year's file, or a
 * corrected re-export, gets them proposed first (and applied by itself when the coordinator
 * said so: `auto`). Rule names, columns and params only: dates patterns, missing-value codes,
 * a cohort's code map; never a patient ID or a cell of data.
 */
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { FIX_RULES } from '../../shared/report';
import type { FixRequest } from '../convert/fixMap';
import { CourierError } from '../errors';
import { asciiName } from '../names';
import { privateDir } from '../paths';

export const recipeSchema = z
  .object({
    recipeVersion: z.literal(1),
    cohort: z.string().min(1).max(200).nullable(),
    table: z.string().min(1).max(100),
    /** Applied by itself to each new file of the table (else proposed first). */
    auto: z.boolean(),
    fixes: z
      .array(
        z
          .object({
            rule: z.enum(FIX_RULES),
            column: z.string().min(1).max(300),
            params: z.record(z.string(), z.unknown()),
          })
          .strict(),
      )
      .min(1)
      .max(200),
    savedAt: z.string(),
    /** The job whose fixes it keeps. */
    fromJob: z.string().nullable(),
  })
  .strict();

export type Recipe = z.infer<typeof recipeSchema>;

export function recipesDir(home: string): string {
  return join(home, 'recipes');
}

/** The recipe file of a cohort and table. */
export function recipePath(home: string, cohort: string | null, table: string): string {
  return join(
    recipesDir(home),
    `${asciiName(cohort ?? 'no-cohort') || 'cohort'}--${asciiName(table) || 'table'}.json`,
  );
}

/** A recipe read from a file (saved or imported), checked; mistakes are usage errors in plain words. */
export function readRecipeFile(path: string): Recipe {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new CourierError('usage', `${path}: cannot read this recipe file.`);
  }
  return parseRecipe(text, path);
}

/** A recipe from its JSON text (`what` names it in messages). */
export function parseRecipe(text: string, what: string): Recipe {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CourierError('usage', `${what} is not a Courier recipe (not JSON).`);
  }
  const r = recipeSchema.safeParse(json);
  if (!r.success)
    throw new CourierError(
      'usage',
      `${what} is not a Courier recipe: ${r.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.') || 'recipe'}: ${i.message}`)
        .join('; ')}.`,
    );
  return r.data;
}

/** The saved recipe of a cohort and table, or null. */
export function savedRecipe(home: string, cohort: string | null, table: string): Recipe | null {
  const p = recipePath(home, cohort, table);
  return existsSync(p) ? readRecipeFile(p) : null;
}

/** Saves (or replaces) the recipe of its cohort and table; returns the file. */
export function saveRecipe(home: string, recipe: Recipe): string {
  const checked = recipeSchema.parse(recipe);
  privateDir(recipesDir(home));
  const p = recipePath(home, checked.cohort, checked.table);
  // Written aside and renamed: a recipe is never read half-written.
  const tmp = `${p}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(checked, null, 2) + '\n', { mode: 0o600 });
  renameSync(tmp, p);
  return p;
}

/** A recipe made of a job's fixes. */
export function recipeOf(
  o: { cohort: string | null; table: string; fromJob: string | null; auto?: boolean },
  fixes: FixRequest[],
): Recipe {
  return {
    recipeVersion: 1,
    cohort: o.cohort,
    table: o.table,
    auto: o.auto ?? false,
    fixes: fixes.map((f) => ({ rule: f.rule, column: f.column, params: f.params })),
    savedAt: new Date().toISOString(),
    fromJob: o.fromJob,
  };
}

/** Every saved recipe (unreadable files are left out). */
export function listRecipes(home: string): Recipe[] {
  const dir = recipesDir(home);
  if (!existsSync(dir)) return [];
  const out: Recipe[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.json')) continue;
    try {
      out.push(readRecipeFile(join(dir, name)));
    } catch {
      // A damaged or foreign file: not a recipe.
    }
  }
  return out;
}

/** Removes the recipe of a cohort and table; false when there was none. */
export function removeRecipe(home: string, cohort: string | null, table: string): boolean {
  const p = recipePath(home, cohort, table);
  if (!existsSync(p)) return false;
  rmSync(p);
  return true;
}

/**
 * Saves the fixes of a fixed job as its cohort and table's recipe (replacing an earlier one,
 * whose choice to apply itself is kept); returns the file.
 */
export function saveFixesAsRecipe(
  home: string,
  o: { cohort: string | null; table: string; fromJob: string },
  fixes: FixRequest[],
): string {
  let auto = false;
  try {
    auto = savedRecipe(home, o.cohort, o.table)?.auto ?? false;
  } catch {
    // An unreadable earlier recipe is replaced.
  }
  return saveRecipe(home, recipeOf({ ...o, auto }, fixes));
}
