/**
 * The fix pass in the convert worker's DuckDB session (in this process): a fixed artifact from
 * an unfixed one, `_fixes` holding exactly the changed cells with their originals, cells that
 * now fit leaving `_invalid_cells`, the checks run again on the result, and every source cell
 * rebuilt from the fixed artifact plus `_fixes`. `redact`, plugged in here by a stand-in (the
 * real one is the identifier screen's), keeps its originals only in a private local store.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArtifactBuilder } from '../../../src-main/core/convert/convert';
import type { FixRequest } from '../../../src-main/core/convert/fixMap';
import { previewFixes } from '../../../src-main/core/convert/fixPreview';
import { planColumns } from '../../../src-main/core/precheck/columnPlan';
import { registerFixRule } from '../../../src-main/core/precheck/fixes/registry';
import { redactRule } from '../../../src-main/core/precheck/phi/redactRule';
import { privateDir } from '../../../src-main/core/paths';
import type { JobResult } from '../../../src-main/core/jobs/runJob';
import { definitions, ingest, readTable, tempDir } from '../../helpers/env';
import {
  PATIENT_COLUMNS,
  patientIds,
  patientRow,
  sasDate,
  writeExport,
} from '../../helpers/toolExports';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir('courier-fixpass-'));
});
afterAll(() => cleanup());

const COLUMNS = [...PATIENT_COLUMNS, 'note'];
const ids = patientIds(12);
const CSV = { delimiter: ',', eol: '\n', missing: '' } as const;

/** A patient export with a tool's fingerprints on known rows, and a free-text extra column. */
function patientExport() {
  const rows = ids.map((id, i) =>
    patientRow(id, {
      enrollDate: i % 2 === 0 ? sasDate(`2010-0${(i % 9) + 1}-1${i % 10}`) : '2010-01-01',
      lastActivityDate: i === 3 ? 'NA' : '2020-01-01',
      race: i === 5 ? 'white' : 'White',
      hispanic: i === 7 ? 'Y' : 'No',
      note: i === 9 ? 'call 555-0199 please' : i === 10 ? 'seen' : null,
    }),
  );
  return writeExport(COLUMNS, rows, CSV);
}

async function unfixed(): Promise<{ job: JobResult; text: string; lines: number[] }> {
  const e = patientExport();
  const job = await ingest(dir, 'patient.csv', e.text, { table: 'patient' });
  expect(job.artifact, job.error ?? '').not.toBeNull();
  return { job, text: e.text, lines: e.lines };
}

/** Runs the pass, then the checks, on a new artifact; returns its path and what it found. */
async function fixArtifact(job: JobResult, fixes: FixRequest[], name: string) {
  const defs = await definitions();
  const def = defs.get('patient')!;
  const plan = planColumns(COLUMNS, def).columns;
  const builder = new ArtifactBuilder();
  const dbPath = join(dir, `${name}.duckdb`);
  const store = join(privateDir(join(dir, 'private')), `${name}.duckdb`);
  await builder.open({ dbPath, tempDir: join(dir, 'tmp'), threads: 2, memoryLimit: '256MB' });
  const pass = await builder.fix({
    source: job.artifact!.path,
    columns: plan,
    patientIdColumn: null,
    patients: null,
    fixes,
    privateStore: store,
  });
  const built = await builder.build({
    columns: pass.columns,
    definition: def,
    patientIdColumn: 'cohortPatientId',
    patients: null,
  });
  await builder.finalize({ fixes: pass.applied }, job.report!.rows);
  return { dbPath, store, pass, built };
}

const fixes: FixRequest[] = [
  { rule: 'iso-date', column: 'enrollDate', params: { from: 'DDMONYYYY' } },
  { rule: 'missing-to-empty', column: 'lastActivityDate', params: { codes: ['NA'] } },
  { rule: 'case-to-documented', column: 'race', params: {} },
  { rule: 'map-values', column: 'hispanic', params: { map: { Y: 'Yes' } } },
];

describe('the fix pass', () => {
  it('rewrites the cells, records each one, and the checks find nothing left of it', async () => {
    const { job, lines } = await unfixed();
    const before = job.report!.issues.map((i) => `${i.code} ${i.column}`).sort();
    expect(before).toEqual(
      expect.arrayContaining([
        'date-pattern enrollDate',
        'missing-code lastActivityDate',
        'case-mismatch race',
        'synonym hispanic',
      ]),
    );
    const { dbPath, pass, built } = await fixArtifact(job, fixes, 'fixed');
    expect(pass.applied).toEqual([
      { rule: 'iso-date', column: 'enrollDate', params: { from: 'DDMONYYYY' }, cells: 6 },
      { rule: 'missing-to-empty', column: 'lastActivityDate', params: { codes: ['NA'] }, cells: 1 },
      { rule: 'case-to-documented', column: 'race', params: {}, cells: 1 },
      { rule: 'map-values', column: 'hispanic', params: { map: { Y: 'Yes' } }, cells: 1 },
    ]);
    const left = built.issues.map((i) => i.code);
    for (const code of ['date-pattern', 'missing-code', 'case-mismatch', 'synonym', 'date-format'])
      expect(left).not.toContain(code);
    // The required lastActivityDate is empty now: that is the next thing to fix, at its line.
    expect(built.issues.find((i) => i.code === 'required')).toMatchObject({
      column: 'lastActivityDate',
      lines: [lines[3]],
    });
    const f = await readTable(dbPath, 'SELECT * FROM _fixes ORDER BY _line, "column"');
    const day = (i: number): string => `2010-0${(i % 9) + 1}-1${i % 10}`;
    expect(f).toEqual(
      [
        ...[0, 2, 4, 6, 8, 10].map((i) => ({
          _line: lines[i],
          column: 'enrollDate',
          original: sasDate(day(i)),
          fixed: day(i),
          rule: 'iso-date',
        })),
        {
          _line: lines[3],
          column: 'lastActivityDate',
          original: 'NA',
          fixed: '',
          rule: 'missing-to-empty',
        },
        {
          _line: lines[5],
          column: 'race',
          original: 'white',
          fixed: 'White',
          rule: 'case-to-documented',
        },
        { _line: lines[7], column: 'hispanic', original: 'Y', fixed: 'Yes', rule: 'map-values' },
      ].sort((a, b) => a._line! - b._line! || a.column.localeCompare(b.column)),
    );
    const byRule = await readTable(
      dbPath,
      'SELECT rule, count(*) AS n, count(original) AS kept FROM _fixes GROUP BY rule ORDER BY rule',
    );
    expect(byRule).toEqual([
      { rule: 'case-to-documented', n: 1, kept: 1 },
      { rule: 'iso-date', n: 6, kept: 6 },
      { rule: 'map-values', n: 1, kept: 1 },
      { rule: 'missing-to-empty', n: 1, kept: 1 },
    ]);
    expect(await readTable(dbPath, 'SELECT count(*) AS n FROM _invalid_cells')).toEqual([{ n: 0 }]);
    const [r] = await readTable(
      dbPath,
      `SELECT race, hispanic FROM data WHERE _line = ${lines[5]}`,
    );
    expect(r).toEqual({ race: 'White', hispanic: 'No' });
  });

  it('rebuilds every source cell from the fixed artifact plus _fixes', async () => {
    const { job, text } = await unfixed();
    const { dbPath } = await fixArtifact(
      job,
      [...fixes, { rule: 'drop-column', column: 'note', params: {} }],
      'lossless',
    );
    const cols = (await readTable(dbPath, 'DESCRIBE data')).map((c) => String(c.column_name));
    expect(cols).not.toContain('note');
    // Typed values as text the way DuckDB writes them: dates YYYY-MM-DD, years as digits.
    const data = await readTable(
      dbPath,
      `SELECT ${cols.map((c) => `"${c}"::VARCHAR AS "${c}"`).join(', ')} FROM data`,
    );
    const invalid = await readTable(dbPath, 'SELECT * FROM _invalid_cells');
    const changed = await readTable(dbPath, 'SELECT * FROM _fixes');
    const cell = (line: number, column: string): string => {
      const fix = changed.find((x) => x._line === line && x.column === column);
      if (fix) return String(fix.original);
      const bad = invalid.find((x) => x._line === line && x.column === column);
      if (bad) return String(bad.raw);
      const row = data.find((x) => x._line === String(line))!;
      const v = row[column];
      return v === null || v === undefined ? '' : String(v);
    };
    const rows = text
      .trimEnd()
      .split('\n')
      .map((l) => l.split(','));
    const header = rows[0]!;
    let checked = 0;
    rows.slice(1).forEach((fields, i) => {
      header.forEach((column, k) => {
        expect(cell(i + 2, column), `line ${i + 2} ${column}`).toBe(fields[k] ?? '');
        checked++;
      });
    });
    expect(checked).toBe(ids.length * COLUMNS.length);
  });

  it('previews the changed values, by line, without writing anything', async () => {
    const { job, lines } = await unfixed();
    const defs = await definitions();
    const plan = planColumns(COLUMNS, defs.get('patient')!).columns;
    const before = statSync(job.artifact!.path).mtimeMs;
    const preview = await previewFixes({
      artifact: job.artifact!.path,
      columns: plan,
      patientIdColumn: null,
      patients: null,
      fixes: [fixes[0]!, { rule: 'drop-column', column: 'note', params: {} }],
      limit: 2,
    });
    expect(preview).toEqual([
      {
        rule: 'iso-date',
        column: 'enrollDate',
        cells: 6,
        samples: [
          { line: lines[0], before: sasDate('2010-01-10'), after: '2010-01-10' },
          { line: lines[2], before: sasDate('2010-03-12'), after: '2010-03-12' },
        ],
        note: null,
      },
      {
        rule: 'drop-column',
        column: 'note',
        cells: 2,
        samples: [
          { line: lines[9], before: 'call 555-0199 please', after: null },
          { line: lines[10], before: 'seen', after: null },
        ],
        note: null,
      },
    ]);
    expect(statSync(job.artifact!.path).mtimeMs).toBe(before);
  });

  it('keeps redacted originals out of the artifact, in a private store only', async () => {
    registerFixRule({
      rule: 'redact',
      kind: 'value',
      keepsOriginal: false,
      fits: () => null,
      checkParams: () => null,
      // A stand-in for the identifier screen's redactText: phone numbers only.
      apply: (v) => (/555-\d{4}/.test(v) ? v.replace(/555-\d{4}/g, '[PHONE]') : null),
      describe: (_p, c) => `identifiers in "${c}" redacted`,
    });
    try {
      const { job, lines } = await unfixed();
      const { dbPath, store, pass } = await fixArtifact(
        job,
        [{ rule: 'redact', column: 'note', params: {} }],
        'redacted',
      );
      expect(pass.applied).toEqual([{ rule: 'redact', column: 'note', params: {}, cells: 1 }]);
      expect(await readTable(dbPath, 'SELECT * FROM _fixes')).toEqual([
        {
          _line: lines[9],
          column: 'note',
          original: null,
          fixed: 'call [PHONE] please',
          rule: 'redact',
        },
      ]);
      expect(await readTable(dbPath, `SELECT note FROM data WHERE _line = ${lines[9]}`)).toEqual([
        { note: 'call [PHONE] please' },
      ]);
      expect(await readTable(store, 'SELECT * FROM originals')).toEqual([
        { _line: lines[9], column: 'note', original: 'call 555-0199 please', rule: 'redact' },
      ]);
      // Nothing of the original anywhere in the artifact.
      const all = await readTable(
        dbPath,
        "SELECT (SELECT count(*) FROM data WHERE note LIKE '%555-%') + (SELECT count(*) FROM _fixes WHERE original LIKE '%555-%') + (SELECT count(*) FROM _invalid_cells WHERE raw LIKE '%555-%') AS n",
      );
      expect(all).toEqual([{ n: 0 }]);
      expect(statSync(join(dir, 'private')).mode & 0o077).toBe(0);
    } finally {
      registerFixRule(redactRule);
    }
  });
});
