import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src-main/shared/report';
import { tempDir } from '../helpers/env';

const BIN = join(import.meta.dirname, '../../bin/courier.mjs');
let dir: string;
let cleanup: () => void;

function courier(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, COURIER_HOME: join(dir, 'home') },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  writeFileSync(join(dir, 'clean.csv'), 'a,b\n1,2\n3,4\n');
  writeFileSync(join(dir, 'dirty.csv'), 'a,b\n1,2\n3,4,5\n');
  writeFileSync(
    join(dir, 'lab.csv'),
    'cohortPatientId,testName,result,units,normalMin,normalMax,interpretation,resultDate,source\n0042,Abs CD4,350,cells/uL,1,2,,2021-13-01,L1\n',
  );
});
afterAll(() => cleanup());

describe('the courier command', () => {
  it('prints its version and help', () => {
    const v = courier('--version');
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    for (const cmd of ['precheck', 'ingest', 'serve']) {
      const h = courier(cmd, '--help');
      expect(h.code).toBe(0);
      expect(h.stdout).toContain(`Usage: courier ${cmd}`);
    }
  });

  it('--json prints exactly one report per file on stdout and exits 0 without errors', () => {
    const r = courier('precheck', '--json', '--table', 'any', join(dir, 'clean.csv'));
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0]!) as Report;
    expect(report).toMatchObject({
      reportVersion: 1,
      status: 'pass',
      rows: 2,
      rowsStored: 2,
      rowsRejected: 0,
    });
  });

  it('exits 1 on data errors, with the highest code across files', () => {
    const r = courier(
      'precheck',
      '--json',
      '--table',
      'any',
      join(dir, 'clean.csv'),
      join(dir, 'dirty.csv'),
    );
    expect(r.code).toBe(1);
    const reports = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Report);
    expect(reports.map((x) => x.status)).toEqual(['pass', 'fail']);
    expect(reports[1]!.issues[0]).toMatchObject({ code: 'ragged-row', lines: [3] });
  });

  it('prints plain-language findings without --json', () => {
    const r = courier('precheck', join(dir, 'lab.csv'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('date-format (resultDate)');
    expect(r.stderr).toContain('line 2');
  });

  it('exits 2 on usage errors and unreadable files', () => {
    expect(courier('precheck', join(dir, 'nope.csv')).code).toBe(2);
    expect(courier('precheck', '--frobnicate', join(dir, 'clean.csv')).code).toBe(2);
    const bad = courier('precheck', '--table', 'nosuch', join(dir, 'clean.csv'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Known tables: patient');
    expect(courier('precheck', '--year', '25', join(dir, 'clean.csv')).code).toBe(2);
  });

  it('--patients takes the patient table as CSV for the cross-table check', () => {
    const pt = join(dir, 'pt.csv');
    writeFileSync(
      pt,
      'cohortPatientId,birthSex,presentSex,birthYear,race,hispanic,enrollDate,lastActivityDate,deathDate,deathDateSource,subSiteID,hivNegative,BirthCountry,transgendered,LastNDIDate\n0042,Female,,1970,White,No,2010-01-05,2024-06-01,,,,,,,\n',
    );
    const ok = courier('precheck', '--json', '--patients', pt, join(dir, 'lab.csv'));
    const rep = JSON.parse(ok.stdout.trim()) as Report;
    expect(rep.issues.map((i) => i.code)).not.toContain('unknown-patient-id');
    expect(rep.issues.map((i) => i.code)).not.toContain('no-patient-table');
    expect(
      courier('precheck', '--patients', join(dir, 'missing.csv'), join(dir, 'lab.csv')).code,
    ).toBe(2);
  });

  it('ingest --out writes the artifact and the report there', () => {
    const out = join(dir, 'out');
    const r = courier('ingest', '--json', '--table', 'any', '--out', out, join(dir, 'clean.csv'));
    expect(r.code).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^clean-[0-9a-f]{12}\.duckdb$/);
    expect(files[1]).toMatch(/^clean-[0-9a-f]{12}\.report\.json$/);
  });
});
