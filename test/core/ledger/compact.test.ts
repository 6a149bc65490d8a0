/**
 * Compaction of the journal (issue 15 item 6): the same jobs from fewer lines, while other
 * processes append at any time and while the compacting process is killed; a re-check appends
 * one event, not one per job.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../../src-main/core/jobs/ingest';
import type { LedgerEvent } from '../../../src-main/core/ledger/events';
import { Ledger } from '../../../src-main/core/ledger/ledger';
import { bundleScript, SRC } from '../../helpers/bundle';
import { definitions, tempDir } from '../../helpers/env';
import { generateJobs, journalText } from '../../helpers/largeJournal';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir('courier-compact-'));
});
afterAll(() => cleanup());

const at = '2026-01-02T03:04:05.000Z';
const line = (e: Record<string, unknown>): string => JSON.stringify({ v: 1, ...e }) + '\n';
const lines = (home: string): string[] =>
  readFileSync(join(home, 'ledger.jsonl'), 'utf8').split('\n').filter(Boolean);

/** A journal with the history a busy site makes: stages, push attempts, re-checks. */
function busyJournal(home: string, n: number): void {
  mkdirSync(home, { recursive: true });
  const jobs = generateJobs(n);
  let text = journalText(jobs);
  for (const j of jobs) {
    if (j.stage === 'failed') continue;
    for (const stage of ['scanning', 'converting', 'checking'])
      text += line({ type: 'stage', id: j.id, at, stage });
    for (let a = 1; a <= 3; a++)
      text += line({
        type: 'push-failed',
        id: j.id,
        at,
        attempt: a,
        code: 'unreachable',
        message: `try ${a}`,
        nextAttemptAt: at,
      });
    text += line({
      type: 'stage',
      id: j.id,
      at,
      stage: j.stage === 'blocked' ? 'blocked' : 'push-queued',
    });
  }
  // Three re-checks of every laboratory job; the last moves some of them.
  const labs = jobs.filter((j) => j.table === 'laboratory' && j.stage !== 'failed');
  for (let r = 0; r < 3; r++)
    text += line({
      type: 'recheck',
      at,
      cohort: 'UW - Seattle',
      protocolYear: 2025,
      jobs: labs.map((j, k) => ({
        id: j.id,
        status: r === 2 && k % 5 === 0 ? 'fail' : 'warn',
        issues: { error: r === 2 && k % 5 === 0 ? 1 : 0, warning: r, info: 0 },
        unknown: r,
        counts: { 'unknown-patient-id': r },
        ...(r === 2 && k % 5 === 0 ? { stage: { from: 'push-queued', to: 'blocked' } } : {}),
      })),
    });
  writeFileSync(join(home, 'ledger.jsonl'), text);
}

describe('journal compaction', () => {
  it('folds to the same jobs from far fewer lines', () => {
    const home = join(dir, 'same');
    busyJournal(home, 3000);
    const before = new Ledger(home);
    const jobs = before.jobs();
    const marks = before.notAvailable('UW - Seattle', 2025);
    const count = lines(home).length;
    expect(new Ledger(home).compactIfWorthIt()).toBe(true);
    const after = new Ledger(home);
    expect(after.jobs()).toEqual(jobs);
    expect(after.notAvailable('UW - Seattle', 2025)).toEqual(marks);
    expect(lines(home).length).toBeLessThan(count / 2);
    // Nothing left beside it, and a second look finds nothing worth doing.
    expect(readdirSync(home).filter((f) => f.startsWith('ledger'))).toEqual(['ledger.jsonl']);
    expect(new Ledger(home).compactIfWorthIt()).toBe(false);
  });

  it('loses no event of processes that append while it compacts, nor when it is killed', async () => {
    const home = join(dir, 'busy');
    busyJournal(home, 2000);
    const ledger = new Ledger(home);
    const target = ledger.jobs()[1]!.id;
    const appender = await bundleScript(
      dir,
      'appender',
      `import { Ledger } from ${JSON.stringify(join(SRC, 'core/ledger/ledger'))};
       const [home, who, n, id] = process.argv.slice(2);
       const l = new Ledger(home);
       for (let i = 0; i < Number(n); i++)
         l.append({ type: 'same-file', id, at: new Date().toISOString(), path: '/x/' + who, identity: who + ':' + i });`,
    );
    const compactor = await bundleScript(
      dir,
      'compactor',
      `import { Ledger } from ${JSON.stringify(join(SRC, 'core/ledger/ledger'))};
       const l = new Ledger(process.argv[2]);
       for (;;) l.compact();`,
    );
    const run = (script: string, args: string[]) => {
      const child = spawn(process.execPath, [script, ...args], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (b: Buffer) => (err += b.toString()));
      const done = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
      return { child, done, err: () => err };
    };
    const per = 400;
    const writers = ['a', 'b', 'c'].map((who) => run(appender, [home, who, String(per), target]));
    // Compactions from this process, and from others that are killed at any moment.
    let kills = 0;
    const killer = (async () => {
      while (writers.some((w) => w.child.exitCode === null)) {
        const c = run(compactor, [home]);
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 400));
        c.child.kill('SIGKILL');
        await c.done;
        kills++;
        ledger.compact();
      }
    })();
    const codes = await Promise.all(writers.map((w) => w.done));
    await killer;
    expect(codes, writers.map((w) => w.err()).join('\n')).toEqual([0, 0, 0]);
    expect(kills).toBeGreaterThan(0);
    // Every event once: none lost, none written twice.
    const sameFile = lines(home)
      .map((l) => JSON.parse(l) as LedgerEvent)
      .filter((e): e is Extract<LedgerEvent, { type: 'same-file' }> => e.type === 'same-file');
    const ids = sameFile.map((e) => e.identity).sort();
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(3 * per);
    // A lock left by a killed compactor does not stop the next one.
    expect(new Ledger(home).compact()).toBe(true);
    expect(readdirSync(home).filter((f) => f.startsWith('ledger.jsonl.'))).toEqual([]);
  }, 120_000);

  it('records a re-check as one event, however many tables it checks again', async () => {
    const home = join(dir, 'recheck');
    const defs = await definitions();
    const opts = { home, definitions: defs, cohort: 'UW - Seattle', protocolYear: 2025 };
    const LAB =
      'cohortPatientId,testName,result,units,normalMin,normalMax,interpretation,resultDate,source';
    const PATIENT =
      'cohortPatientId,birthSex,presentSex,birthYear,race,hispanic,enrollDate,lastActivityDate,deathDate,deathDateSource,subSiteID,hivNegative,BirthCountry,transgendered,LastNDIDate';
    for (let i = 0; i < 6; i++) {
      const f = join(dir, `lab${i}.csv`);
      writeFileSync(f, `${LAB}\n${i},A,1,u,1,2,,2021-01-01,L1\n`);
      await ingestFile(f, { ...opts, ledger: new Ledger(home) });
    }
    const p = join(dir, 'patient.csv');
    writeFileSync(p, `${PATIENT}\n1,Female,,1970,White,No,2010-01-05,2024-06-01,,,,,,,\n`);
    const before = lines(home).length;
    await ingestFile(p, { ...opts, ledger: new Ledger(home) });
    const added = lines(home)
      .slice(before)
      .map((l) => JSON.parse(l) as LedgerEvent);
    const rechecks = added.filter((e) => e.type === 'recheck');
    expect(rechecks).toHaveLength(1);
    expect((rechecks[0] as Extract<LedgerEvent, { type: 'recheck' }>).jobs).toHaveLength(6);
    // The patient job's own events only: job, claim, stages, result.
    const ids = new Set(added.filter((e) => 'id' in e).map((e) => (e as { id: string }).id));
    expect(ids.size).toBe(1);
    // And the lab jobs carry the new findings: ID 1 is known, the others are not.
    const labs = new Ledger(home).jobs().filter((j) => j.table === 'laboratory');
    expect(labs.map((j) => j.summary?.patientIds?.unknown)).toEqual([1, 0, 1, 1, 1, 1]);
    expect(labs.map((j) => j.stage)).toEqual([
      'blocked',
      'ready',
      'blocked',
      'blocked',
      'blocked',
      'blocked',
    ]);
  }, 120_000);
});
