/**
 * `courier sample`: synthetic NA-ACCORD tables, valid or with a known set of injected
 * errors listed in `answers.json` (Contract 5).
 *
 * Files are streamed (a 20-million-row laboratory file never sits in memory), and every
 * random choice comes from streams seeded by `seed` and the table's name, so the same options
 * give byte-identical files.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DefinitionSet } from '../definitions/loader';
import { csvLine } from './csvText';
import { PatientPool } from './ids';
import { injectError } from './inject';
import { tableModel } from './model';
import type { TableModel } from './model';
import type { InjectedCode } from './errorPlan';
import {
  ErrorPlan,
  applicableCodes,
  droppedPatientRows,
  planStream,
  rowErrorCount,
  writesSepLine,
} from './errorPlan';
import { pickDatePattern } from './patterns';
import { PhiPlan } from './phiPlan';
import type { PhiKind } from '../../shared/report';
import { stream } from './random';
import { rowChecker } from './rules';
import { rowMaker } from './values';
import { ChunkedWriter } from './write';
import type { DifferenceOptions, ExpectedFinding } from './differences';
import { TableDifferences, lostPatientsFinding } from './differences';

export interface SampleOptions {
  /** Table names, or `['all']` (an empty list also means every table). */
  tables: string[];
  /** Rows per table (the patient table's rows are the patient pool unless `patients` is set). */
  rows: number;
  seed: number;
  /** Fraction (0..1) of each table's rows that get exactly one injected error. */
  errors: number;
  /**
   * Fraction (0..1) of each table's rows that get one direct identifier (in a free-text
   * column, or in an extra identifier column every table then has); 0 or absent: none.
   */
  phi?: number;
  outDir: string;
  definitions: DefinitionSet;
  /** Size of the patient ID pool, and so the patient table's rows (default: `rows`). */
  patients?: number;
  /** Known differences against the same run without them, listed in `differences.json`. */
  differences?: DifferenceOptions;
}

/** One injected error, as listed in answers.json. */
export interface Answer {
  file: string;
  code: InjectedCode | 'possible-phi';
  /** 1-based physical line; the header is line 1. */
  line: number;
  /** The variable at fault, or null for structural codes. */
  column: string | null;
  /** Only on `possible-phi`: the kind of identifier planted. */
  kind?: PhiKind;
}

export interface SampleResult {
  /** The CSV files written, in submission order. */
  files: string[];
  /** Every injected error, sorted by file then line; null without error injection. */
  answers: Answer[] | null;
  /** Where answers.json was written; null without error injection. */
  answersFile: string | null;
  /** What comparing with the run without the differences must find; null without them. */
  differences: ExpectedFinding[] | null;
  differencesFile: string | null;
}

/** The table whose IDs the others refer to. */
const POOL_TABLE = 'patient';

/**
 * Write `<outDir>/<table>.csv` for each table and, with errors, `answers.json`.
 * @throws Error on options out of range or an unknown table (before anything is written).
 */
export async function generateSample(opts: SampleOptions): Promise<SampleResult> {
  const models = selectTables(opts);
  if (!Number.isInteger(opts.rows) || opts.rows < 1)
    throw new Error('rows must be a positive whole number');
  if (!(opts.errors >= 0 && opts.errors <= 1))
    throw new Error('errors must be a fraction between 0 and 1');
  if (!((opts.phi ?? 0) >= 0 && (opts.phi ?? 0) <= 1))
    throw new Error('phi must be a fraction between 0 and 1');
  if (!Number.isSafeInteger(opts.seed)) throw new Error('seed must be a whole number');
  const patients = opts.patients ?? opts.rows;
  if (!Number.isInteger(patients) || patients < 1)
    throw new Error('patients must be a positive whole number');
  const lose = opts.differences?.losePatients ?? 0;
  if (!Number.isInteger(lose) || lose < 0 || lose >= patients)
    throw new Error(`lose-patients must be a whole number below the ${patients} patients`);

  await mkdir(opts.outDir, { recursive: true });
  const poolDef = opts.definitions.get(POOL_TABLE);
  // Replayed from the patient table's own plan, so a table generated on its own later with
  // the same options still avoids the same patients.
  const dropped = poolDef
    ? droppedPatientRows(tableModel(poolDef), patients, opts.errors, opts.seed)
    : new Set<number>();
  // Lost patients are the pool's last ones: gone from the patient table, never drawn.
  for (let i = patients - lose; i < patients; i++) dropped.add(i);
  const pool = new PatientPool(patients, dropped);

  const files: string[] = [];
  const answers: Answer[] = [];
  const expected: ExpectedFinding[] = [];
  for (const model of models) {
    const rows = model.table === POOL_TABLE ? patients : opts.rows;
    const file = join(opts.outDir, `${model.table}.csv`);
    const diff = opts.differences ? new TableDifferences(model, opts.differences) : null;
    const lostDied = await writeTable(model, rows, file, pool, opts, answers, diff);
    if (diff) expected.push(...diff.findings());
    if (model.table === POOL_TABLE && lose > 0)
      expected.push(lostPatientsFinding(lose, lostDied, patients));
    files.push(file);
  }
  const differencesFile = join(opts.outDir, 'differences.json');
  if (opts.differences) await writeFile(differencesFile, differencesJson(expected));
  else await rm(differencesFile, { force: true });
  const diffs = opts.differences
    ? { differences: expected, differencesFile }
    : { differences: null, differencesFile: null };
  const answersFile = join(opts.outDir, 'answers.json');
  if (opts.errors <= 0 && !(opts.phi! > 0)) {
    // A key left by an earlier run would describe errors these files do not have.
    await rm(answersFile, { force: true });
    return { files, answers: null, answersFile: null, ...diffs };
  }
  answers.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  await writeAnswers(answersFile, answers);
  return { files, answers, answersFile, ...diffs };
}

/** differences.json: what comparing these files with the same run without the options finds. */
function differencesJson(findings: ExpectedFinding[]): string {
  return `${JSON.stringify(
    {
      against:
        'the same courier sample command without --drop-months, --lose-patients and --recode (last year)',
      findings,
    },
    null,
    2,
  )}\n`;
}

/** answers.json, one answer a line, streamed: a large file's key would not fit one string. */
async function writeAnswers(file: string, answers: Answer[]): Promise<void> {
  const out = new ChunkedWriter(file);
  try {
    out.add('[');
    for (let i = 0; i < answers.length; i++) {
      if (out.add(`${i === 0 ? '' : ','}\n${JSON.stringify(answers[i])}`)) await out.flush();
    }
    out.add(answers.length ? '\n]\n' : ']\n');
    await out.close();
  } catch (e) {
    await out.abort();
    throw e;
  }
}

function selectTables(opts: SampleOptions): TableModel[] {
  const all = opts.definitions.ordered();
  if (opts.tables.length === 0 || opts.tables.includes('all')) return all.map(tableModel);
  const unknown = opts.tables.filter((t) => !opts.definitions.get(t));
  if (unknown.length) {
    throw new Error(
      `unknown table ${unknown.map((t) => `"${t}"`).join(', ')}; known tables: ${all.map((d) => d.table).join(', ')}, or all`,
    );
  }
  return all.filter((d) => opts.tables.includes(d.table)).map(tableModel);
}

async function writeTable(
  model: TableModel,
  rows: number,
  file: string,
  pool: PatientPool,
  opts: SampleOptions,
  answers: Answer[],
  diff: TableDifferences | null,
): Promise<number> {
  const name = `${model.table}.csv`;
  // Separate streams: turning errors on changes the injected rows, not the values of the
  // others (only which patients they name, when a patient row is broken).
  const valueRng = stream(opts.seed, model.table, 'values');
  const make = rowMaker(model, pool);
  const plan =
    opts.errors > 0
      ? new ErrorPlan(
          rows,
          rowErrorCount(rows, opts.errors, opts.seed, model.table),
          applicableCodes(model),
          planStream(opts.seed, model.table),
        )
      : null;
  const ctx = {
    model,
    check: rowChecker(model),
    pool,
    rng: stream(opts.seed, model.table, 'inject'),
    // One pattern a table, so that the column's day-or-month-first reading stays that pattern.
    datePattern: pickDatePattern(stream(opts.seed, model.table, 'date-pattern')),
  };
  // Excel's first line naming the delimiter: the header and every record one line further.
  const sepLine = writesSepLine(opts.seed, model.table, opts.errors);
  const first = sepLine ? 3 : 2;
  const phi = opts.phi! > 0 ? new PhiPlan(model, rows, opts.phi!, opts.seed) : null;
  let lostDied = 0;
  const out = new ChunkedWriter(file);
  try {
    if (sepLine) {
      out.add('sep=,\n');
      answers.push({ file: name, code: 'sep-line', line: 1, column: null });
    }
    out.add(`${csvLine(phi ? [...model.names, phi.extraColumn] : model.names)}\n`);
    // The patient table's rows from here on are the lost patients (--lose-patients).
    const lostFrom =
      model.table === POOL_TABLE ? rows - (opts.differences?.losePatients ?? 0) : rows;
    const death = model.index.get('deathDate');
    let line = first;
    for (let i = 0; i < rows; i++) {
      const g = make(valueRng, i);
      const planned = plan?.next() ?? null;
      if (diff && !diff.keep(g.row, i >= lostFrom)) {
        if (i >= lostFrom && death !== undefined && g.row[death] !== '') lostDied++;
        continue;
      }
      const injected = planned ? injectError(ctx, planned, g) : null;
      if (injected)
        answers.push({ file: name, code: injected.code, line, column: injected.column });
      let text = injected ? injected.line : csvLine(g.row);
      if (phi) {
        const values = [...g.row];
        const planted = phi.next(values, !injected);
        if (planted) answers.push({ file: name, line, ...planted });
        // An injected row keeps its text; the extra column, empty, follows it.
        text = injected ? `${injected.line},` : csvLine(values);
      }
      line++;
      if (out.add(`${text}\n`)) await out.flush();
    }
    await out.close();
    return lostDied;
  } catch (e) {
    await out.abort();
    throw e;
  }
}
