import { createHash } from 'node:crypto';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../src-main/shared/report';
import { ingest, readTable, tempDir } from '../../helpers/env';
import { runJob } from '../../../src-main/core/jobs/runJob';
import { definitions } from '../../helpers/env';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
});
afterAll(() => cleanup());

const codes = (r: Report | null): string[] => (r?.issues ?? []).map((i) => i.code);
const find = (r: Report | null, code: string, column?: string) =>
  r?.issues.find((i) => i.code === code && (column === undefined || i.column === column));

const PATIENT_HEADER =
  'cohortPatientId,birthSex,presentSex,birthYear,race,hispanic,enrollDate,lastActivityDate,deathDate,deathDateSource,subSiteID,hivNegative,BirthCountry,transgendered,LastNDIDate';

describe('checks against the bundled definitions', () => {
  it('passes a clean patient table and types its columns', async () => {
    const src = [
      PATIENT_HEADER,
      '0001,Female,,1970,White,No,2010-01-05,2024-06-01,,,003,,US,No,',
      '0002,,Male,1985,Black,Unknown,2012-03-09,2023-11-30,2024-01-02,2,003,,,,2024-02-01',
    ].join('\n');
    const r = await ingest(dir, 'patient.csv', src + '\n');
    expect(r.report!.table).toBe('patient');
    expect(r.report!.tableDetected).toBe(true);
    expect(r.report!.issues.filter((i) => i.severity !== 'info')).toEqual([]);
    expect(r.report!.patientIds).toEqual({ column: 'cohortPatientId', distinct: 2, unknown: 0 });
    const types = await readTable(
      r.artifact!.path,
      "SELECT column_name AS c, data_type AS t FROM information_schema.columns WHERE table_name = 'data'",
    );
    const t = Object.fromEntries(types.map((x) => [x.c, x.t]));
    expect(t).toMatchObject({
      cohortPatientId: 'VARCHAR',
      birthYear: 'INTEGER',
      enrollDate: 'DATE',
      subSiteID: 'VARCHAR',
      _line: 'BIGINT',
    });
    const data = await readTable(
      r.artifact!.path,
      'SELECT subSiteID, birthYear FROM data ORDER BY _line',
    );
    expect(data[0]).toEqual({ subSiteID: '003', birthYear: 1970 });
  });

  it('finds every rule violation at its line, and keeps bad cells verbatim', async () => {
    const year = new Date().getFullYear();
    const src = [
      PATIENT_HEADER, // 1
      '0001,female,,1970,White,No,2010-01-05,2024-06-01,,,,,,,', // 2 case-mismatch birthSex
      '0002,Female,,19x0,White,No,2010-01-05,2024-06-01,,,,,,,', // 3 type birthYear
      '0003,Female,,1890,White,No,2010-01-05,2024-06-01,,,,,,,', // 4 range
      `0004,Female,,${year + 1},White,No,2010-01-05,2024-06-01,,,,,,,`, // 5 range (future year)
      '0005,Female,,1970,Martian,No,2021-02-30,2024-06-01,,,,,,,', // 6 allowed-values race, date-format enrollDate
      '0006,Female,,1970,White,Maybe,2010-01-05,2024-06-01,,,,,,,', // 7 allowed-values hispanic
      '0001,Female,,1970,White,No,2010-01-05,2024-06-01,,,,,,,', // 8 duplicate-id
      ',Female,,1970,White,No,2010-01-05,2024-06-01,,,,,,,', // 9 required cohortPatientId
      '0009,,,1970,White,No,2010-01-05,2024-06-01,,,,,,,', // 10 required-when (both sexes empty)
      '0010,Female,,1970,White,No,2010-01-05,2024-06-01,2020-01-01,,,,,,', // 11 required-when deathDateSource
      '0011,Female,,1970,White,No,2010-01-05,2009-06-01,,,,,,,', // 12 date-order lastActivity before enroll
      '0012,Female,,1970,White,Y,2010-01-05,2024-06-01,,,,,,,', // 13 boolean synonym: fine
    ].join('\n');
    const r = await ingest(dir, 'patient_dirty.csv', src + '\n', { table: 'patient' });
    const rep = r.report!;
    expect(rep.tableDetected).toBe(false);
    expect(find(rep, 'case-mismatch', 'birthSex')?.lines).toEqual([2]);
    expect(find(rep, 'type', 'birthYear')?.lines).toEqual([3]);
    expect(find(rep, 'type', 'birthYear')?.examples).toEqual(['19x0']);
    expect(find(rep, 'range', 'birthYear')?.lines).toEqual([4, 5]);
    expect(find(rep, 'allowed-values', 'race')?.lines).toEqual([6]);
    expect(find(rep, 'date-format', 'enrollDate')?.lines).toEqual([6]);
    expect(find(rep, 'allowed-values', 'hispanic')?.lines).toEqual([7]);
    expect(find(rep, 'duplicate-id', 'cohortPatientId')?.lines).toEqual([8]);
    expect(find(rep, 'duplicate-id', 'cohortPatientId')?.examples).toEqual([]);
    expect(find(rep, 'required', 'cohortPatientId')?.lines).toEqual([9]);
    expect(find(rep, 'required-when', 'birthSex')?.lines).toEqual([10]);
    expect(find(rep, 'required-when', 'deathDateSource')?.lines).toEqual([11]);
    expect(find(rep, 'date-order', 'lastActivityDate')?.lines).toEqual([12]);
    expect(rep.status).toBe('fail');
    expect(r.stage).toBe('blocked');
    const cells = await readTable(
      r.artifact!.path,
      'SELECT * FROM _invalid_cells ORDER BY _line, "column"',
    );
    expect(cells).toEqual([
      { _line: 3, column: 'birthYear', raw: '19x0' },
      { _line: 6, column: 'enrollDate', raw: '2021-02-30' },
    ]);
  });

  it('reports missing, extra and renamed columns', async () => {
    const src =
      'COHORTPATIENTID,testName,result,resultDate,source,notes\n1,Abs CD4,350,2020-01-01,L1,x\n';
    const r = await ingest(dir, 'lab_cols.csv', src, { table: 'laboratory' });
    const rep = r.report!;
    expect(find(rep, 'renamed-column', 'cohortPatientId')).toBeDefined();
    expect(
      rep.issues
        .filter((i) => i.code === 'missing-column')
        .map((i) => i.column)
        .sort(),
    ).toEqual(['interpretation', 'normalMax', 'normalMin', 'units']);
    expect(find(rep, 'extra-column')?.examples).toEqual(['notes']);
    // Definition order, then extras, then _line; missing columns are present and empty.
    expect(rep.columns.map((c) => c.name)).toEqual([
      'cohortPatientId',
      'testName',
      'result',
      'units',
      'normalMin',
      'normalMax',
      'interpretation',
      'resultDate',
      'source',
      'notes',
    ]);
    const data = await readTable(r.artifact!.path, 'SELECT * FROM data');
    expect(data[0]).toMatchObject({ cohortPatientId: '1', notes: 'x', units: null });
  });

  it('applies the CNICS column mapping for a CNICS cohort', async () => {
    const src =
      'sitePatientId,testName,result,units,normalMin,normalMax,interpretation,resultDate,source\n1,Abs CD4,350,,,,,2020-01-01,L1\n';
    const r = await ingest(dir, 'cnics_lab.csv', src, { cohort: 'UW - Seattle' });
    expect(r.report!.table).toBe('laboratory');
    expect(find(r.report, 'renamed-column', 'cohortPatientId')?.examples).toEqual([
      'sitePatientId → cohortPatientId',
    ]);
    expect(codes(r.report)).not.toContain('missing-column');
  });

  it('says when the table cannot be told from the header', async () => {
    const r = await ingest(dir, 'mystery.csv', 'foo,bar\n1,2\n');
    expect(find(r.report, 'table-unknown')).toBeDefined();
    expect(r.report!.table).toBeNull();
    expect(r.report!.status).toBe('fail');
  });

  it('checks patient IDs against the patient table, strict and permissive', async () => {
    const patients = await ingest(
      dir,
      'pt.csv',
      [
        PATIENT_HEADER,
        '00123,Female,,1970,White,No,2010-01-05,2024-06-01,,,,,,,',
        '00124,Male,,1971,Asian,No,2011-01-05,2024-06-01,,,,,,,',
      ].join('\n') + '\n',
    );
    const lab =
      [
        'cohortPatientId,testName,result,units,normalMin,normalMax,interpretation,resultDate,source',
        '00123,Abs CD4,350,cells/uL,1,2,,2021-01-01,L1',
        '123,Abs CD4,350,cells/uL,1,2,,2021-01-01,L1',
        '00124,Abs CD4,350,cells/uL,1,2,,2021-01-01,L1',
        '123,Abs CD4,351,cells/uL,1,2,,2021-01-02,L1',
        '99999,Abs CD4,351,cells/uL,1,2,,2021-01-02,L1',
      ].join('\n') + '\n';
    const strict = await ingest(dir, 'lab_ids.csv', lab, {
      patientsArtifact: patients.artifact!.path,
    });
    const u = find(strict.report, 'unknown-patient-id');
    expect(u).toMatchObject({
      severity: 'error',
      count: 1,
      distinct: 1,
      lines: [6],
      examples: [],
    });
    // 123 is 00123 with its zeros lost: named for that, not as an unknown patient.
    expect(find(strict.report, 'id-leading-zeros-lost')).toMatchObject({
      severity: 'error',
      count: 2,
      lines: [3, 5],
      examples: [],
      fix: {
        rule: 'restore-leading-zeros',
        column: 'cohortPatientId',
        params: { width: 5, prefix: '' },
        cells: 2,
      },
    });
    expect(strict.report!.patientIds).toEqual({
      column: 'cohortPatientId',
      distinct: 4,
      unknown: 1,
    });
    const lenient = await ingest(dir, 'lab_ids2.csv', lab, {
      patientsArtifact: patients.artifact!.path,
      patientPolicy: { mode: 'permissive', threshold: 1 },
    });
    expect(find(lenient.report, 'unknown-patient-id')?.severity).toBe('warning');
    const over = await ingest(dir, 'lab_ids3.csv', lab, {
      patientsArtifact: patients.artifact!.path,
      patientPolicy: { mode: 'permissive', threshold: 0 },
    });
    expect(find(over.report, 'unknown-patient-id')?.severity).toBe('error');
    const none = await ingest(dir, 'lab_ids4.csv', lab);
    expect(find(none.report, 'no-patient-table')?.severity).toBe('warning');
    expect(codes(none.report)).not.toContain('unknown-patient-id');
  });

  it('ingests a 1-million-row laboratory file: exact count, verified artifact, source hash', async () => {
    const path = join(dir, 'lab_1m.csv');
    const out = createWriteStream(path);
    out.write(
      'cohortPatientId,testName,result,units,normalMin,normalMax,interpretation,resultDate,source\n',
    );
    const tests = ['Abs CD4', 'HIV-1 RNA', 'Albumin', 'Creatinine'];
    let chunk = '';
    for (let i = 0; i < 1_000_000; i++) {
      const day = String((i % 28) + 1).padStart(2, '0');
      chunk += `${String(i % 50_000).padStart(6, '0')},${tests[i % 4]},${i % 1000},cells/uL,0,1000,Normal,2020-03-${day},L1\n`;
      if (chunk.length > 1 << 20) {
        out.write(chunk);
        chunk = '';
      }
    }
    out.end(chunk);
    await new Promise<void>((res) => out.on('finish', () => res()));
    const r = await runJob(path, {
      home: join(dir, 'home'),
      definitions: await definitions(),
      keepArtifact: true,
      table: 'laboratory',
      threads: 2,
    });
    const rep = r.report!;
    expect(rep.rows).toBe(1_000_000);
    expect(rep.rowsStored).toBe(1_000_000);
    expect(rep.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(rep.file.sha256).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
    expect(r.artifact!.sha256).toBe(
      createHash('sha256').update(readFileSync(r.artifact!.path)).digest('hex'),
    );
    expect(rep.patientIds?.distinct).toBe(50_000);
    const [row] = await readTable(
      r.artifact!.path,
      'SELECT count(*) AS n, min(_line) AS lo, max(_line) AS hi, count(DISTINCT _line) AS d FROM data',
    );
    expect(row).toEqual({ n: 1_000_000, lo: 2, hi: 1_000_001, d: 1_000_000 });
    const [last] = await readTable(
      r.artifact!.path,
      'SELECT cohortPatientId, result FROM data WHERE _line = 1000001',
    );
    expect(last).toEqual({ cohortPatientId: '049999', result: '999' });
    // Every row sits at its own line: its values are a function of the line number.
    const [misplaced] = await readTable(
      r.artifact!.path,
      `SELECT count(*) AS n FROM data
       WHERE cohortPatientId <> lpad(((_line - 2) % 50000)::VARCHAR, 6, '0')
          OR result <> ((_line - 2) % 1000)::VARCHAR
          OR day(resultDate) <> (_line - 2) % 28 + 1`,
    );
    expect(misplaced).toEqual({ n: 0 });
  });
});
