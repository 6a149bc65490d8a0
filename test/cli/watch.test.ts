/** `courier watch` as a site runs it: a real process, real chokidar, real pushes, SIGTERM. */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COURIER_BIN, courier, sampleTable } from '../helpers/cli';
import { tempDir } from '../helpers/env';

let dir: string;
let cleanup: () => void;
let lab: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('courier-watch-cli-'));
  lab = await sampleTable(join(dir, 'sample'), 'laboratory', 30);
});
afterAll(() => cleanup());

/** A running `courier watch` whose stderr lines are collected. */
function watch(home: string, ...args: string[]): { child: ChildProcess; lines: string[] } {
  const child = spawn(process.execPath, [COURIER_BIN, 'watch', ...args], {
    env: { ...process.env, COURIER_HOME: home },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const lines: string[] = [];
  let buf = '';
  child.stderr!.on('data', (b: Buffer) => {
    buf += b.toString('utf8');
    const parts = buf.split('\n');
    buf = parts.pop()!;
    lines.push(...parts);
  });
  return { child, lines };
}

async function until(cond: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describe('courier watch', () => {
  it('refuses a --stable it cannot read, and a folder that is not there', () => {
    const home = join(dir, 'home-usage');
    const inbox = join(dir, 'inbox-usage');
    mkdirSync(inbox);
    const bad = courier(home, 'watch', inbox, '--stable', 'two seconds');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/a duration such as 2s/);
    const missing = courier(home, 'watch', join(dir, 'no-such-folder'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/is not a folder/);
  });

  it('takes a file, pushes it, moves it to done/, and stops cleanly on SIGTERM', async () => {
    const home = join(dir, 'home-run');
    const inbox = join(dir, 'inbox-run');
    const nas = join(dir, 'nas-run');
    mkdirSync(inbox);
    mkdirSync(nas);
    const w = watch(
      home,
      inbox,
      '--push',
      '--dest',
      nas,
      '--stable',
      '300ms',
      '--grace',
      '300ms',
      '--move-finished',
      '--cohort',
      'UW - Seattle',
      '--year',
      '2025',
    );
    await until(() => w.lines.some((l) => l.includes('watching')));
    copyFileSync(lab, join(inbox, 'lab.csv'));
    await until(() => w.lines.some((l) => / pushed: sent to /.test(l)));
    await until(() => w.lines.some((l) => l.includes('moved "lab.csv" to ')));
    expect(await stop(w.child)).toBe(0);
    expect(readdirSync(join(inbox, 'done'))).toEqual(['lab.csv']);
    const year = join(nas, 'uw-seattle', '2025', 'laboratory');
    expect(readdirSync(year).filter((f) => f.endsWith('.duckdb'))).toHaveLength(1);
  });

  it('sends at start what an earlier run left queued, without waiting for a new file', async () => {
    const home = join(dir, 'home-drain');
    const nas = join(dir, 'nas-drain');
    const inbox = join(dir, 'inbox-drain');
    mkdirSync(inbox);
    mkdirSync(nas);
    // The share is set up once (its marker pinned), then away when the file is ingested: the
    // job waits in the push queue.
    expect(courier(home, 'push', '--dest', nas).code).toBe(0);
    renameSync(nas, `${nas}-away`);
    const first = courier(
      home,
      'ingest',
      '--push',
      '--dest',
      nas,
      '--cohort',
      'UW - Seattle',
      '--year',
      '2025',
      lab,
    );
    expect(first.code).toBe(3);
    renameSync(`${nas}-away`, nas);
    const w = watch(home, inbox, '--push', '--dest', nas);
    await until(() => w.lines.some((l) => / pushed: sent to /.test(l)));
    expect(await stop(w.child)).toBe(0);
    const status = JSON.parse(courier(home, 'history', '--json').stdout.split('\n')[0]!);
    expect(status.stage).toBe('pushed');
  }, 120_000);
});
