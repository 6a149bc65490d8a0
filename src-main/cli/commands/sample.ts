/**
 * `courier sample`: writes synthetic NA-ACCORD tables, optionally with injected errors and
 * their answer key (Contract 5).
 */
import type { Command } from 'commander';
import { resolve } from 'node:path';
import {
  bundledDefinitionsDir,
  DefinitionError,
  loadDefinitions,
} from '../../core/definitions/loader';
import type { DefinitionSet } from '../../core/definitions/loader';
import type { DifferenceOptions } from '../../core/sample/differences';
import { codedValues, parseMonths, recodedColumns } from '../../core/sample/differences';
import { generateSample } from '../../core/sample/generate';
import { tableModel } from '../../core/sample/model';

/** Exit code for bad usage (Contract 5). */
const USAGE = 2;

interface SampleCliOptions {
  table?: string;
  rows?: string;
  seed?: string;
  errors?: string;
  phi?: string;
  out?: string;
  patientCount?: string;
  definitions?: string;
  dropMonths?: string;
  losePatients?: string;
  recode?: string;
}

/** Adds `courier sample` to the program. */
export function registerSample(program: Command): Command {
  return program
    .command('sample')
    .description(
      'write synthetic NA-ACCORD tables (<table>.csv) sharing one patient ID pool; with --errors or --phi also answers.json listing every injected error and identifier',
    )
    .option(
      '--table <table>',
      'a table (patient, laboratory, …), several separated by commas, or "all"',
    )
    .option('--rows <n>', 'rows per table')
    .option('--seed <n>', 'random seed: the same seed and options give byte-identical files', '1')
    .option('--errors <rate>', 'fraction of rows (0 to 1) that get exactly one injected error', '0')
    .option(
      '--phi <rate>',
      'fraction of rows (0 to 1) that get one made-up direct identifier (a name, phone, SSN… in a free-text column, or in an extra identifier column such as MRN), listed in answers.json as possible-phi',
      '0',
    )
    .option('--out <dir>', 'folder to write the files to (created if missing)')
    .option(
      '--patient-count <n>',
      'patients in the ID pool, and so rows of patient.csv (default: --rows)',
    )
    .option(
      '--definitions <dir>',
      'a folder of data definitions that replace or extend the bundled ones',
    )
    .option(
      '--drop-months <months>',
      "next year's file: leave out the rows of these months (YYYY-MM, separated by commas) from every table but patient; differences.json says what courier compare must find",
    )
    .option(
      '--lose-patients <n>',
      "next year's file: the last n patients are gone (not in patient.csv, never in other tables)",
    )
    .option(
      '--recode <columns>',
      "next year's file: these coded columns (race, or patient.race; separated by commas) move each value to the next code of their list",
    )
    .addHelpText(
      'after',
      '\nExamples:\n  courier sample --table all --rows 1000 --out ./sample\n  courier sample --table laboratory --rows 20000000 --patient-count 200000 --errors 0.001 --seed 7 --out ./big\n  courier sample --table patient,laboratory --rows 20000 --out ./2025 --drop-months 2023-04,2023-05,2023-06 --lose-patients 100 --recode race',
    )
    .action(async (o: SampleCliOptions) => {
      process.exitCode = await runSample(o);
    });
}

function usage(message: string): number {
  process.stderr.write(`courier sample: ${message}\n(run courier sample --help for usage)\n`);
  return USAGE;
}

function wholeNumber(text: string | undefined, min: number): number | null {
  if (text === undefined || !/^\s*-?\d+\s*$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) && n >= min ? n : null;
}

async function runSample(o: SampleCliOptions): Promise<number> {
  if (!o.table) return usage('--table is required (a table name, or all).');
  if (o.rows === undefined) return usage('--rows is required.');
  if (!o.out) return usage('--out is required (the folder to write to).');
  const rows = wholeNumber(o.rows, 1);
  if (rows === null) return usage(`--rows must be a positive whole number (got "${o.rows}").`);
  const seed = wholeNumber(o.seed ?? '1', Number.MIN_SAFE_INTEGER);
  if (seed === null) return usage(`--seed must be a whole number (got "${o.seed}").`);
  const errors = Number(o.errors ?? '0');
  if (o.errors?.trim() === '' || !Number.isFinite(errors) || errors < 0 || errors > 1)
    return usage(`--errors must be a fraction from 0 to 1, e.g. 0.01 (got "${o.errors}").`);
  const phi = Number(o.phi ?? '0');
  if (o.phi?.trim() === '' || !Number.isFinite(phi) || phi < 0 || phi > 1)
    return usage(`--phi must be a fraction from 0 to 1, e.g. 0.01 (got "${o.phi}").`);
  const patients = o.patientCount === undefined ? undefined : wholeNumber(o.patientCount, 1);
  if (patients === null)
    return usage(`--patient-count must be a positive whole number (got "${o.patientCount}").`);

  let definitions;
  try {
    definitions = await loadDefinitions([
      bundledDefinitionsDir(),
      ...(o.definitions ? [resolve(o.definitions)] : []),
    ]);
  } catch (e) {
    if (e instanceof DefinitionError) {
      process.stderr.write(`courier sample: the data definitions have mistakes:\n${e.message}\n`);
      return USAGE;
    }
    throw e;
  }
  const tables = o.table
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  const unknown = tables.filter((t) => t !== 'all' && !definitions.get(t));
  if (tables.length === 0 || unknown.length) {
    const known = definitions.ordered().map((d) => d.table);
    return usage(
      `unknown table ${unknown.map((t) => `"${t}"`).join(', ') || `"${o.table}"`}. Known tables: ${known.join(', ')}, or all.`,
    );
  }

  const differences = readDifferences(o, tables, definitions, patients ?? rows);
  if (typeof differences === 'string') return usage(differences);

  const outDir = resolve(o.out);
  const started = Date.now();
  try {
    const r = await generateSample({
      tables,
      rows,
      seed,
      errors,
      phi,
      outDir,
      definitions,
      ...(patients !== undefined ? { patients } : {}),
      ...(differences ? { differences } : {}),
    });
    for (const f of r.files) process.stderr.write(`wrote ${f}\n`);
    if (r.answersFile)
      process.stderr.write(`wrote ${r.answersFile} (${answerCounts(r.answers ?? [])})\n`);
    if (r.differencesFile)
      process.stderr.write(
        `wrote ${r.differencesFile} (what courier compare must find against the same command without --drop-months, --lose-patients and --recode)\n`,
      );
    process.stderr.write(`done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`courier sample: could not write the files: ${(e as Error).message}\n`);
    return USAGE;
  }
}

/** The known-difference options, or what is wrong with them; null when none is given. */
function readDifferences(
  o: SampleCliOptions,
  tables: string[],
  definitions: DefinitionSet,
  patients: number,
): DifferenceOptions | string | null {
  if (o.dropMonths === undefined && o.losePatients === undefined && o.recode === undefined)
    return null;
  const out: DifferenceOptions = {};
  if (o.dropMonths !== undefined) {
    const m = parseMonths(o.dropMonths);
    if ('bad' in m)
      return `--drop-months takes months as YYYY-MM separated by commas, e.g. 2023-04,2023-05 (got "${m.bad}").`;
    out.dropMonths = m.months;
  }
  if (o.losePatients !== undefined) {
    const n = wholeNumber(o.losePatients, 0);
    if (n === null || n >= patients)
      return `--lose-patients must be a whole number below the ${patients} patients (got "${o.losePatients}").`;
    out.losePatients = n;
  }
  if (o.recode !== undefined) {
    const models = definitions
      .ordered()
      .filter((d) => tables.includes('all') || tables.includes(d.table))
      .map(tableModel);
    const names = o.recode
      .split(',')
      .map((c) => c.trim())
      .filter((c) => c !== '');
    for (const name of names) {
      const coded = models.some((m) =>
        recodedColumns(m, [name]).some((c) => codedValues(m, c) !== null),
      );
      if (!coded)
        return `--recode: "${name}" is not a coded column of the tables written (a column with a list of values, such as race or patient.race).`;
    }
    if (!names.length) return '--recode needs a column name, e.g. race.';
    out.recode = names;
  }
  return out;
}

/** "4 injected errors", and ", 3 planted identifiers" when --phi planted some. */
function answerCounts(answers: { code: string }[]): string {
  const ids = answers.filter((a) => a.code === 'possible-phi').length;
  const errors = answers.length - ids;
  const text = `${errors} injected error${errors === 1 ? '' : 's'}`;
  return ids ? `${text}, ${ids} planted identifier${ids === 1 ? '' : 's'}` : text;
}
