/**
 * `courier recipes`: the saved recipes of the data folder (list, export, import, whether each
 * applies itself, remove). A recipe is saved with `courier fix --save-recipe`.
 */
import type { Command } from 'commander';
import { copyFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CourierError } from '../../core/errors';
import type { Recipe } from '../../core/jobs/recipes';
import {
  listRecipes,
  readRecipeFile,
  recipePath,
  removeRecipe,
  savedRecipe,
  saveRecipe,
} from '../../core/jobs/recipes';
import { printable } from '../../core/names';
import { openHome } from '../context';

/** `--recipe FILE|saved` of ingest and watch. */
export function recipeOption(v: string | undefined): Recipe | 'saved' | null {
  if (!v) return null;
  return v === 'saved' ? 'saved' : readRecipeFile(resolve(v));
}

function describe(r: Recipe): string {
  return `${r.cohort ?? '(no cohort)'} · ${r.table}${r.auto ? ' · applies itself' : ' · proposed'}: ${r.fixes
    .map((f) => `${f.rule}:${f.column}`)
    .join(', ')}`;
}

function mustHave(home: string, cohort: string | null, table: string): Recipe {
  const r = savedRecipe(home, cohort, table);
  if (!r)
    throw new CourierError(
      'usage',
      `No recipe saved for ${table}${cohort ? ` of ${cohort}` : ''} (courier recipes lists them).`,
    );
  return r;
}

interface Opts {
  home?: string;
  cohort?: string;
  json?: boolean;
}

export function registerRecipes(program: Command): void {
  const cmd = program
    .command('recipes')
    .description(
      'the saved recipes: guided fixes proposed (or applied) again to each new file of a table',
    );
  const home = '--home <dir>';
  const homeText = 'Courier data folder';
  const cohortText = 'the cohort (default: the setting)';
  const cohortOf = (ctx: ReturnType<typeof openHome>, o: Opts): string | null =>
    o.cohort ?? ctx.settings.get().cohort ?? null;

  cmd
    .command('list', { isDefault: true })
    .description('list the saved recipes')
    .option('--json', 'one JSON recipe a line')
    .option(home, homeText)
    .action((o: Opts) => {
      const all = listRecipes(openHome(o.home).home);
      for (const r of all)
        process.stdout.write(o.json ? JSON.stringify(r) + '\n' : printable(describe(r)) + '\n');
      if (!o.json && all.length === 0) process.stderr.write('No recipes saved.\n');
    });

  cmd
    .command('export')
    .description("write a table's recipe to a file (to use on another computer, or with --recipe)")
    .argument('<table>')
    .argument('<file>')
    .option('--cohort <name>', cohortText)
    .option(home, homeText)
    .action((table: string, file: string, o: Opts) => {
      const ctx = openHome(o.home);
      const cohort = cohortOf(ctx, o);
      mustHave(ctx.home, cohort, table);
      copyFileSync(recipePath(ctx.home, cohort, table), resolve(file));
    });

  cmd
    .command('import')
    .description('save a recipe file as the recipe of its cohort and table')
    .argument('<file>')
    .option(home, homeText)
    .action((file: string, o: Opts) => {
      const ctx = openHome(o.home);
      const r = readRecipeFile(resolve(file));
      saveRecipe(ctx.home, r);
      process.stderr.write(printable(`Saved: ${describe(r)}`) + '\n');
    });

  cmd
    .command('auto')
    .description(
      'whether a recipe applies itself to each new file of its table (on), or is only proposed (off)',
    )
    .argument('<table>')
    .argument('<on|off>')
    .option('--cohort <name>', cohortText)
    .option(home, homeText)
    .action((table: string, state: string, o: Opts) => {
      if (state !== 'on' && state !== 'off')
        throw new CourierError('usage', `expected on or off, not "${state}".`);
      const ctx = openHome(o.home);
      const r = mustHave(ctx.home, cohortOf(ctx, o), table);
      saveRecipe(ctx.home, { ...r, auto: state === 'on' });
    });

  cmd
    .command('remove')
    .description("remove a table's recipe")
    .argument('<table>')
    .option('--cohort <name>', cohortText)
    .option(home, homeText)
    .action((table: string, o: Opts) => {
      const ctx = openHome(o.home);
      if (!removeRecipe(ctx.home, cohortOf(ctx, o), table))
        mustHave(ctx.home, cohortOf(ctx, o), table);
    });
}
