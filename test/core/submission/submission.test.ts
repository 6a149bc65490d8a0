/**
 * The submission as a whole, through the real command line: this year against last year with
 * known differences (a lost quarter, patients gone with and without a recorded death, a
 * recoded column), from the ledger and from the NAS when the ledger lacks the year; the
 * declaration written, refused while incomplete, written again as the next number; no ID in
 * anything written to the NAS.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courier } from '../../helpers/cli';
import { tempDir } from '../../helpers/env';

const PATIENT_HEADER =
  'cohortPatientId,birthSex,presentSex,birthYear,race,hispanic,enrollDate,lastActivityDate,deathDate,deathDateSource,subSiteID,hivNegative,BirthCountry,transgendered,LastNDIDate';
const LAB_HEADER =
  'cohortPatientId,testName,result,units,normalMin,normalMax,interpretation,resultDate,source';
const COHORT = 'UW - Seattle';
/** A patient ID that must never reach the NAS outside an artifact. */
const CANARY = 'CANARY-PT-4242';

let dir: string;
let cleanup: () => void;
let nas: string;

const id = (n: number): string => (n === 7 ? CANARY : `P${String(n).padStart(4, '0')}`);

/** 100 patients in 2024 (3 of them dead); 2025 loses 10 (P91–P100, 3 of them the dead) and adds 5. */
function patients(year: 2024 | 2025): string {
  const ns = year === 2024 ? range(1, 100) : [...range(1, 90), ...range(101, 105)];
  const rows = ns.map((n) => {
    // 2025 recodes race: 60 % White / 40 % Black becomes 30 % / 70 %.
    const white = year === 2024 ? n % 10 < 6 : n % 10 < 3;
    const dead = n >= 98 && n <= 100;
    return `${id(n)},Female,,1970,${white ? 'White' : 'Black'},No,2010-01-05,2023-12-01,${dead ? '2023-06-01,Medical record' : ','},,,,,`;
  });
  return `${PATIENT_HEADER}\n${rows.join('\n')}\n`;
}

/** 10 lab results a month in 2023; the 2025 export lost April to June. */
function laboratory(year: 2024 | 2025): string {
  const rows: string[] = [];
  for (let m = 1; m <= 12; m++) {
    if (year === 2025 && m >= 4 && m <= 6) continue;
    for (let k = 0; k < 10; k++)
      rows.push(
        `${id(1 + ((m * 10 + k) % 90))},Abs CD4,${350 + k},cells/uL,,,,2023-${String(m).padStart(2, '0')}-${String(k + 1).padStart(2, '0')},L1`,
      );
  }
  return `${LAB_HEADER}\n${rows.join('\n')}\n`;
}

function range(a: number, b: number): number[] {
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

function write(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const sub = (year: number) => ['--cohort', COHORT, '--year', String(year)];

/** Every file under a folder, with its text (for the canary). */
function allText(root: string): string {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.endsWith('.duckdb'))
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

beforeAll(() => {
  ({ dir, cleanup } = tempDir('courier-submission-'));
  nas = join(dir, 'nas');
  mkdirSync(nas);
  for (const y of [2024, 2025] as const) {
    mkdirSync(join(dir, String(y)));
    write(`${y}/patient.csv`, patients(y));
    write(`${y}/laboratory.csv`, laboratory(y));
  }
});
afterAll(() => cleanup());

describe('this year against last year', () => {
  const home = () => join(dir, 'laptop');

  it('finds the lost quarter, the patients lost without a death, and the recoding', () => {
    expect(courier(home(), 'push', '--dest', nas).code).toBe(0);
    for (const y of [2024, 2025]) {
      const r = courier(
        home(),
        'ingest',
        ...sub(y),
        '--push',
        '--dest',
        nas,
        join(dir, String(y), 'patient.csv'),
        join(dir, String(y), 'laboratory.csv'),
      );
      expect(r.code, r.stderr).toBe(0);
    }
    const r = courier(home(), 'compare', ...sub(2025), '--json');
    expect(r.code, r.stderr).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c).toMatchObject({ cohort: COHORT, protocolYear: 2025, withYear: 2024 });
    const patient = c.tables.find((t: any) => t.table === 'patient');
    expect(patient.current).toMatchObject({ rows: 95, patients: 95, from: 'ledger' });
    expect(patient.previous).toMatchObject({ rows: 100, patients: 100, deaths: 3 });
    expect(patient.patients).toEqual({ lost: 10, lostDied: 3, added: 5 });
    const codes = (t: any) => t.findings.map((f: any) => f.code).sort();
    expect(codes(patient)).toEqual(['distribution-shift', 'patients-lost']);
    const lost = patient.findings.find((f: any) => f.code === 'patients-lost');
    expect(lost.count).toBe(7);
    const shift = patient.findings.find((f: any) => f.code === 'distribution-shift');
    expect(shift.column).toBe('race');
    // 2025: 29 of 95 patients White (30.5 %), 66 Black (69.5 %).
    expect(shift.examples).toEqual(['Black: 40% → 69.5%', 'White: 60% → 30.5%']);
    const lab = c.tables.find((t: any) => t.table === 'laboratory');
    expect(lab.current.rows).toBe(90);
    expect(lab.previous.rows).toBe(120);
    expect(lab.rowsChangePct).toBe(-25);
    expect(codes(lab)).toEqual(['coverage-gap', 'fewer-rows']);
    const gap = lab.findings.find((f: any) => f.code === 'coverage-gap');
    expect(gap).toMatchObject({
      column: 'resultDate',
      examples: ['2023-04', '2023-05', '2023-06'],
    });
    const months = lab.months.find((m: any) => m.column === 'resultDate').months;
    expect(months.find((m: any) => m.month === '2023-05')).toEqual({
      month: '2023-05',
      current: 0,
      previous: 10,
    });
    expect(r.stdout).not.toContain(CANARY);
  });

  it('lists the lost and new patients in a local file only when asked', () => {
    const list = join(dir, 'changes.csv');
    const r = courier(home(), 'compare', ...sub(2025), '--export-patients', list);
    expect(r.code, r.stderr).toBe(0);
    const rows = readFileSync(list, 'utf8').trimEnd().split('\n');
    expect(rows[0]).toBe('cohortPatientId,change');
    const by = (c: string) => rows.filter((l) => l.endsWith(`,${c}`)).map((l) => l.split(',')[0]);
    expect(by('lost-died')).toEqual(['P0098', 'P0099', 'P0100']);
    expect(by('lost')).toEqual(['P0091', 'P0092', 'P0093', 'P0094', 'P0095', 'P0096', 'P0097']);
    expect(by('new')).toEqual(['P0101', 'P0102', 'P0103', 'P0104', 'P0105']);
  });

  it('reads the NAS for a year the ledger lacks (a new laptop), verified against its manifests', () => {
    const fresh = join(dir, 'new-laptop');
    expect(courier(fresh, 'push', '--dest', nas).code).toBe(0); // adopts the same share
    const r1 = courier(fresh, 'ingest', ...sub(2025), join(dir, '2025', 'laboratory.csv'));
    expect(r1.code, r1.stderr).toBe(0);
    const r = courier(fresh, 'compare', ...sub(2025), '--dest', nas, '--json');
    expect(r.code, r.stderr).toBe(0);
    const lab = JSON.parse(r.stdout).tables.find((t: any) => t.table === 'laboratory');
    expect(lab.current).toMatchObject({ rows: 90, from: 'ledger' });
    expect(lab.previous).toMatchObject({ rows: 120, from: 'nas' });
    expect(lab.findings.map((f: any) => f.code).sort()).toEqual(['coverage-gap', 'fewer-rows']);
  });
});

describe('the declaration', () => {
  const home = () => join(dir, 'laptop');

  it('is refused while tables are unaccounted for, naming them (exit 1), and nothing is written', () => {
    const r = courier(home(), 'submit', ...sub(2025), '--dest', nas);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/14 table\(s\) are neither sent nor marked not available: diagnosis/);
    expect(readdirSync(join(nas, 'uw-seattle', '2025'))).not.toContain('submission-1.json');
  });

  it('is written complete once every table is sent or not available, then again as the next number', () => {
    const tables = [
      'diagnosis',
      'medication',
      'medication_administration',
      'mortality',
      'geography',
      'encounter',
      'insurance',
      'hospitalization',
      'substance_survey',
      'mental_health_survey',
      'procedure',
      'discharge_dx',
      'risk_factor',
      'census',
    ];
    for (const t of tables) {
      const r = courier(
        home(),
        'unavailable',
        t,
        ...sub(2025),
        '--reason',
        'not collected at this site',
      );
      expect(r.code, r.stderr).toBe(0);
    }
    const first = courier(home(), 'submit', ...sub(2025), '--dest', nas, '--json');
    expect(first.code, first.stderr).toBe(0);
    const d1 = JSON.parse(
      readFileSync(join(nas, 'uw-seattle', '2025', 'submission-1.json'), 'utf8'),
    );
    expect(d1).toMatchObject({
      submissionVersion: 1,
      cohort: COHORT,
      protocolYear: 2025,
      seq: 1,
      complete: true,
      incompleteReason: null,
    });
    expect(d1.tables).toHaveLength(16);
    const patient = d1.tables.find((t: any) => t.table === 'patient');
    expect(patient).toMatchObject({ status: 'sent', overrides: 0, fixes: 0 });
    expect(patient.artifacts).toHaveLength(1);
    expect(patient.artifacts[0]).toMatchObject({ rows: 95, patients: 95 });
    expect(patient.artifacts[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(patient.comparison).toMatchObject({ withYear: 2024, rowsPrevious: 100 });
    expect(d1.tables.find((t: any) => t.table === 'census')).toMatchObject({
      status: 'not-available',
      reason: 'not collected at this site',
    });
    // A mark withdrawn: declaring again writes the next number, incomplete with its reason.
    expect(courier(home(), 'unavailable', 'census', ...sub(2025), '--withdraw').code).toBe(0);
    expect(courier(home(), 'submit', ...sub(2025), '--dest', nas).code).toBe(1);
    const second = courier(
      home(),
      'submit',
      ...sub(2025),
      '--dest',
      nas,
      '--incomplete',
      'census follows in March',
    );
    expect(second.code, second.stderr).toBe(0);
    const d2 = JSON.parse(
      readFileSync(join(nas, 'uw-seattle', '2025', 'submission-2.json'), 'utf8'),
    );
    expect(d2).toMatchObject({
      seq: 2,
      complete: false,
      incompleteReason: 'census follows in March',
    });
    expect(d2.tables.find((t: any) => t.table === 'census').status).toBe('missing');
    // The first is never rewritten.
    expect(
      JSON.parse(readFileSync(join(nas, 'uw-seattle', '2025', 'submission-1.json'), 'utf8')),
    ).toEqual(d1);
  });

  it('puts no patient ID anywhere on the NAS outside the artifacts', () => {
    expect(allText(nas)).not.toContain(CANARY);
  });
});
