/**
 * scripts/check-skips.mjs, run as `npm test` runs it: on vitest's JSON results, with and
 * without CI=true. The last test runs real vitest on a probe file to show that the reasons
 * given through test/helpers/skip.ts reach that JSON.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SkipReason } from '../helpers/skip';

const project = path.resolve(import.meta.dirname, '../..');
const script = path.join(project, 'scripts/check-skips.mjs');
const dir = mkdtempSync(path.join(tmpdir(), 'courier-check-skips-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const chromium: SkipReason = {
  why: 'Chromium not found at /usr/bin/chromium',
  what: 'browser tests',
  fix: 'apt-get install -y chromium',
};

interface Case {
  fullName: string;
  status: 'passed' | 'failed' | 'skipped' | 'pending' | 'todo';
  meta?: { skip?: SkipReason };
}

/** A vitest JSON results file (the fields the check reads) holding `tests` in `file`. */
function results(file: string, tests: Case[]): string {
  const out = path.join(dir, `results-${Math.random().toString(36).slice(2)}.json`);
  const assertionResults = tests.map((t) => ({
    ancestorTitles: [],
    title: t.fullName,
    failureMessages: [],
    meta: {},
    ...t,
  }));
  writeFileSync(
    out,
    JSON.stringify({
      success: true,
      testResults: [{ name: path.join(project, file), assertionResults }],
    }),
  );
  return out;
}

/** Runs the check with CI set to `ci` (or unset), from the project folder. */
function check(file: string, ci?: string): { status: number | null; out: string } {
  const env = { ...process.env };
  delete env.CI;
  if (ci !== undefined) env.CI = ci;
  const r = spawnSync(process.execPath, [script, file], { cwd: project, env, encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

describe('the skipped-test check', () => {
  const browser = results('test/e2e/window.e2e.test.ts', [
    { fullName: 'the window drops a file', status: 'skipped', meta: { skip: chromium } },
    { fullName: 'the window exports lines', status: 'skipped', meta: { skip: chromium } },
  ]);

  it('fails a CI run that skipped tests, naming each with its reason', () => {
    const r = check(browser, 'true');
    expect(r.status).toBe(1);
    expect(r.out).toContain(
      'test/e2e/window.e2e.test.ts > the window drops a file: Chromium not found at /usr/bin/chromium (apt-get install -y chromium)',
    );
    expect(r.out).toContain('the window exports lines');
  });

  it('prints one notice per reason locally, and passes', () => {
    const r = check(browser);
    expect(r.status).toBe(0);
    const notices = r.out.split('\n').filter((l) => l.startsWith('Notice:'));
    expect(notices).toEqual([
      'Notice: Chromium not found at /usr/bin/chromium: 2 browser tests skipped; apt-get install -y chromium.',
    ]);
  });

  it('treats CI=false as a local run', () => {
    expect(check(browser, 'false').status).toBe(0);
  });

  it('counts todo tests and skips without a reason too', () => {
    const file = results('test/core/x.test.ts', [
      { fullName: 'x parses', status: 'passed' },
      { fullName: 'x someday', status: 'todo' },
      { fullName: 'x maybe', status: 'skipped' },
    ]);
    const ci = check(file, 'true');
    expect(ci.status).toBe(1);
    expect(ci.out).toContain('test/core/x.test.ts > x someday: left todo');
    expect(ci.out).toContain('test/core/x.test.ts > x maybe: skipped, no reason given');
    expect(ci.out).not.toContain('x parses');
    const local = check(file);
    expect(local.status).toBe(0);
    expect(local.out).toContain('Notice: 1 test(s) left todo in test/core/x.test.ts.');
    expect(local.out).toContain(
      'Notice: 1 test(s) skipped in test/core/x.test.ts, no reason given.',
    );
  });

  it('passes a CI run where every test ran, silently', () => {
    const file = results('test/core/x.test.ts', [
      { fullName: 'x parses', status: 'passed' },
      { fullName: 'x breaks', status: 'failed' },
    ]);
    expect(check(file, 'true')).toEqual({ status: 0, out: '' });
  });

  it('fails when there are no results to check', () => {
    const r = check(path.join(dir, 'none.json'), 'true');
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/not found/);
  });

  it('reads the reasons real vitest writes from test/helpers/skip.ts', () => {
    // The probe lives inside the project so that it resolves `vitest`; test-output is ignored.
    const probeDir = path.join(project, 'test-output', `skip-probe-${process.pid}`);
    mkdirSync(probeDir, { recursive: true });
    try {
      const helper = path.join(project, 'test/helpers/skip.ts');
      writeFileSync(
        path.join(probeDir, 'probe.test.ts'),
        [
          `import { describe, it } from 'vitest';`,
          `import { skipSuiteIf, skipTest } from ${JSON.stringify(helper)};`,
          `const reason = ${JSON.stringify(chromium)};`,
          `describe('suite', skipSuiteIf(reason), () => { it('a', () => {}); it('b', () => {}); });`,
          `describe('kept', skipSuiteIf(null), () => { it('runs', () => {}); });`,
          `it('at run time', (ctx) => skipTest(ctx, { why: 'no disk', what: 'disk tests', fix: 'add one' }));`,
        ].join('\n'),
      );
      const json = path.join(probeDir, 'vitest.json');
      // A config without imports: the probe's own root, include and JSON output.
      writeFileSync(
        path.join(probeDir, 'vitest.config.mjs'),
        `export default { test: { root: ${JSON.stringify(project)}, include: [${JSON.stringify(
          path.relative(project, path.join(probeDir, '*.test.ts')),
        )}], reporters: ['json'], outputFile: { json: ${JSON.stringify(json)} } } };`,
      );
      const env = Object.fromEntries(
        Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'CI'),
      );
      const vitest = spawnSync(
        process.execPath,
        [
          path.join(project, 'node_modules/vitest/vitest.mjs'),
          'run',
          '--config',
          path.join(probeDir, 'vitest.config.mjs'),
        ],
        { cwd: project, env, encoding: 'utf8' },
      );
      expect(vitest.status, vitest.stderr).toBe(0);

      const local = check(json);
      expect(local.status).toBe(0);
      expect(local.out).toContain(
        'Notice: Chromium not found at /usr/bin/chromium: 2 browser tests skipped; apt-get install -y chromium.',
      );
      expect(local.out).toContain('Notice: no disk: 1 disk tests skipped; add one.');
      const ci = check(json, 'true');
      expect(ci.status).toBe(1);
      expect(ci.out).toContain('suite a: Chromium not found at /usr/bin/chromium');
      expect(ci.out).toContain('at run time: no disk (add one)');
      expect(ci.out).not.toContain('kept runs');
    } finally {
      rmSync(probeDir, { recursive: true, force: true });
    }
  });
});
