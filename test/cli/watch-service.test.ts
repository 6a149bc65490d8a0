/**
 * `courier watch` as a service (issue 15 items 3 to 5 and 7): restarts with thousands of taken
 * files, SIGTERM at any time, jobs cut off in a container whose PID 1 comes back, queued pushes
 * retried when due, and every option checked.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  courier,
  courierAsync,
  history,
  service,
  sleep,
  stop,
  until,
} from '../helpers/courierProcess';
import { tempDir } from '../helpers/env';
import { labText, variant } from '../helpers/labFiles';
import { writeTakenJournal } from '../helpers/takenJournal';

let dir: string;
let cleanup: () => void;
let lab: string;
beforeAll(async () => {
  ({ dir, cleanup } = tempDir('courier-service-'));
  lab = await labText(dir, 20);
});
afterAll(() => cleanup());

const SUBMISSION = ['--cohort', 'UW - Seattle', '--year', '2025'];

/** The stages of the journal's jobs as written, read without starting a Courier. */
function rawStages(home: string): Map<string, string> {
  const stages = new Map<string, string>();
  const file = join(home, 'ledger.jsonl');
  if (!existsSync(file)) return stages;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const e = JSON.parse(line) as { type: string; id: string; stage?: string };
      if (e.type === 'job') stages.set(e.id, 'queued');
      if (e.type === 'stage' && e.stage) stages.set(e.id, e.stage);
    } catch {
      // a line still being written
    }
  }
  return stages;
}

describe('courier watch as a service', () => {
  it('refuses every option it cannot read with a usage error', () => {
    const home = join(dir, 'home-usage');
    const inbox = join(dir, 'inbox-usage');
    mkdirSync(inbox);
    for (const bad of [
      ['--stable', '2 s'],
      ['--grace', 'soon'],
      ['--missing-grace', '-1'],
      ['--cohort', '   '],
      ['--year', '25'],
      ['--table', 'nope'],
    ]) {
      const r = courier(home, 'watch', inbox, ...bad);
      expect(r.code, bad.join(' ')).toBe(2);
      expect(r.stderr, bad.join(' ')).not.toBe('');
    }
  });

  it('restarts over 2,000 taken files without taking them again, takes a new one, and stops cleanly on SIGTERM at any time', async () => {
    const home = join(dir, 'home-many');
    const inbox = join(dir, 'inbox-many');
    mkdirSync(inbox);
    const files = Array.from({ length: 2000 }, (_, i) => join(inbox, `lab-${i}.csv`));
    for (const [i, f] of files.entries()) writeFileSync(f, variant(lab, i));
    writeTakenJournal(home, files);

    // SIGTERM while it starts (reading the ledger, listing 2,000 files): a clean stop.
    const early = service(home, ['watch', inbox, '--stable', '300ms']);
    await until(() => early.lines.some((l) => l.includes('starting')));
    early.child.kill('SIGTERM');
    expect(await early.exited).toEqual({ code: 0, signal: null });

    const w = service(home, ['watch', inbox, '--stable', '300ms']);
    await until(() => w.lines.some((l) => l.includes('watching')));
    writeFileSync(join(inbox, 'new.csv'), variant(lab, 'new'));
    await until(() => w.lines.some((l) => l.includes('"new.csv": ready')));
    // A big file: SIGTERM mid-conversion abandons it cleanly.
    writeFileSync(join(inbox, 'big.csv'), await labText(dir, 200_000, 9));
    await until(
      () => rawStages(home).size === 2002 && [...rawStages(home).values()].includes('converting'),
    );
    expect(await stop(w)).toBe(0);
    const jobs = history(home);
    expect(jobs.map((j) => j.source.name).slice(2000)).toEqual(['new.csv', 'big.csv']);
    expect(jobs.at(-1)!.stage).toBe('cancelled');
    expect(readdirSync(join(home, 'workspace', 'staging'))).toEqual([]);
  }, 180_000);

  it('stops on SIGTERM while a push hangs on an unresponsive share', async () => {
    const home = join(dir, 'home-hang');
    const inbox = join(dir, 'inbox-hang');
    const nas = join(dir, 'nas-hang');
    mkdirSync(inbox);
    mkdirSync(nas);
    // Reading the share's marker never returns (a FIFO nobody writes: a hung mount).
    execFileSync('mkfifo', [join(nas, '.courier-share.json')]);
    const w = service(home, [
      'watch',
      inbox,
      '--push',
      '--dest',
      nas,
      '--stable',
      '300ms',
      '--grace',
      '0',
      ...SUBMISSION,
    ]);
    await until(() => w.lines.some((l) => l.includes('watching')));
    writeFileSync(join(inbox, 'lab.csv'), lab);
    await until(() => rawStages(home).size === 1 && [...rawStages(home).values()][0] === 'ready');
    await sleep(500); // the push has begun, and hangs
    w.child.kill('SIGTERM');
    // What could not end in time (the push) is left to the next start; the process ends by
    // SIGTERM's own action, which systemd counts as a clean stop.
    expect(await w.exited).toEqual({ code: null, signal: 'SIGTERM' });
    expect(w.lines.some((l) => l.includes('the next start recovers'))).toBe(true);
  }, 60_000);

  it('retries a queued push when it falls due, with no new file', async () => {
    const home = join(dir, 'home-retry');
    const inbox = join(dir, 'inbox-retry');
    const nas = join(dir, 'nas-retry');
    mkdirSync(inbox);
    mkdirSync(nas);
    expect(courier(home, 'push', '--dest', nas).code).toBe(0);
    renameSync(nas, `${nas}-away`);
    const w = service(home, [
      'watch',
      inbox,
      '--push',
      '--dest',
      nas,
      '--stable',
      '300ms',
      '--grace',
      '0',
      ...SUBMISSION,
    ]);
    await until(() => w.lines.some((l) => l.includes('watching')));
    writeFileSync(join(inbox, 'lab.csv'), lab);
    await until(() => w.lines.some((l) => / waiting: /.test(l)));
    renameSync(`${nas}-away`, nas);
    // The first retry falls due within 10 s (backoff); the queue is not only looked at every
    // 30 s, nor only when another file finishes.
    await until(() => w.lines.some((l) => / pushed: sent to /.test(l)), 25_000);
    expect(await stop(w)).toBe(0);
  }, 60_000);

  it('recovers a job cut off in a container whose PID 1 comes back', async (ctx) => {
    const home = join(dir, 'home-pid1');
    const big = join(dir, 'pid1.csv');
    writeFileSync(big, await labText(dir, 300_000, 11));
    // Each run is PID 1 of its own PID namespace, as in a container.
    const ns = ['unshare', '--pid', '--fork', '--mount-proc', '--kill-child'];
    const probe = await courierAsync(home, ['--version'], { wrap: ns });
    if (probe.code !== 0) {
      const { skipTest } = await import('../helpers/skip');
      skipTest(ctx, {
        why: `unshare --pid cannot run here (${probe.stderr.trim().split('\n')[0]})`,
        what: 'container PID tests',
        fix: 'run the tests as root with util-linux installed',
      });
    }
    const run = service(home, ['ingest', ...SUBMISSION, big], { wrap: ns });
    await until(() => [...rawStages(home).values()].includes('converting'));
    run.child.kill('SIGKILL'); // unshare dies; --kill-child takes Courier with it
    await run.exited;
    const ledger = readFileSync(join(home, 'ledger.jsonl'), 'utf8');
    expect(ledger).toContain('"pid":1,');
    // The next Courier is PID 1 again: the job is recovered, not taken for its own.
    const next = await courierAsync(home, ['history', '--json'], { wrap: ns });
    expect(next.code).toBe(0);
    const job = JSON.parse(next.stdout.split('\n')[0]!) as { stage: string; error: string };
    expect(job.stage).toBe('failed');
    expect(job.error).toContain('stopped');
    expect(readdirSync(join(home, 'workspace', 'staging'))).toEqual([]);
  }, 120_000);
});
