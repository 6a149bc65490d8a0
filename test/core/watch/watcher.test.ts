import {
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
  appendFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Intake } from '../../../src-main/core/intake/intake';
import type { WatchedFolderPlan } from '../../../src-main/core/intake/watching';
import type { JobResult } from '../../../src-main/core/jobs/runJob';
import { Ledger } from '../../../src-main/core/ledger/ledger';
import { SettingsStore } from '../../../src-main/core/settings/settings';
import { isTemporaryName } from '../../../src-main/core/watch/watcher';
import { definitions, tempDir } from '../../helpers/env';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
});
afterAll(() => cleanup());

const HEADER =
  'cohortPatientId,testName,result,units,normalMin,normalMax,interpretation,resultDate,source\n';
const rows = (n: number, tag: string): string =>
  Array.from({ length: n }, (_, i) => `${tag}${i},Abs CD4,${i},u,1,2,,2021-01-01,L1\n`).join('');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function folder(path: string, over: Partial<WatchedFolderPlan> = {}): WatchedFolderPlan {
  return {
    path,
    cohort: null,
    protocolYear: null,
    autoPush: false,
    recursive: false,
    moveFinished: false,
    polling: false,
    table: 'laboratory',
    ...over,
  };
}

/** The watched-folder intake the window and `courier watch` both run, on one folder. */
async function makeWatcher(name: string, stableMs = 600) {
  const inbox = join(dir, name);
  mkdirSync(inbox, { recursive: true });
  const home = join(dir, `${name}-home`);
  const ledger = new Ledger(home);
  const settings = new SettingsStore(home);
  const defs = await definitions();
  const results: JobResult[] = [];
  const moved: string[] = [];
  let running = 0;
  const seen = { maxConcurrent: 0 };
  const make = (over: Partial<WatchedFolderPlan> = {}) => {
    const intake = new Intake({
      home,
      ledger,
      settings,
      definitions: () => defs,
      stableMs,
      rescanMs: 500,
      retryMs: 0,
      hooks: {
        started: () => {
          running++;
          seen.maxConcurrent = Math.max(seen.maxConcurrent, running);
        },
        finished: (_item, r) => {
          running--;
          results.push(r);
        },
        moved: (_item, to) => moved.push(to),
      },
    });
    return {
      start: () => intake.watch([folder(inbox, over)]),
      stop: () => intake.close(),
    };
  };
  return { inbox, home, ledger, results, moved, seen, make };
}

async function until(cond: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(50);
  }
}

describe('the watched-folder inbox (real chokidar)', () => {
  it('names temporary files as such', () => {
    for (const n of [
      '~$lab.csv',
      '.lab.csv.swp',
      'lab.csv.part',
      'lab.crdownload',
      'lab.tmp',
      '.hidden.csv',
    ])
      expect(isTemporaryName(n), n).toBe(true);
    expect(isTemporaryName('lab_2025.csv')).toBe(false);
  });

  // Slices 1 s apart, stability 2.5 s: a margin for a busy CI machine whose timers run late.
  it('ingests a file written in four slices over three seconds once, after it is complete', async () => {
    const w = await makeWatcher('slices', 2500);
    const watcher = w.make();
    await watcher.start();
    const file = join(w.inbox, 'lab.csv');
    writeFileSync(file, HEADER + rows(100, 'a'));
    for (const tag of ['b', 'c', 'd']) {
      await sleep(1000);
      appendFileSync(file, rows(100, tag));
    }
    await until(() => w.results.length === 1);
    await sleep(3000);
    await watcher.stop();
    expect(w.results).toHaveLength(1);
    expect(w.results[0]!.report!.rows).toBe(400);
  });

  it('does not ingest the same file again after a restart, and leaves the source untouched', async () => {
    const w = await makeWatcher('restart');
    const file = join(w.inbox, 'lab.csv');
    writeFileSync(file, HEADER + rows(10, 'x'));
    const before = statSync(file);
    const bytes = readFileSync(file);
    const first = w.make();
    await first.start();
    await until(() => w.results.length === 1);
    await first.stop();
    const second = w.make();
    await second.start();
    await sleep(1500);
    await second.stop();
    expect(w.results).toHaveLength(1);
    expect(w.ledger.jobs()).toHaveLength(1);
    const after = statSync(file);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('takes fifty files dropped at once, each exactly once, one at a time', async () => {
    const w = await makeWatcher('fifty', 400);
    const watcher = w.make();
    await watcher.start();
    for (let i = 0; i < 50; i++)
      writeFileSync(
        join(w.inbox, `lab${String(i).padStart(2, '0')}.csv`),
        HEADER + rows(5, `f${i}-`),
      );
    await until(() => w.results.length === 50, 120_000);
    await sleep(1000);
    await watcher.stop();
    expect(w.results).toHaveLength(50);
    expect(new Set(w.results.map((r) => r.source.name)).size).toBe(50);
    expect(w.seen.maxConcurrent).toBe(1);
    expect(w.results.every((r) => r.stage === 'ready')).toBe(true);
  }, 150_000);

  it('ignores temporary names until they are renamed to their final name', async () => {
    const w = await makeWatcher('rename');
    const watcher = w.make();
    await watcher.start();
    writeFileSync(join(w.inbox, 'lab.csv.part'), HEADER + rows(3, 'p'));
    writeFileSync(join(w.inbox, '~$lab.csv'), 'lock');
    await sleep(1500);
    expect(w.results).toHaveLength(0);
    renameSync(join(w.inbox, 'lab.csv.part'), join(w.inbox, 'lab.csv'));
    // A file moved in from elsewhere is picked up too.
    const outside = join(dir, 'elsewhere.csv');
    writeFileSync(outside, HEADER + rows(4, 'm'));
    renameSync(outside, join(w.inbox, 'moved.csv'));
    await until(() => w.results.length === 2);
    await watcher.stop();
    expect(w.results.map((r) => r.source.name).sort()).toEqual(['lab.csv', 'moved.csv']);
  });

  it('can move finished files into done/ and rejected/ without overwriting', async () => {
    const w = await makeWatcher('move', 300);
    mkdirSync(join(w.inbox, 'done'), { recursive: true });
    writeFileSync(join(w.inbox, 'done', 'good.csv'), 'already there');
    const watcher = w.make({ moveFinished: true });
    await watcher.start();
    writeFileSync(join(w.inbox, 'good.csv'), HEADER + rows(2, 'g'));
    writeFileSync(join(w.inbox, 'bad.csv'), HEADER + '1,Abs CD4,1,u,1,2,,2021-02-30,L1\n');
    await until(() => w.moved.length === 2);
    await watcher.stop();
    const inbox = w.inbox;
    expect(readFileSync(join(inbox, 'done', 'good.csv'), 'utf8')).toBe('already there');
    expect(readFileSync(join(inbox, 'done', 'good (2).csv'), 'utf8')).toContain('g0,Abs CD4');
    expect(readFileSync(join(inbox, 'rejected', 'bad.csv'), 'utf8')).toContain('2021-02-30');
  });
});
