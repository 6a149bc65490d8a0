import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArtifactBuilder } from '../../../src-main/core/convert/convert';
import { planColumns } from '../../../src-main/core/precheck/columnPlan';
import { definitions, readTable, tempDir } from '../../helpers/env';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
});
afterAll(() => cleanup());

const HEADER =
  'cohortPatientId,testName,result,units,normalMin,normalMax,interpretation,resultDate,source';

describe('the artifact builder', () => {
  it('writes every row’s _line across update slices, and keeps text that is not a date', async () => {
    const rows = 10_007;
    const lines = [HEADER];
    for (let i = 0; i < rows; i++) {
      // Every 97th date is not a date: kept verbatim in _invalid_cells at its line.
      const date =
        i % 97 === 0 ? `31/12/20${i % 100}` : `2020-01-${String((i % 28) + 1).padStart(2, '0')}`;
      lines.push(`P${i},Albumin,${i},g/dL,3.5,5.0,,${date},L1`);
    }
    const csv = join(dir, 'lab.csv');
    writeFileSync(csv, `${lines.join('\n')}\n`);
    const defs = await definitions();
    const def = defs.get('laboratory')!;
    const plan = planColumns(HEADER.split(','), def).columns;
    const builder = new ArtifactBuilder();
    const db = join(dir, 'lab.duckdb');
    await builder.open({
      dbPath: db,
      tempDir: join(dir, 'tmp'),
      threads: 2,
      memoryLimit: '256MB',
      lineChunkRows: 1000, // eleven slices, the last one short
    });
    const loaded = await builder.load(
      {
        path: csv,
        normalized: false,
        delimiter: ',',
        columns: 9,
        newLine: 'lf',
        maxRecordBytes: 0,
        plan,
      },
      1,
    );
    expect(loaded).toBe(rows);
    const built = await builder.build({
      columns: plan,
      definition: def,
      patientIdColumn: 'cohortPatientId',
      patients: null,
    });
    expect(built.rowsStored).toBe(rows);
    expect(built.invalidCells).toBe(Math.ceil(rows / 97));
    await builder.finalize({ test: true }, rows);

    const [misplaced] = await readTable(
      db,
      `SELECT count(*) AS n, count(_line) AS lines, min(_line) AS lo, max(_line) AS hi FROM data
       WHERE cohortPatientId <> 'P' || (_line - 2) OR result <> (_line - 2)::VARCHAR`,
    );
    expect(misplaced).toEqual({ n: 0, lines: 0, lo: null, hi: null });
    const [all] = await readTable(
      db,
      'SELECT count(DISTINCT _line) AS d, max(_line) AS hi FROM data',
    );
    expect(all).toEqual({ d: rows, hi: rows + 1 });
    const invalid = await readTable(
      db,
      'SELECT _line, "column", raw FROM _invalid_cells ORDER BY _line',
    );
    expect(invalid[0]).toEqual({ _line: 2, column: 'resultDate', raw: '31/12/200' });
    expect(invalid.every((c) => (c._line as number) % 97 === 2 % 97)).toBe(true);
    // The temporary text columns are gone: data has the definition's columns, then _line.
    const cols = await readTable(
      db,
      "SELECT column_name FROM duckdb_columns() WHERE table_name = 'data'",
    );
    expect(cols.map((c) => c.column_name)).toEqual([...HEADER.split(','), '_line']);
  });

  it('remembers an interrupt that finds no query running, for the load or build it was meant for', async () => {
    const csv = join(dir, 'small.csv');
    writeFileSync(csv, `${HEADER}\nP1,Albumin,4.1,g/dL,3.5,5.0,,2020-01-01,L1\n`);
    const defs = await definitions();
    const def = defs.get('laboratory')!;
    const plan = planColumns(HEADER.split(','), def).columns;
    const params = {
      path: csv,
      normalized: false,
      delimiter: ',',
      columns: 9,
      newLine: 'lf' as const,
      maxRecordBytes: 0,
      plan,
    };
    const builder = new ArtifactBuilder();
    await builder.open({
      dbPath: join(dir, 'small.duckdb'),
      tempDir: join(dir, 'tmp2'),
      threads: 1,
      memoryLimit: '128MB',
    });
    try {
      // Sent while the worker was still opening: the load it was meant for stops at once…
      builder.interrupt(true);
      await expect(builder.load(params, 1)).rejects.toMatchObject({ code: 'cancelled' });
      // …and only that one.
      expect(await builder.load(params, 1)).toBe(1);
      // Once a load has ended, a late "stop that load" is ignored.
      builder.interrupt(true);
      expect(await builder.load(params, 1)).toBe(1);
      // A cancel between statements stops the checking.
      builder.interrupt();
      await expect(
        builder.build({ columns: plan, definition: def, patientIdColumn: null, patients: null }),
      ).rejects.toMatchObject({ code: 'cancelled' });
    } finally {
      builder.close();
    }
  });
});
