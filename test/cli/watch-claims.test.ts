/**
 * One claim per file (issue 15 item 1, issue 13 item 4): two `courier watch` services on one
 * data folder, and two `courier ingest` of one file at once, convert and push each file once.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryLine } from '../helpers/courierProcess';
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
import { dataRows, labText, variant } from '../helpers/labFiles';

let dir: string;
let cleanup: () => void;
let lab: string;
beforeAll(async () => {
  ({ dir, cleanup } = tempDir('courier-claims-'));
  lab = await labText(dir, 40);
});
afterAll(() => cleanup());

const SUBMISSION = ['--cohort', 'UW - Seattle', '--year', '2025'];
const IN_PROGRESS = new Set(['queued', 'scanning', 'converting', 'checking', 'pushing']);

/** Every file has a job that is pushed, and no job is under way. */
function settled(jobs: HistoryLine[], names: string[]): boolean {
  if (jobs.some((j) => IN_PROGRESS.has(j.stage) || j.stage === 'push-queued')) return false;
  return names.every((n) => jobs.some((j) => j.source.name === n && j.stage === 'pushed'));
}

describe('one claim per file', () => {
  it('two watch services on one data folder convert and push each file once', async () => {
    const home = join(dir, 'home-two');
    const inbox = join(dir, 'inbox-two');
    const nas = join(dir, 'nas-two');
    mkdirSync(inbox);
    mkdirSync(nas);
    // The share is set up first, so neither service races to create its marker.
    expect(courier(home, 'push', '--dest', nas).code).toBe(0);
    const args = [
      'watch',
      inbox,
      '--push',
      '--dest',
      nas,
      '--stable',
      '300ms',
      '--grace',
      '200ms',
      ...SUBMISSION,
    ];
    const a = service(home, args);
    const b = service(home, args);
    await until(() => [a, b].every((s) => s.lines.some((l) => l.includes('watching'))));
    const names = Array.from({ length: 8 }, (_, i) => `lab-${i}.csv`);
    names.forEach((n, i) => writeFileSync(join(inbox, n), variant(lab, i)));

    // Settled twice in a row, a stability window apart: no service is about to start a job.
    let jobs: HistoryLine[] = [];
    for (let calm = 0; calm < 2;) {
      await sleep(1000);
      jobs = history(home);
      calm = settled(jobs, names) ? calm + 1 : 0;
    }
    expect(await stop(a)).toBe(0);
    expect(await stop(b)).toBe(0);

    for (const n of names) {
      const mine = jobs.filter((j) => j.source.name === n);
      // One conversion; any other job of the file is a skipped duplicate of it.
      const converted = mine.filter((j) => j.stage !== 'skipped');
      expect(converted, n).toHaveLength(1);
      for (const j of mine.filter((x) => x.stage === 'skipped'))
        expect(j.duplicateOf).toBe(converted[0]!.id);
    }
    const pushed = readdirSync(join(nas, 'uw-seattle', '2025', 'laboratory'));
    expect(pushed.filter((f) => f.endsWith('.duckdb'))).toHaveLength(names.length);
    const status = JSON.parse(courier(home, 'status', '--json', ...SUBMISSION).stdout) as {
      tables: { table: string; files: number; rows: number | null }[];
    };
    const labTable = status.tables.find((t) => t.table === 'laboratory')!;
    expect(labTable.files).toBe(names.length);
    expect(labTable.rows).toBe(names.length * (dataRows(lab) + 1));
  }, 180_000);

  it('two `courier ingest` of one file at once: the second reports duplicate-file', async () => {
    const home = join(dir, 'home-ingest');
    const big = join(dir, 'big-lab.csv');
    // Large enough that the two runs overlap.
    writeFileSync(big, await labText(dir, 150_000, 5));
    const runs = await Promise.all([
      courierAsync(home, ['ingest', '--json', ...SUBMISSION, big]),
      courierAsync(home, ['ingest', '--json', ...SUBMISSION, big]),
    ]);
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    const jobs = history(home);
    expect(jobs).toHaveLength(2);
    const kept = jobs.filter((j) => j.stage === 'ready');
    const skipped = jobs.filter((j) => j.stage === 'skipped');
    expect(kept).toHaveLength(1);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]!.duplicateOf).toBe(kept[0]!.id);
    // The loser says so: in its report once the winner has one, else in words on stderr.
    const said = runs.map((r) => /duplicate-file/.test(r.stdout + r.stderr));
    expect(said.filter(Boolean)).toHaveLength(1);
    expect(readdirSync(join(home, 'artifacts'))).toHaveLength(1);
  }, 180_000);
});
