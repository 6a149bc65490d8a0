/**
 * Files as the tools write them, each checked end to end (scan, load, every check): the
 * issue that names the tool, at its exact lines, with its pattern and its fix proposal, and
 * no other issue on those cells.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Issue, Report } from '../../../src-main/shared/report';
import type { JobOptions } from '../../../src-main/core/jobs/runJob';
import { ingest, tempDir } from '../../helpers/env';
import type { Row } from '../../helpers/toolExports';
import {
  CENSUS_COLUMNS,
  LAB_COLUMNS,
  PATIENT_COLUMNS,
  excelNumber,
  excelSerial,
  frenchNumber,
  labDay,
  labRow,
  patientIds,
  patientRow,
  sasDate,
  slashDate,
  usShortDate,
  writeExport,
} from '../../helpers/toolExports';

let dir: string;
let cleanup: () => void;
let patients: string;
const ids = patientIds(20);
const CSV = { delimiter: ',', eol: '\n', missing: '' } as const;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('courier-tools-'));
  const p = writeExport(
    PATIENT_COLUMNS,
    ids.map((id) => patientRow(id)),
    CSV,
  );
  const job = await ingest(dir, 'patient.csv', p.text, { table: 'patient' });
  expect(job.report!.issues).toEqual([]);
  patients = job.artifact!.path;
}, 60_000);
afterAll(() => cleanup());

/** What a test compares of an issue. */
function shape(i: Issue): Partial<Issue> {
  const out: Partial<Issue> = {
    code: i.code,
    severity: i.severity,
    column: i.column,
    lines: i.lines,
  };
  if (i.pattern) out.pattern = i.pattern;
  if (i.fix) out.fix = i.fix;
  return out;
}

function sorted(issues: Partial<Issue>[]): Partial<Issue>[] {
  const key = (i: Partial<Issue>): string => `${i.code} ${i.column ?? ''} ${i.pattern ?? ''}`;
  return [...issues].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

async function check(name: string, text: string, opts: Partial<JobOptions>): Promise<Report> {
  const job = await ingest(dir, name, text, { patientsArtifact: patients, ...opts });
  expect(job.report, job.error ?? '').not.toBeNull();
  return job.report!;
}

function expectIssues(report: Report, expected: Partial<Issue>[]): void {
  expect(sorted(report.issues.map(shape))).toEqual(sorted(expected));
  expect(report.rows).toBe(report.rowsStored + report.rowsRejected);
}

const at = (lines: number[], pick: (i: number) => boolean): number[] =>
  lines.filter((_, i) => pick(i));

describe('a SAS export: DATE9 dates and . for missing values', () => {
  it('names the SAS dates and the codes, and nothing else', async () => {
    const rows: Row[] = ids.slice(0, 12).map((id, i) =>
      labRow(id, i, {
        resultDate: i === 11 ? '.' : sasDate(labDay(i), i === 10 ? 2 : 4),
        interpretation: i % 3 === 0 ? '.' : 'Normal',
      }),
    );
    const e = writeExport(LAB_COLUMNS, rows, CSV);
    const r = await check('sas_lab.csv', e.text, { table: 'laboratory' });
    const dates = e.lines.slice(0, 11);
    expectIssues(r, [
      {
        code: 'date-pattern',
        severity: 'error',
        column: 'resultDate',
        lines: dates,
        pattern: 'DDMONYYYY',
        fix: { rule: 'iso-date', column: 'resultDate', params: { from: 'DDMONYYYY' }, cells: 11 },
      },
      {
        code: 'missing-code',
        severity: 'error',
        column: 'resultDate',
        lines: [e.lines[11]!],
        fix: { rule: 'missing-to-empty', column: 'resultDate', params: { codes: ['.'] }, cells: 1 },
      },
      {
        code: 'missing-code',
        severity: 'warning',
        column: 'interpretation',
        lines: at(e.lines, (i) => i % 3 === 0),
        fix: {
          rule: 'missing-to-empty',
          column: 'interpretation',
          params: { codes: ['.'] },
          cells: 4,
        },
      },
    ]);
    const sas = r.issues.find((i) => i.code === 'date-pattern')!;
    expect(sas.message).toContain('SAS DATE9');
    expect(sas.hint).toContain('yymmdd10.');
    expect(r.issues.find((i) => i.column === 'interpretation')!.examples).toEqual(['.']);
  });
});

describe('an R export: write.csv quotes text, writes NA and date-times', () => {
  it('names the date-times and the NA codes, required or not', async () => {
    const rows: Row[] = ids.slice(0, 8).map((id, i) =>
      labRow(id, i, {
        resultDate: i < 5 ? `${labDay(i)} 08:3${i}:00` : labDay(i),
        units: i === 2 ? null : 'cells/uL',
        result: i === 6 ? null : String(500 + i),
      }),
    );
    const e = writeExport(LAB_COLUMNS, rows, { ...CSV, quoteAll: true, missing: 'NA' });
    const r = await check('r_lab.csv', e.text, { table: 'laboratory' });
    expectIssues(r, [
      {
        code: 'date-pattern',
        severity: 'error',
        column: 'resultDate',
        lines: e.lines.slice(0, 5),
        pattern: 'YYYY-MM-DD hh:mm:ss',
        fix: {
          rule: 'iso-date',
          column: 'resultDate',
          params: { from: 'YYYY-MM-DD hh:mm:ss' },
          cells: 5,
        },
      },
      {
        code: 'missing-code',
        severity: 'warning',
        column: 'units',
        lines: [e.lines[2]!],
        fix: { rule: 'missing-to-empty', column: 'units', params: { codes: ['NA'] }, cells: 1 },
      },
      {
        code: 'missing-code',
        severity: 'error',
        column: 'result',
        lines: [e.lines[6]!],
        fix: { rule: 'missing-to-empty', column: 'result', params: { codes: ['NA'] }, cells: 1 },
      },
    ]);
    expect(r.issues.find((i) => i.column === 'result')!.hint).toContain('na = ""');
  });
});

describe('a file saved by Excel: sep= line, CRLF, serial dates, IDs read as numbers', () => {
  it('names each fingerprint at its physical line', async () => {
    const rows: Row[] = ids.slice(0, 10).map((id, i) =>
      labRow(i < 4 ? excelNumber(id) : i === 4 ? `${id} ` : i === 5 ? '4.30E+01' : id, i, {
        resultDate: i % 2 === 0 ? excelSerial(labDay(i)) : usShortDate(labDay(i)),
      }),
    );
    const e = writeExport(LAB_COLUMNS, rows, { ...CSV, eol: '\r\n', sepLine: true });
    expect(e.lines[0]).toBe(3);
    const r = await check('excel_lab.csv', e.text, { table: 'laboratory' });
    expectIssues(r, [
      { code: 'sep-line', severity: 'info', column: null, lines: [1] },
      { code: 'line-endings', severity: 'info', column: null, lines: [] },
      {
        code: 'id-leading-zeros-lost',
        severity: 'error',
        column: 'cohortPatientId',
        lines: e.lines.slice(0, 4),
        fix: {
          rule: 'restore-leading-zeros',
          column: 'cohortPatientId',
          params: { width: 4, prefix: '' },
          cells: 4,
        },
      },
      {
        code: 'id-whitespace',
        severity: 'error',
        column: 'cohortPatientId',
        lines: [e.lines[4]!],
        fix: { rule: 'trim', column: 'cohortPatientId', params: {}, cells: 1 },
      },
      {
        code: 'id-scientific-notation',
        severity: 'error',
        column: 'cohortPatientId',
        lines: [e.lines[5]!],
      },
      {
        code: 'date-pattern',
        severity: 'error',
        column: 'resultDate',
        lines: at(e.lines, (i) => i % 2 === 0),
        pattern: 'excel-serial',
        fix: {
          rule: 'iso-date',
          column: 'resultDate',
          params: { from: 'excel-serial', epoch: '1899-12-30' },
          cells: 5,
        },
      },
      {
        code: 'date-pattern',
        severity: 'error',
        column: 'resultDate',
        lines: at(e.lines, (i) => i % 2 === 1),
        pattern: 'M/D/YY',
        fix: { rule: 'iso-date', column: 'resultDate', params: { from: 'M/D/YY' }, cells: 5 },
      },
    ]);
    expect(r.file.delimiter).toBe(',');
    expect(r.patientIds?.unknown).toBe(0);
    const sci = r.issues.find((i) => i.code === 'id-scientific-notation')!;
    expect(sci.message).toContain('may be lost');
    expect(sci.examples).toEqual([]);
    const zeros = r.issues.find((i) => i.code === 'id-leading-zeros-lost')!;
    expect(zeros.hint).toContain('Text');
    expect(zeros.examples).toEqual([]);
  });
});

describe('a French-locale export: semicolons, decimal commas, day-first dates', () => {
  it('names the locale numbers (warnings in the census table) and the dates', async () => {
    const rows: Row[] = ids.slice(0, 6).map((id, i) => ({
      cohortPatientId: id,
      resDate: slashDate(labDay(10 + i * 3), true),
      mTractIncome: frenchNumber(618.25 + i, 2),
      mZCTAIncome: i < 3 ? frenchNumber(1512.5 + i, 1) : '812',
      pTractEmployed: frenchNumber(0.523, 3),
      pStateCollege: '0.4',
    }));
    const e = writeExport(CENSUS_COLUMNS, rows, { ...CSV, delimiter: ';' });
    const r = await check('census_fr.csv', e.text, { table: 'census' });
    const decimal = (column: string) => ({
      code: 'decimal-comma' as const,
      severity: 'warning' as const,
      column,
      lines: e.lines,
      fix: { rule: 'decimal-point' as const, column, params: {}, cells: 6 },
    });
    expectIssues(r, [
      { code: 'delimiter', severity: 'warning', column: null, lines: [] },
      {
        code: 'date-pattern',
        severity: 'error',
        column: 'resDate',
        lines: e.lines,
        pattern: 'DD/MM/YYYY',
        fix: { rule: 'iso-date', column: 'resDate', params: { from: 'DD/MM/YYYY' }, cells: 6 },
      },
      decimal('mTractIncome'),
      decimal('pTractEmployed'),
      {
        code: 'thousands-separator',
        severity: 'warning',
        column: 'mZCTAIncome',
        lines: e.lines.slice(0, 3),
        fix: {
          rule: 'drop-thousands-separator',
          column: 'mZCTAIncome',
          params: { separators: ['\u202f'], decimal: ',' },
          cells: 3,
        },
      },
    ]);
  });
});

describe('slash dates: the whole column decides day or month first', () => {
  const run = async (name: string, dates: string[]): Promise<Report> => {
    const rows = dates.map((d, i) => labRow(ids[i]!, i, { resultDate: d }));
    const e = writeExport(LAB_COLUMNS, rows, CSV);
    return check(name, e.text, { table: 'laboratory' });
  };

  it('reads a column with a 13 or more in the second place as month first', async () => {
    const r = await run('us.csv', ['02/10/2024', '02/13/2024', '3/5/2024']);
    expectIssues(r, [
      {
        code: 'date-pattern',
        severity: 'error',
        column: 'resultDate',
        lines: [2, 3, 4],
        pattern: 'MM/DD/YYYY',
        fix: { rule: 'iso-date', column: 'resultDate', params: { from: 'MM/DD/YYYY' }, cells: 3 },
      },
    ]);
  });

  it('proposes no fix where every date reads both ways', async () => {
    const r = await run('ambiguous.csv', ['02/10/2024', '03/11/2024']);
    expectIssues(r, [
      {
        code: 'date-pattern',
        severity: 'error',
        column: 'resultDate',
        lines: [2, 3],
        pattern: 'ambiguous-day-month',
      },
    ]);
    expect(r.issues[0]!.hint).toContain('no automatic fix');
  });

  it('leaves as date-format what fits no pattern, or a column split both ways', async () => {
    const r = await run('mixed.csv', ['13/02/2024', '02/13/2024', '2024-02-30', '2024/02/03']);
    expectIssues(r, [
      { code: 'date-format', severity: 'error', column: 'resultDate', lines: [2, 3, 4, 5] },
    ]);
  });
});

describe('yes/no answers: synonyms and case', () => {
  it('names each synonym with its documented spelling, and case alone as case-mismatch', async () => {
    const values = ['Yes', 'Y', '1', 'true', 'yes', 'NA', 'No', 'Maybe', 'N/A '];
    const rows = values.map((h, i) => patientRow(ids[i]!, { hispanic: h }));
    const e = writeExport(PATIENT_COLUMNS, rows, CSV);
    const r = await check('patient_synonyms.csv', e.text, {
      table: 'patient',
      patientsArtifact: null,
    });
    expectIssues(r, [
      {
        code: 'synonym',
        severity: 'info',
        column: 'hispanic',
        lines: [e.lines[1]!, e.lines[2]!, e.lines[3]!, e.lines[5]!, e.lines[8]!],
        fix: {
          rule: 'map-values',
          column: 'hispanic',
          params: { map: { '1': 'Yes', NA: 'Unknown', 'N/A ': 'Unknown', Y: 'Yes', true: 'Yes' } },
          cells: 5,
        },
      },
      {
        code: 'case-mismatch',
        severity: 'info',
        column: 'hispanic',
        lines: [e.lines[4]!],
        fix: { rule: 'case-to-documented', column: 'hispanic', params: {}, cells: 1 },
      },
      { code: 'allowed-values', severity: 'error', column: 'hispanic', lines: [e.lines[7]!] },
    ]);
    expect(r.issues.find((i) => i.code === 'synonym')!.message).toContain('Y for Yes');
  });
});

describe("the depot's rules to the letter", () => {
  it('allows a conditional column absent beside its partner, and reads it as empty', async () => {
    const columns = PATIENT_COLUMNS.filter((c) => c !== 'birthSex');
    const rows = ids
      .slice(0, 4)
      .map((id, i) => patientRow(id, { birthSex: null, presentSex: i === 2 ? null : 'Female' }));
    const e = writeExport(columns, rows, CSV);
    const r = await check('patient_nobirthsex.csv', e.text, {
      table: 'patient',
      patientsArtifact: null,
    });
    expectIssues(r, [
      { code: 'missing-column', severity: 'warning', column: 'birthSex', lines: [1] },
      { code: 'required-when', severity: 'error', column: 'birthSex', lines: [e.lines[2]!] },
      { code: 'required-when', severity: 'error', column: 'presentSex', lines: [e.lines[2]!] },
    ]);
  });

  it("expects the CNICS mapping's renamed columns, even one no definition knows", async () => {
    const columns = ['sitePatientId', 'siteRecordId', ...LAB_COLUMNS.slice(1)];
    const rows = ids.slice(0, 3).map((id, i) => ({
      ...labRow(id, i),
      sitePatientId: id,
      siteRecordId: `R${i}`,
    }));
    const e = writeExport(columns, rows, CSV);
    const r = await check('cnics_lab.csv', e.text, { table: 'laboratory', cohort: 'UW - Seattle' });
    expectIssues(r, [
      { code: 'renamed-column', severity: 'info', column: 'cohortPatientId', lines: [1] },
      { code: 'renamed-column', severity: 'info', column: 'recordId', lines: [1] },
    ]);
    expect(r.columns.map((c) => c.name)).toContain('recordId');
  });

  it('holds the header to the quoting rules of the data', async () => {
    const stray = await check('stray.csv', 'a,"b"c,d\n1,2,3\n', { table: 'any' });
    expectIssues(stray, [{ code: 'stray-quote', severity: 'error', column: null, lines: [1] }]);
    expect(stray.columns.map((c) => c.name)).toEqual(['a', 'bc', 'd']);
    const open = await check('open.csv', 'a,"b,c\n1,2,3\n4,5,6\n', { table: 'any' });
    expectIssues(open, [
      { code: 'unclosed-quote', severity: 'error', column: null, lines: [1] },
      { code: 'ragged-row', severity: 'error', column: null, lines: [2, 3] },
    ]);
  });

  it('reads a sep= file loaded as it is and one normalized with the same physical lines', async () => {
    const rows = ids
      .slice(0, 4)
      .map((id, i) => labRow(id, i, { resultDate: i === 2 ? 'x' : labDay(i) }));
    const e = writeExport(LAB_COLUMNS, rows, { ...CSV, delimiter: ';', sepLine: true });
    const asIs = await check('sep_fast.csv', e.text, { table: 'laboratory' });
    // A blank line at the end keeps the fast load off: the normalizing pass reads it.
    const normalized = await check('sep_slow.csv', `${e.text}\n`, { table: 'laboratory' });
    for (const r of [asIs, normalized]) {
      expectIssues(r, [
        { code: 'sep-line', severity: 'info', column: null, lines: [1] },
        { code: 'delimiter', severity: 'warning', column: null, lines: [] },
        { code: 'date-format', severity: 'error', column: 'resultDate', lines: [e.lines[2]!] },
      ]);
      expect(r.rows).toBe(4);
    }
  });
});
