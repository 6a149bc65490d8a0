import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../src-main/shared/report';
import type { DefinitionSet } from '../../../src-main/core/definitions/loader';
import { runJob } from '../../../src-main/core/jobs/runJob';
import { INJECTABLE_CODES } from '../../../src-main/core/sample/errorPlan';
import type { Answer } from '../../../src-main/core/sample/generate';
import { generateSample } from '../../../src-main/core/sample/generate';
import { definitions, NAACCORD_TABLES, tempDir } from '../../helpers/env';

let dir: string;
let cleanup: () => void;
let defs: DefinitionSet;
let tables: string[];
let answers: Answer[];
const reports = new Map<string, { valid: Report; dirty: Report }>();

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  defs = await definitions();
  tables = defs.ordered().map((d) => d.table);
  await generateSample({
    tables: ['all'],
    rows: 240,
    seed: 7,
    errors: 0,
    outDir: join(dir, 'valid'),
    definitions: defs,
  });
  const dirty = await generateSample({
    tables: ['all'],
    rows: 240,
    seed: 8,
    errors: 0.1,
    outDir: join(dir, 'dirty'),
    definitions: defs,
  });
  answers = dirty.answers!;
  const run = (folder: string, table: string, patientsArtifact: string | null) =>
    runJob(join(dir, folder, `${table}.csv`), {
      home: join(dir, `home-${folder}`),
      definitions: defs,
      keepArtifact: table === 'patient',
      threads: 2,
      patientsArtifact,
    });
  const validPatient = await run('valid', 'patient', null);
  const dirtyPatient = await run('dirty', 'patient', null);
  for (const t of tables) {
    const valid =
      t === 'patient' ? validPatient : await run('valid', t, validPatient.artifact!.path);
    const dirtyJob =
      t === 'patient' ? dirtyPatient : await run('dirty', t, dirtyPatient.artifact!.path);
    reports.set(t, { valid: valid.report!, dirty: dirtyJob.report! });
  }
}, 240_000);
afterAll(() => cleanup());

describe('every table, generated valid and dirty', () => {
  it('covers the 16 NA-ACCORD tables', () => {
    expect(tables).toHaveLength(16);
  });

  it('injects every code the generator knows, so that the answer key covers each one', () => {
    expect(new Set(answers.map((a) => a.code))).toEqual(new Set(INJECTABLE_CODES));
  });

  it.each(NAACCORD_TABLES)(
    '%s: the valid file has no issue, the table is detected, and every injected error is found at its line and nothing else',
    (table) => {
      const { valid, dirty } = reports.get(table)!;
      expect(valid.table).toBe(table);
      expect(valid.tableDetected).toBe(true);
      expect(valid.issues).toEqual([]);
      expect(valid.status).toBe('pass');
      expect(valid.rowsStored).toBe(valid.rows);

      const mine = answers.filter((a) => a.file === `${table}.csv`);
      expect(mine.length).toBeGreaterThan(0);
      const expected = new Map<string, number[]>();
      for (const a of mine) {
        const key = `${a.code} ${a.column ?? ''}`;
        expected.set(key, [...(expected.get(key) ?? []), a.line]);
      }
      const got = new Map(dirty.issues.map((i) => [`${i.code} ${i.column ?? ''}`, i.lines]));
      expect(got).toEqual(expected);
      expect(dirty.rows).toBe(dirty.rowsStored + dirty.rowsRejected);
    },
  );
});
