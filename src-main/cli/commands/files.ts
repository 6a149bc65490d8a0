import type { Command } from 'commander';
import { printable } from '../../core/names';
import { InvalidArgumentError } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { JobResult } from '../../core/jobs/runJob';
import { runJob } from '../../core/jobs/runJob';
import { ingestFile } from '../../core/jobs/ingest';
import { preparePatients } from '../../core/jobs/patients';
import { definitionsFor, openHome } from '../context';
import { EXIT } from '../exit';
import { PROTOCOL_YEAR_RANGE, phiPolicySchema, protocolYearSchema } from '../../shared/settings';
import type { PhiPolicy } from '../../shared/settings';
import { CourierError } from '../../core/errors';
import { formatResult } from '../format';
import { recipeOption } from './recipes';
import { clearProgress, progressPrinter } from '../progress';
import { cliLang } from '../lang';
import { localizeReport } from '../../shared/i18n/localize';

export interface FileOptions {
  table?: string;
  cohort?: string;
  year?: number;
  site?: string;
  definitions?: string;
  patients?: string;
  json?: boolean;
  home?: string;
  out?: string;
  force?: boolean;
  push?: boolean;
  dest?: string;
  phiPolicy?: PhiPolicy;
  recipe?: string;
}

export function parseYear(v: string): number {
  const n = /^\d{4}$/.test(v) ? protocolYearSchema.safeParse(Number(v)) : null;
  if (!n?.success)
    throw new InvalidArgumentError(
      `a four-digit protocol year from ${PROTOCOL_YEAR_RANGE.min} to ${PROTOCOL_YEAR_RANGE.max}, e.g. 2025`,
    );
  return n.data;
}

/** `--phi-policy block|warn`. */
export function parsePhiPolicy(v: string): PhiPolicy {
  const p = phiPolicySchema.safeParse(v.trim().toLowerCase());
  if (!p.success)
    throw new InvalidArgumentError(
      'block (a possible identifier is an error: the default) or warn (a warning)',
    );
  return p.data;
}

/** The option that sets the identifier screen's severity (precheck, ingest, watch). */
export const PHI_POLICY_HELP =
  'block: a possible direct identifier (name, phone, SSN, record number…) is an error, or warn: a warning (default: the setting, block)';

/** The options precheck, ingest and watch share. */
export function addFileOptions(cmd: Command): Command {
  return cmd
    .option(
      '--table <table>',
      'the table (patient, laboratory, …), or "any" for structure checks only; detected from the header when omitted',
    )
    .option('--cohort <name>', 'the cohort, e.g. "UW - Seattle" (selects its column mapping)')
    .option('--year <year>', 'the protocol year, e.g. 2025', parseYear)
    .option('--site <site>', 'the site name recorded in the manifest')
    .option(
      '--patients <file>',
      "the submission's patient table (CSV or its .duckdb artifact) for the cross-table ID check; by default the latest one ingested",
    )
    .option(
      '--definitions <dir>',
      'a folder of data definitions that replace or extend the bundled ones',
    )
    .option('--phi-policy <policy>', PHI_POLICY_HELP, parsePhiPolicy)
    .option(
      '--json',
      'print one JSON report per file (JSON Lines) on stdout; progress goes to stderr',
    )
    .option(
      '--home <dir>',
      "Courier data folder (default: $COURIER_HOME or the desktop app's data folder)",
    );
}

/** Exit code for one job, per Contract 5. */
export function exitFor(r: JobResult): number {
  if (r.unreadable) return EXIT.usage;
  if (r.stage === 'skipped' || r.stage === 'cancelled') return EXIT.ok;
  if (r.stage === 'failed' && !r.report) return EXIT.usage;
  if (r.report?.status === 'fail' || r.stage === 'blocked' || r.stage === 'failed')
    return EXIT.dataErrors;
  return EXIT.ok;
}

/** Prints one job: its report as a JSON line (`--json`), else the summary on stderr. */
export function printResult(file: string, result: JobResult, json: boolean): void {
  // Only `message` and `hint` follow the language; the report kept in the ledger stays as written.
  const report = result.report ? localizeReport(result.report, cliLang()) : null;
  if (json) {
    if (report) process.stdout.write(JSON.stringify(report) + '\n');
    if (!result.report || result.error)
      process.stderr.write(`courier: ${printable(`${file}: ${result.error ?? result.stage}`)}\n`);
  } else process.stderr.write(formatResult({ ...result, report }, cliLang()) + '\n');
}

/**
 * Runs files one after the other (one conversion at a time on a 2-core laptop), stopping
 * cleanly on SIGINT/SIGTERM: the current job is cancelled and leaves nothing behind.
 */
export async function runFiles(
  files: string[],
  o: FileOptions,
  mode: 'precheck' | 'ingest',
): Promise<number> {
  const definitions = await definitionsFor(o.definitions);
  if (o.table && o.table !== 'any' && !definitions.get(o.table)) {
    const known = definitions.ordered().map((d) => d.table);
    throw new CourierError(
      'usage',
      `unknown table "${o.table}". Known tables: ${known.join(', ')}, or any.`,
    );
  }
  const ctx = openHome(o.home);
  const home = ctx.home;
  const settings = ctx.settings.get();
  const cohort = o.cohort ?? settings.cohort ?? null;
  const protocolYear = o.year ?? settings.protocolYear ?? null;
  let patients: { artifact: string; release: () => Promise<void> } | null = null;
  if (o.patients) {
    const p = resolve(o.patients);
    if (!existsSync(p)) throw new CourierError('usage', `${o.patients}: no such file.`);
    patients = await preparePatients(p, { home, definitions, cohort: o.cohort ?? null });
  }
  const recipe = recipeOption(o.recipe);
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let code: number = EXIT.ok;
  try {
    for (const file of files) {
      if (controller.signal.aborted) break;
      const path = resolve(file);
      const common = {
        home,
        definitions,
        table: o.table ?? null,
        cohort,
        protocolYear,
        site: o.site ?? settings.site ?? null,
        outDir: o.out ? resolve(o.out) : null,
        onProgress: progressPrinter(file),
        signal: controller.signal,
        patientPolicy: settings.patientPolicy,
        phiPolicy: o.phiPolicy ?? settings.phiPolicy,
      };
      const result =
        mode === 'ingest'
          ? await ingestFile(path, {
              ...common,
              patientsArtifact: patients?.artifact ?? null,
              ledger: ctx.ledger,
              force: o.force ?? false,
              recipe,
            })
          : await runJob(path, {
              ...common,
              keepArtifact: false,
              patientsArtifact:
                patients?.artifact ?? ctx.ledger.latestPatientArtifact(cohort, protocolYear),
            });
      clearProgress();
      printResult(file, result, o.json ?? false);
      code = Math.max(code, exitFor(result));
    }
  } finally {
    await patients?.release();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  return code;
}

/** `courier precheck` and `courier ingest`. */
export function registerFileCommands(
  program: Command,
  after: (o: FileOptions) => Promise<number>,
): void {
  addFileOptions(
    program
      .command('precheck')
      .description(
        'check files against the data definitions and print a report; no artifact is kept',
      )
      .argument('<file...>', 'CSV files'),
  ).action(async (files: string[], o: FileOptions) => {
    process.exitCode = await runFiles(files, o, 'precheck');
  });

  addFileOptions(
    program
      .command('ingest')
      .description('check and convert files to verified DuckDB artifacts kept in the ledger')
      .argument('<file...>', 'CSV files')
      .option('--out <dir>', 'also write a copy of each artifact and its report here')
      .option('--force', 'ingest again a file whose exact bytes were ingested before')
      .option(
        '--recipe <FILE|saved>',
        "apply a recipe's fixes to each file (a recipe file, or saved: the cohort and table's saved one)",
      )
      .option('--push', 'then push every ready job to the destination')
      .option(
        '--dest <dir>',
        'the NAS folder to push to (default: the setting, else the local outbox)',
      ),
  ).action(async (files: string[], o: FileOptions) => {
    const code = await runFiles(files, o, 'ingest');
    process.exitCode = o.push ? Math.max(code, await after(o)) : code;
  });
}
