/**
 * Two years of the same cohort from `courier sample`: "last year" is a plain run, "this year"
 * the same run with --drop-months, --lose-patients and --recode. `differences.json` is the
 * answer key, and `courier compare` must find exactly what it says, with its figures.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courier } from '../../helpers/cli';
import { tempDir } from '../../helpers/env';

let dir: string;
let cleanup: () => void;
const COHORT = 'Sample Cohort';
const sub = (year: number) => ['--cohort', COHORT, '--year', String(year)];
const base = ['--table', 'patient,laboratory', '--rows', '20000', '--patient-count', '2000'];

beforeAll(() => {
  ({ dir, cleanup } = tempDir('courier-sample-diff-'));
});
afterAll(() => cleanup());

describe('courier sample with known differences', () => {
  it('refuses differences it cannot read, naming what to write', () => {
    const cases: [string[], RegExp][] = [
      [['--drop-months', '2023-4'], /--drop-months takes months as YYYY-MM.*"2023-4"/],
      [['--lose-patients', '2000'], /--lose-patients must be a whole number below the 2000/],
      [['--recode', 'resultDate'], /"resultDate" is not a coded column/],
      [['--recode', 'nosuch'], /"nosuch" is not a coded column/],
    ];
    for (const [extra, message] of cases) {
      const r = courier(join(dir, 'h'), 'sample', ...base, '--out', join(dir, 'bad'), ...extra);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });

  it('says which year it found nothing of, for a cohort typed wrong', () => {
    const r = courier(
      join(dir, 'empty-home'),
      'compare',
      '--cohort',
      'Sample Cohrt',
      '--year',
      '2025',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('No table of Sample Cohrt 2025 was found on this computer');
    expect(r.stdout).toContain('No table of Sample Cohrt 2024 was found on this computer');
    expect(r.stdout).toContain('check the cohort');
  });

  it('writes a key that courier compare confirms, figure by figure', () => {
    const home = join(dir, 'laptop');
    const y2024 = join(dir, '2024');
    const y2025 = join(dir, '2025');
    expect(courier(home, 'sample', ...base, '--out', y2024).code).toBe(0);
    const g = courier(
      home,
      'sample',
      ...base,
      '--out',
      y2025,
      '--drop-months',
      '2023-04,2023-05,2023-06',
      '--lose-patients',
      '200',
      '--recode',
      'race',
    );
    expect(g.code, g.stderr).toBe(0);
    expect(g.stderr).toContain('differences.json');
    expect(readdirSync(y2024)).not.toContain('differences.json');
    const key = JSON.parse(readFileSync(join(y2025, 'differences.json'), 'utf8'));

    for (const [y, folder] of [
      [2024, y2024],
      [2025, y2025],
    ] as const) {
      const r = courier(
        home,
        'ingest',
        ...sub(y),
        join(folder, 'patient.csv'),
        join(folder, 'laboratory.csv'),
      );
      expect(r.code, r.stderr).toBe(0);
    }
    const r = courier(home, 'compare', ...sub(2025), '--json');
    expect(r.code, r.stderr).toBe(0);
    const c = JSON.parse(r.stdout);
    const table = (t: string) => c.tables.find((x: any) => x.table === t);
    const finding = (t: string, code: string, column?: string) =>
      table(t).findings.find(
        (f: any) => f.code === code && (column === undefined || f.column === column),
      );

    const lost = key.findings.find((f: any) => f.code === 'patients-lost');
    expect(lost).toMatchObject({ lost: 200, previousPatients: 2000, expected: true });
    expect(table('patient').patients).toMatchObject({ lost: 200, lostDied: lost.lostDied });
    expect(finding('patient', 'patients-lost').count).toBe(200 - lost.lostDied);

    const gaps = key.findings.filter((f: any) => f.code === 'coverage-gap');
    expect(gaps.length).toBeGreaterThan(0);
    for (const gap of gaps) {
      const want = gap.months.filter((m: any) => m.expected).map((m: any) => m.month);
      expect(want.length, `${gap.table}.${gap.column}`).toBeGreaterThan(0);
      expect(finding(gap.table, 'coverage-gap', gap.column).examples).toEqual(want);
      const months = table(gap.table).months.find((m: any) => m.column === gap.column).months;
      for (const m of gap.months)
        expect(months.find((x: any) => x.month === m.month)).toEqual({
          month: m.month,
          current: 0,
          previous: m.previousRows,
        });
    }

    for (const f of key.findings.filter((x: any) => x.code === 'fewer-rows')) {
      expect(table(f.table).current.rows).toBe(f.rows);
      expect(table(f.table).previous.rows).toBe(f.previousRows);
      expect(finding(f.table, 'fewer-rows') !== undefined).toBe(f.expected);
    }

    const shift = key.findings.find((f: any) => f.code === 'distribution-shift');
    expect(shift).toMatchObject({ table: 'patient', column: 'race' });
    const moved = shift.values.filter((v: any) => v.expected);
    expect(moved.length).toBeGreaterThan(0);
    expect(finding('patient', 'distribution-shift', 'race').examples).toEqual(
      moved.map((v: any) => `${v.value}: ${v.previous}% → ${v.current}%`),
    );
    const shares = table('patient').shares.find((s: any) => s.column === 'race').values;
    for (const v of shift.values)
      expect(shares.find((s: any) => s.value === v.value)).toEqual({
        value: v.value,
        current: v.current,
        previous: v.previous,
      });
  });
});
