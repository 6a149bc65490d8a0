import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerSample } from '../../../src-main/cli/commands/sample';
import { runJob } from '../../../src-main/core/jobs/runJob';
import { parseCsv } from '../../../src-main/core/csv/parse';
import { RecordKind } from '../../../src-main/core/csv/tokenizer';
import { bundledDefinitionsDir, loadDefinitions } from '../../../src-main/core/definitions/loader';
import type { DefinitionSet } from '../../../src-main/core/definitions/loader';
import type { Answer } from '../../../src-main/core/sample/generate';
import { generateSample } from '../../../src-main/core/sample/generate';
import { tableModel } from '../../../src-main/core/sample/model';
import {
  STRUCTURAL_CODES,
  applicableCodes,
  writesSepLine,
  type InjectedCode,
} from '../../../src-main/core/sample/errorPlan';
import { rowChecker } from '../../../src-main/core/sample/rules';
import { tempDir } from '../../helpers/env';

let defs: DefinitionSet;
let dir: string;
let cleanup: () => void;
beforeAll(async () => {
  defs = await loadDefinitions([bundledDefinitionsDir()]);
  ({ dir, cleanup } = tempDir('courier-sample-'));
});
afterAll(() => cleanup());

const KIND_OF: Record<string, RecordKind> = {
  'ragged-row': RecordKind.ragged,
  'unclosed-quote': RecordKind.unclosedQuote,
  'stray-quote': RecordKind.strayQuote,
};

/**
 * Parses a generated file; an Excel `sep=,` first line is read as the blank line it stands
 * for (the records keep their physical line numbers, and blank lines are left out).
 */
function parseFile(path: string): ReturnType<typeof parseCsv> {
  const text = readFileSync(path, 'utf8');
  const parsed = parseCsv(text.startsWith('sep=,\n') ? `\n${text.slice(6)}` : text);
  return { ...parsed, records: parsed.records.filter((r) => r.kind !== RecordKind.blank) };
}

/** Codes whose row the row checker sees clean: they compare with other rows or tables. */
const CROSS_ROW = new Set([
  'duplicate-id',
  'unknown-patient-id',
  'id-leading-zeros-lost',
  'id-whitespace',
]);
/** Codes whose row names a patient that is not, as written, in the patient table. */
const NOT_KNOWN = new Set([
  'unknown-patient-id',
  'id-leading-zeros-lost',
  'id-whitespace',
  'id-scientific-notation',
]);

/** Patient IDs of the loaded (good) rows of patient.csv. */
function patientIds(out: string): Set<string> {
  const ids = new Set<string>();
  for (const r of parseFile(join(out, 'patient.csv')).records)
    if (r.kind === RecordKind.good) ids.add(r.values![0]!);
  return ids;
}

async function countLines(path: string): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(path)) {
    const b = chunk as Buffer;
    for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) n++;
  }
  return n;
}

describe('courier sample: valid files', () => {
  let out: string;
  beforeAll(async () => {
    out = join(dir, 'valid');
    const r = await generateSample({
      tables: ['all'],
      rows: 400,
      seed: 3,
      errors: 0,
      outDir: out,
      definitions: defs,
    });
    expect(r.answers).toBeNull();
    expect(r.files).toHaveLength(16);
  });

  it('writes every table as clean CSV with the definition header and no row-level issue', () => {
    for (const def of defs.ordered()) {
      const text = readFileSync(join(out, `${def.table}.csv`), 'utf8');
      expect(text.endsWith('\n')).toBe(true);
      expect(text).not.toContain('\r');
      const parsed = parseCsv(text);
      expect(parsed.header).toEqual(def.variables.map((v) => v.name));
      expect(parsed.records).toHaveLength(400);
      const check = rowChecker(tableModel(def));
      for (const rec of parsed.records) {
        expect(rec.kind, `${def.table} line ${rec.line}`).toBe(RecordKind.good);
        expect(check(rec.values!), `${def.table} line ${rec.line}`).toEqual([]);
      }
    }
  });

  it('draws every patient ID of the other tables from patient.csv, whose IDs are unique', () => {
    const parsed = parseFile(join(out, 'patient.csv'));
    const ids = parsed.records.map((r) => r.values![0]!);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBe('P000001');
    const known = new Set(ids);
    for (const def of defs.ordered()) {
      if (def.table === 'patient') continue;
      for (const rec of parseFile(join(out, `${def.table}.csv`)).records)
        expect(known.has(rec.values![0]!), `${def.table} line ${rec.line}`).toBe(true);
    }
  });

  it('fills sex, death source and lab ranges the way the rules want', () => {
    const p = parseFile(join(out, 'patient.csv'));
    const h = p.header!;
    const at = (name: string): number => h.indexOf(name);
    let deaths = 0;
    for (const rec of p.records) {
      const v = rec.values!;
      expect((v[at('birthSex')] === '') !== (v[at('presentSex')] === '')).toBe(true);
      expect(v[at('deathDate')] === '').toBe(v[at('deathDateSource')] === '');
      if (v[at('deathDate')] !== '') deaths++;
    }
    expect(deaths).toBeGreaterThan(0);
    const lab = readFileSync(join(out, 'laboratory.csv'), 'utf8');
    expect(lab).toMatch(/Abs CD4|HIV-1 RNA|Albumin/);
    const med = readFileSync(join(out, 'medication.csv'), 'utf8');
    expect(med).toContain('"Hx ARV Treatment, Med unknown"');
  });
});

describe('courier sample: determinism', () => {
  it('gives the same bytes for the same seed and other bytes for another seed', async () => {
    const opts = {
      tables: ['patient', 'laboratory', 'medication'],
      rows: 300,
      errors: 0.1,
      definitions: defs,
    };
    await generateSample({ ...opts, seed: 11, outDir: join(dir, 'a') });
    await generateSample({ ...opts, seed: 11, outDir: join(dir, 'b') });
    await generateSample({ ...opts, seed: 12, outDir: join(dir, 'c') });
    const names = readdirSync(join(dir, 'a')).sort();
    expect(names).toEqual(['answers.json', 'laboratory.csv', 'medication.csv', 'patient.csv']);
    for (const name of names) {
      const a = readFileSync(join(dir, 'a', name));
      expect(a.equals(readFileSync(join(dir, 'b', name))), name).toBe(true);
      expect(a.equals(readFileSync(join(dir, 'c', name))), name).toBe(false);
    }
  });
});

describe('courier sample: injected errors', () => {
  const rows = 500;
  const rate = 0.15;
  let out: string;
  let answers: Answer[];
  beforeAll(async () => {
    out = join(dir, 'errors');
    const r = await generateSample({
      tables: ['all'],
      rows,
      seed: 5,
      errors: rate,
      outDir: out,
      definitions: defs,
    });
    answers = r.answers!;
    expect(JSON.parse(readFileSync(r.answersFile!, 'utf8'))).toEqual(answers);
  });

  it('lists about rate × rows errors per table, sorted, each on a data line of its file', () => {
    const sorted = [...answers].sort((a, b) =>
      a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1,
    );
    expect(answers).toEqual(sorted);
    for (const def of defs.ordered()) {
      const mine = answers.filter((a) => a.file === `${def.table}.csv`);
      expect(mine.length, def.table).toBeGreaterThanOrEqual(Math.round(rows * rate) - 2);
      expect(mine.length, def.table).toBeLessThanOrEqual(Math.round(rows * rate));
      expect(new Set(mine.map((a) => a.line)).size).toBe(mine.length);
      const sep = writesSepLine(5, def.table, rate);
      for (const a of mine) {
        if (a.code === 'sep-line') {
          expect([a.line, a.column]).toEqual([1, null]);
          continue;
        }
        expect(a.line).toBeGreaterThanOrEqual(sep ? 3 : 2);
        expect(a.line).toBeLessThanOrEqual(rows + (sep ? 2 : 1));
      }
      // Spread: every code that applies to the table is used.
      expect(new Set(mine.map((a) => a.code))).toEqual(
        new Set([...applicableCodes(tableModel(def)), ...(sep ? ['sep-line'] : [])]),
      );
    }
  });

  it('makes each listed row cause exactly its issue, and every other row none', () => {
    const known = patientIds(out);
    for (const def of defs.ordered()) {
      const file = `${def.table}.csv`;
      const byLine = new Map(answers.filter((a) => a.file === file).map((a) => [a.line, a]));
      const check = rowChecker(tableModel(def));
      const parsed = parseFile(join(out, file));
      expect(parsed.records).toHaveLength(rows);
      const seen = new Set<string>();
      for (const rec of parsed.records) {
        const a = byLine.get(rec.line);
        const where = `${file} line ${rec.line} ${a?.code ?? 'clean'}`;
        if (a && STRUCTURAL_CODES.has(a.code as InjectedCode)) {
          expect(rec.kind, where).toBe(KIND_OF[a.code]);
          expect(a.column).toBeNull();
          continue;
        }
        expect(rec.kind, where).toBe(RecordKind.good);
        const values = rec.values!;
        const id = values[0]!;
        const issues = check(values);
        if (a && !CROSS_ROW.has(a.code)) {
          expect(issues, where).toEqual([{ code: a.code, column: a.column }]);
        } else {
          expect(issues, where).toEqual([]);
        }
        if (def.table === 'patient') {
          if (id !== '') expect(seen.has(id), where).toBe(a?.code === 'duplicate-id');
          seen.add(id);
        } else if (id !== '') {
          expect(known.has(id), where).toBe(!NOT_KNOWN.has(a?.code ?? ''));
        }
      }
    }
  });
});

describe('courier sample: large files', () => {
  it('streams 200,000 laboratory rows', async () => {
    const out = join(dir, 'big');
    const r = await generateSample({
      tables: ['laboratory'],
      rows: 200_000,
      seed: 1,
      errors: 0.001,
      outDir: out,
      definitions: defs,
      patients: 5000,
    });
    const file = join(out, 'laboratory.csv');
    expect(r.files).toEqual([file]);
    expect(await countLines(file)).toBe(200_001);
    expect(statSync(file).size).toBeGreaterThan(200_000 * 40);
    expect(r.answers).toHaveLength(200);
  });
});

describe('courier sample: the answer key agrees with the real checks', () => {
  it('reports exactly the listed issues, end to end through the workers and DuckDB', async () => {
    const out = join(dir, 'e2e');
    const r = await generateSample({
      tables: ['patient', 'medication', 'census'],
      rows: 150,
      seed: 21,
      errors: 0.3,
      outDir: out,
      definitions: defs,
    });
    const home = join(dir, 'e2e-home');
    const job = (table: string, patientsArtifact: string | null) =>
      runJob(join(out, `${table}.csv`), {
        home,
        definitions: defs,
        table,
        keepArtifact: table === 'patient',
        threads: 2,
        patientsArtifact,
      });
    const patient = await job('patient', null);
    const reports = [
      patient.report!,
      (await job('medication', patient.artifact!.path)).report!,
      (await job('census', patient.artifact!.path)).report!,
    ];
    for (const report of reports) {
      const expected = new Map<string, number[]>();
      for (const a of r.answers!.filter((x) => x.file === report.file.name)) {
        const key = `${a.code} ${a.column ?? ''}`;
        expected.set(key, [...(expected.get(key) ?? []), a.line]);
      }
      const got = new Map(report.issues.map((i) => [`${i.code} ${i.column ?? ''}`, i.lines]));
      expect(got, report.file.name).toEqual(expected);
    }
  });
});

describe('courier sample: command line', () => {
  let stderr: string;
  beforeAll(() => {
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
  });
  afterEach(() => {
    process.exitCode = 0;
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });

  async function run(...args: string[]): Promise<number> {
    stderr = '';
    process.exitCode = 0;
    const program = new Command('courier').exitOverride();
    registerSample(program);
    await program.parseAsync(['node', 'courier', 'sample', ...args]);
    return Number(process.exitCode ?? 0);
  }

  it('writes the files and lists them on stderr', async () => {
    const out = join(dir, 'cli');
    expect(
      await run('--table', 'patient,geography', '--rows', '20', '--errors', '0.1', '--out', out),
    ).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['answers.json', 'geography.csv', 'patient.csv']);
    expect(stderr).toContain(join(out, 'patient.csv'));
    expect(stderr).toContain('answers.json (4 injected errors)');
  });

  it.each([
    [['--table', 'all', '--rows', '0', '--out', 'x'], '--rows must be a positive whole number'],
    [['--table', 'all', '--rows', '1.5', '--out', 'x'], '--rows must be a positive whole number'],
    [
      ['--table', 'all', '--rows', '5', '--errors', '2', '--out', 'x'],
      '--errors must be a fraction',
    ],
    [
      ['--table', 'all', '--rows', '5', '--errors', 'lots', '--out', 'x'],
      '--errors must be a fraction',
    ],
    [['--table', 'all', '--rows', '5', '--phi', '2', '--out', 'x'], '--phi must be a fraction'],
    [['--table', 'all', '--rows', '5', '--phi', 'some', '--out', 'x'], '--phi must be a fraction'],
    [['--table', 'labs', '--rows', '5', '--out', 'x'], 'unknown table "labs"'],
    [['--table', 'all', '--rows', '5'], '--out is required'],
    [['--rows', '5', '--out', 'x'], '--table is required'],
    [
      ['--table', 'all', '--rows', '5', '--seed', 'abc', '--out', 'x'],
      '--seed must be a whole number',
    ],
  ])('refuses %j with exit code 2', async (args, message) => {
    expect(await run(...args)).toBe(2);
    expect(stderr).toContain(message);
  });
});
