import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
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

  it('ingest --push, history --json, override and push with their exit codes', () => {
    const home = join(dir, 'home-push');
    const env = ['--home', home, '--cohort', 'UW - Seattle', '--year', '2025'];
    const ok = courier('ingest', '--push', '--table', 'any', ...env, join(dir, 'clean.csv'));
    expect(ok.code).toBe(0);
    expect(ok.stderr).toContain('saved locally (no NAS configured)');
    const blocked = courier('ingest', '--table', 'laboratory', ...env, join(dir, 'lab.csv'));
    expect(blocked.code).toBe(1);
    const dup = courier('ingest', '--json', '--table', 'any', ...env, join(dir, 'clean.csv'));
    expect(dup.code).toBe(0);
    expect(dup.stdout).toContain('duplicate-file');
    const history = courier('history', '--json', '--home', home)
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, any>);
    expect(history.map((h) => h.stage)).toEqual(['skipped', 'blocked', 'pushed']);
    expect(history[0]).toMatchObject({
      duplicateOf: history[2]!.id,
      source: { name: 'clean.csv' },
    });
    for (const h of history) {
      for (const k of [
        'id',
        'source',
        'table',
        'stage',
        'rows',
        'rowsRejected',
        'issues',
        'duplicateOf',
        'createdAt',
        'pushedAt',
      ])
        expect(h, k).toHaveProperty(k);
    }
    const at = ['--home', home];
    expect(courier('override', history[2]!.id, '--reason', 'not blocked at all', ...at).code).toBe(
      2,
    );
    expect(courier('override', history[1]!.id, '--reason', 'x', ...at).code).toBe(2);
    expect(
      courier('override', history[1]!.id, '--reason', 'date corrected at the central office', ...at)
        .code,
    ).toBe(0);
    // A destination that is not a Courier share (a folder with other files): exit 3, job stays queued.
    const foreign = join(dir, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'someone-elses.txt'), 'x');
    const refused = courier('push', '--dest', foreign, ...at);
    expect(refused.code).toBe(3);
    expect(readdirSync(foreign)).toEqual(['someone-elses.txt']);
    // A destination that does not exist is never created: "not found: is the NAS mounted?".
    const typo = join(dir, 'mnt-typo', 'naaccord');
    const missing = courier('push', '--dest', typo, ...at);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/not found: is the NAS mounted\?/);
    expect(existsSync(join(dir, 'mnt-typo'))).toBe(false);
    const pushed = courier('push', ...at);
    expect(pushed.code).toBe(0);
    const after = courier('history', '--json', ...at)
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, any>);
    expect(after[1]!.stage).toBe('pushed');
    expect(after[1]!.override).toMatchObject({ reason: 'date corrected at the central office' });
    const status = JSON.parse(courier('status', '--json', ...at).stdout) as Record<string, any>;
    expect(status.tables).toHaveLength(16);
  });

  it('push leaves files without a cohort or a year queued, says why, and exits 1', () => {
    const home = join(dir, 'home-unassigned');
    const ingest = courier('ingest', '--table', 'any', '--home', home, join(dir, 'clean.csv'));
    expect(ingest.code).toBe(0);
    const push = courier('push', '--home', home);
    expect(push.code).toBe(1);
    expect(push.stderr).toMatch(/clean\.csv was not sent\. It has no cohort or protocol year/);
    expect(push.stderr).toMatch(/1 ready file was not pushed: no cohort or no protocol year/);
    const [job] = courier('history', '--json', '--home', home)
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, any>);
    expect(job).toMatchObject({ stage: 'ready', pushedAt: null, cohort: null });
    // Nothing went anywhere: no unassigned/no-year folder in the outbox.
    expect(existsSync(join(home, 'outbox', 'unassigned'))).toBe(false);
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
