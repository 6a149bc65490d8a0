/**
 * `courier fix <job-id>`: guided fixes applied to a job's artifact as a new job (the whole
 * precheck again), which supersedes the unfixed one; `courier unfix <job-id>` undoes that.
 * The new job's report is printed as `ingest` prints one; exit codes as `ingest`.
 */
import type { Command } from 'commander';
import { fixBase, fixJob } from '../../core/jobs/fixJob';
import { chooseFixes } from '../../core/jobs/fixRequests';
import { saveFixesAsRecipe } from '../../core/jobs/recipes';
import { undoFix } from '../../core/jobs/undoFix';
import { printable } from '../../core/names';
import { definitionsFor, openHome } from '../context';
import { EXIT } from '../exit';
import { clearProgress, progressPrinter } from '../progress';
import { exitFor, printResult } from './files';

interface FixOptions {
  apply: string[];
  all?: boolean;
  map: string[];
  json?: boolean;
  home?: string;
  definitions?: string;
  saveRecipe?: boolean;
}

const collect = (v: string, prev: string[]): string[] => [...prev, v];

/** Registers `courier fix` and `courier unfix`. */
export function registerFix(program: Command): void {
  program
    .command('fix')
    .description(
      "apply guided fixes to a job's artifact as a new job (the source file is never changed); the new job replaces the unfixed one",
    )
    .argument('<job-id>', 'the job to fix (its report\'s "job" field, or `courier history`)')
    .option('--apply <RULE:COLUMN>', 'apply this proposal of the report (repeatable)', collect, [])
    .option('--all', 'apply every proposal of the report')
    .option(
      '--map <COLUMN=FILE.csv>',
      'map the codes of a column with a two-column CSV: value as found, value it stands for (repeatable)',
      collect,
      [],
    )
    .option(
      '--definitions <dir>',
      'a folder of data definitions that replace or extend the bundled ones',
    )
    .option(
      '--save-recipe',
      "save the fixes as the recipe of the job's cohort and table: proposed first for the next file of that table",
    )
    .option('--json', "print the new job's report as one JSON line on stdout")
    .option(
      '--home <dir>',
      "Courier data folder (default: $COURIER_HOME or the desktop app's data folder)",
    )
    .action(async (jobId: string, o: FixOptions) => {
      const ctx = openHome(o.home);
      const definitions = await definitionsFor(o.definitions);
      const base = fixBase(ctx.ledger, jobId);
      const fixes = chooseFixes(base.report, { apply: o.apply, all: o.all === true, maps: o.map });
      const controller = new AbortController();
      const stop = (): void => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        const result = await fixJob(base, fixes, {
          home: ctx.home,
          ledger: ctx.ledger,
          definitions,
          patientPolicy: ctx.settings.get().patientPolicy,
          onProgress: progressPrinter(base.job.source.name),
          signal: controller.signal,
        });
        clearProgress();
        printResult(base.job.source.name, result, o.json ?? false);
        process.exitCode = exitFor(result);
        if (o.saveRecipe && result.report?.fixes && base.root.table) {
          const saved = saveFixesAsRecipe(
            ctx.home,
            { cohort: base.root.cohort, table: base.root.table, fromJob: result.id },
            result.report.fixes,
          );
          process.stderr.write(printable(`Recipe saved: ${saved}`) + '\n');
        }
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    });

  program
    .command('unfix')
    .description('undo a fix: the unfixed job counts again and is the one sent')
    .argument('<job-id>', 'the fixed job')
    .option(
      '--home <dir>',
      "Courier data folder (default: $COURIER_HOME or the desktop app's data folder)",
    )
    .action((jobId: string, o: { home?: string }) => {
      const ctx = openHome(o.home);
      const back = undoFix(ctx.ledger, jobId);
      process.stderr.write(
        printable(`Undone: job ${back} counts again (job ${jobId} stays in the history).`) + '\n',
      );
      process.exitCode = EXIT.ok;
    });
}
