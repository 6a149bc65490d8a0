import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/env';
import { COHORT, generateJobs, journalText, YEAR } from '../helpers/largeJournal';

const BIN = join(import.meta.dirname, '../../bin/courier.mjs');
let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
});
afterAll(() => cleanup());

/** Runs the real `courier` command on a data folder of its own. */
function courier(home: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args, '--home', home], {
    encoding: 'utf8',
    env: { ...process.env, COURIER_HOME: home },
    timeout: 120_000,
    // `history --json` of a large ledger is tens of megabytes.
    maxBuffer: 512 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const jsonLines = (text: string): Record<string, any>[] =>
  text
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, any>);

function jobLine(id: string, name: string): string {
  return JSON.stringify({
    type: 'job',
    id,
    at: '2026-01-02T03:04:05.000Z',
    pid: 1,
    source: { name, path: `/data/${name}`, bytes: 10 },
    table: null,
    cohort: null,
    protocolYear: null,
    site: null,
  });
}

describe('the ledger commands', () => {
  it('answer despite damaged lines in the journal', () => {
    const home = join(dir, 'damaged');
    mkdirSync(home, { recursive: true });
    writeFileSync(
      join(home, 'ledger.jsonl'),
      [jobLine('20260102030405-aaaa0001', 'a.csv'), 'null', '{"type":"job"}', '7'].join('\n') +
        '\n',
    );
    const history = courier(home, 'history', '--json');
    expect(history.stderr).toBe('');
    expect(history.code).toBe(0);
    expect(jsonLines(history.stdout).map((h) => h.id)).toEqual(['20260102030405-aaaa0001']);
    const status = courier(home, 'status', '--json');
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout).tables).toHaveLength(16);
  });

  it('history --json and status --json answer over 100,000 jobs', () => {
    const home = join(dir, 'large');
    mkdirSync(home, { recursive: true });
    const jobs = generateJobs(100_000);
    writeFileSync(join(home, 'ledger.jsonl'), journalText(jobs));

    const history = courier(home, 'history', '--json');
    expect(history.code).toBe(0);
    const lines = jsonLines(history.stdout);
    // Newest first.
    expect(lines.map((h) => h.id)).toEqual(jobs.map((j) => j.id).reverse());
    expect(lines.map((h) => h.stage)).toEqual(jobs.map((j) => j.stage).reverse());
    expect(lines.at(-1)).toMatchObject({
      source: { name: jobs[0]!.name, path: jobs[0]!.path, bytes: jobs[0]!.bytes },
      table: 'patient',
      cohort: COHORT,
      protocolYear: YEAR,
    });

    const status = courier(home, 'status', '--json', '--cohort', COHORT, '--year', String(YEAR));
    expect(status.code).toBe(0);
    const board = JSON.parse(status.stdout) as Record<string, any>;
    const table = (t: string) => board.tables.find((x: any) => x.table === t);
    const kept = jobs.filter((j) => j.stage !== 'failed');
    // A single-file table counts its latest version.
    const patient = kept.filter((j) => j.table === 'patient').at(-1)!;
    expect(table('patient')).toMatchObject({
      status: patient.stage === 'blocked' ? 'problems' : 'ready',
      files: 1,
      jobs: [patient.id],
      patients: 5,
    });
    const labs = kept.filter((j) => j.table === 'laboratory');
    expect(table('laboratory')).toMatchObject({
      status: labs.some((j) => j.stage === 'blocked') ? 'problems' : 'ready',
      files: labs.length,
    });
    expect(table('census')).toMatchObject({ status: 'not available', reason: 'not collected' });
    expect(table('diagnosis')).toMatchObject({ status: 'missing', reason: null });
    expect(board.queue).toBe(jobs.filter((j) => j.stage === 'ready').length);
  });

  it('override takes an exact id or an unambiguous beginning, and refuses the rest with exit 2', () => {
    const home = join(dir, 'override');
    mkdirSync(home, { recursive: true });
    const ids = ['20260103010101-aaaa0001', '20260103010101-aaaa0002', '20260103020202-bbbb0003'];
    // Blocked laboratory files that were converted: only such a file can be overridden.
    const artifact = join(home, 'artifact.duckdb');
    writeFileSync(artifact, 'x');
    const result = (id: string): string =>
      JSON.stringify({
        type: 'result',
        id,
        at: '2026-01-03T01:01:01.000Z',
        sha256: 'a'.repeat(64),
        summary: null,
        reportPath: null,
        artifact: { path: artifact, bytes: 1, sha256: 'b'.repeat(64) },
        meta: null,
        duplicateOf: null,
        supersedes: null,
      });
    writeFileSync(
      join(home, 'ledger.jsonl'),
      ids
        .map(
          (id, i) =>
            jobLine(id, `file${i}.csv`).replace('"table":null', '"table":"laboratory"') +
            '\n' +
            result(id) +
            '\n' +
            JSON.stringify({ type: 'stage', id, at: '2026-01-03T01:01:01.000Z', stage: 'blocked' }),
        )
        .join('\n') + '\n',
    );
    const reason = ['--reason', 'checked at the central office'];
    const stages = () =>
      Object.fromEntries(
        jsonLines(courier(home, 'history', '--json').stdout).map((h) => [h.id, h.stage]),
      );

    const suffix = courier(home, 'override', 'aaaa0002', ...reason);
    expect(suffix.code).toBe(2);
    expect(suffix.stderr).toContain('no job "aaaa0002"');
    const empty = courier(home, 'override', '', ...reason);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('No job id was given.');
    const ambiguous = courier(home, 'override', '20260103010101', ...reason);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain(`${ids[1]} (file1.csv), ${ids[0]} (file0.csv)`);
    expect(courier(home, 'override', '2026', ...reason).code).toBe(2);
    // None of them overrode anything.
    expect(Object.values(stages())).toEqual(['blocked', 'blocked', 'blocked']);

    const prefix = courier(home, 'override', '20260103020202', ...reason);
    expect(prefix.code).toBe(0);
    expect(prefix.stderr).toContain(`Job ${ids[2]} (file2.csv) may now be pushed`);
    expect(stages()).toEqual({ [ids[0]!]: 'blocked', [ids[1]!]: 'blocked', [ids[2]!]: 'ready' });
  });
});
