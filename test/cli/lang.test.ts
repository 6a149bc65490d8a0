/**
 * The command line in French: `--lang fr`, `COURIER_LANG=fr`, the Settings' choice or the
 * computer's locale put messages and hints in French, on stderr and in `--json`; codes,
 * fields and exit codes stay the same, and an unknown language is a usage error.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src-main/shared/report';
import { COURIER_BIN } from '../helpers/cli';
import { tempDir } from '../helpers/env';

let dir: string;
let cleanup: () => void;
let file: string;

/** Runs the command with exactly this environment's language variables. */
function courier(env: Record<string, string>, ...args: string[]) {
  const base = { ...process.env };
  for (const k of ['COURIER_LANG', 'LANG', 'LC_ALL', 'LC_MESSAGES']) delete base[k];
  const r = spawnSync(process.execPath, [COURIER_BIN, ...args], {
    encoding: 'utf8',
    env: { ...base, COURIER_HOME: join(dir, 'home'), LANG: 'C.UTF-8', ...env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const json = (stdout: string): Report => JSON.parse(stdout.trim().split('\n')[0]!) as Report;

beforeAll(() => {
  ({ dir, cleanup } = tempDir('courier-cli-lang-'));
  file = join(dir, 'lab.csv');
  writeFileSync(
    file,
    'cohortPatientId,testName,result,units,normalMin,normalMax,interpretation,resultDate,source\nP1,Abs CD4,350,cells/uL,1,2,,2021-13-01,L1\nP2,Abs CD4,x,cells/uL,1,2,,2021-01-01,L1,extra\n',
  );
});
afterAll(() => cleanup());

describe('courier --lang', () => {
  let english: Report;

  it('speaks English by default (a C locale, nothing set)', () => {
    const r = courier({}, 'precheck', '--json', '--table', 'laboratory', file);
    expect(r.code).toBe(1);
    english = json(r.stdout);
    expect(english.issues.find((i) => i.code === 'date-format')!.message).toMatch(
      /^1 value in "resultDate" is not a real date/,
    );
  });

  it('--lang fr: French messages and hints, every code and field unchanged', () => {
    const r = courier({}, 'precheck', '--lang', 'fr', '--json', '--table', 'laboratory', file);
    expect(r.code).toBe(1);
    const fr = json(r.stdout);
    const strip = (rep: Report) => ({
      ...rep,
      timings: null,
      issues: rep.issues.map(({ message: _m, hint: _h, ...rest }) => rest),
    });
    expect(strip(fr)).toEqual(strip(english));
    const date = fr.issues.find((i) => i.code === 'date-format')!;
    expect(date.message).toBe(
      '1 valeur de «\u00a0resultDate\u00a0» n’est pas une date réelle écrite AAAA-MM-JJ (ligne 2).',
    );
    expect(date.hint).toMatch(/^Écrivez les dates au format AAAA-MM-JJ/);
    expect(fr.issues.find((i) => i.code === 'ragged-row')!.message).toMatch(
      /^1 ligne n’a pas le même nombre de champs/,
    );
  });

  it('COURIER_LANG=fr and the flag after the command both work; the human summary too', () => {
    const r = courier({ COURIER_LANG: 'fr' }, 'precheck', '--table', 'laboratory', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('PROBLÈMES À CORRIGER');
    expect(r.stderr).toContain('ERREUR  date-format (resultDate): 1 valeur de');
    const en = courier(
      { COURIER_LANG: 'fr' },
      'precheck',
      '--table',
      'laboratory',
      file,
      '--lang',
      'en',
    );
    expect(en.stderr).toContain('PROBLEMS TO FIX');
  });

  it('follows the computer’s locale, then the Settings’ choice', () => {
    const os = courier({ LANG: 'fr_CA.UTF-8' }, 'precheck', '--table', 'laboratory', file);
    expect(os.stderr).toContain('PROBLÈMES À CORRIGER');
    mkdirSync(join(dir, 'home'), { recursive: true });
    writeFileSync(join(dir, 'home', 'config.json'), JSON.stringify({ language: 'en' }));
    const setting = courier({ LANG: 'fr_CA.UTF-8' }, 'precheck', '--table', 'laboratory', file);
    expect(setting.stderr).toContain('PROBLEMS TO FIX');
    const flag = courier({}, 'precheck', '--lang', 'fr', '--table', 'laboratory', file);
    expect(flag.stderr).toContain('PROBLÈMES À CORRIGER');
  });

  it('refuses a language it does not speak, as a usage error', () => {
    const r = courier({}, 'precheck', '--lang', 'de', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('en or fr');
    const env = courier({ COURIER_LANG: 'klingon' }, 'precheck', file);
    expect(env.code).toBe(2);
    expect(env.stderr).toContain('COURIER_LANG must be en or fr');
  });
});
