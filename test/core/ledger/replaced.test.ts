import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../../src-main/core/jobs/ingest';
import type { LedgerEvent } from '../../../src-main/core/ledger/events';
import { Ledger } from '../../../src-main/core/ledger/ledger';
import { definitions, tempDir } from '../../helpers/env';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
});
afterAll(() => cleanup());

const at = '2026-01-02T03:04:05.000Z';
const jobEvent = (id: string): LedgerEvent => ({
  type: 'job',
  id,
  at,
  pid: process.pid,
  source: { name: `${id}.csv`, path: `/x/${id}.csv`, bytes: 1, mtimeMs: 5 },
  table: null,
  cohort: 'C',
  protocolYear: 2025,
  site: null,
});
const result = (id: string): LedgerEvent => ({
  type: 'result',
  id,
  at,
  sha256: 'c'.repeat(64),
  summary: null,
  reportPath: null,
  artifact: { path: `/a/${id}.duckdb`, bytes: 9, sha256: 'd'.repeat(64) },
  meta: null,
  duplicateOf: null,
  supersedes: null,
});
const jobLines = (file: string, id: string): number =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.includes('"type":"job"') && l.includes(`"id":"${id}"`)).length;

describe('a journal deleted or replaced while a job runs', () => {
  it('keeps the job: its job event is written again before its next event', () => {
    const home = join(dir, 'deleted');
    const file = join(home, 'ledger.jsonl');
    const ledger = new Ledger(home);
    ledger.append(jobEvent('j1'));
    ledger.append({ type: 'stage', id: 'j1', at, stage: 'converting' });
    expect(ledger.jobs()).toHaveLength(1);
    rmSync(file);
    expect(ledger.jobs()).toEqual([]);
    ledger.append(result('j1'));
    ledger.append({ type: 'stage', id: 'j1', at, stage: 'ready' });
    const j = new Ledger(home).job('j1');
    expect(j).toMatchObject({
      stage: 'ready',
      createdAt: at,
      source: { name: 'j1.csv', sha256: 'c'.repeat(64) },
      artifact: { path: '/a/j1.duckdb' },
    });
    expect(ledger.job('j1')?.stage).toBe('ready');
    // Once: the journal has it again.
    expect(jobLines(file, 'j1')).toBe(1);
  });

  it('also when the journal is deleted before this process read its own job event back', () => {
    const home = join(dir, 'unread');
    const ledger = new Ledger(home);
    ledger.append(jobEvent('u1'));
    rmSync(join(home, 'ledger.jsonl'));
    ledger.append({ type: 'stage', id: 'u1', at, stage: 'failed', error: 'x' });
    expect(new Ledger(home).job('u1')).toMatchObject({ stage: 'failed', error: 'x' });
  });

  it("writes again only the jobs the new journal lacks, keeping the new journal's own", () => {
    const home = join(dir, 'replaced');
    const file = join(home, 'ledger.jsonl');
    const ledger = new Ledger(home);
    ledger.append(jobEvent('r1'));
    ledger.append(jobEvent('r2'));
    expect(ledger.jobs()).toHaveLength(2);
    // A restored copy that has r2 and another job, but not r1.
    writeFileSync(
      `${file}.restored`,
      [jobEvent('r2'), jobEvent('x1')].map((e) => JSON.stringify(e) + '\n').join(''),
    );
    renameSync(`${file}.restored`, file);
    ledger.append({ type: 'stage', id: 'r1', at, stage: 'ready' });
    ledger.append({ type: 'stage', id: 'r2', at, stage: 'blocked' });
    const jobs = new Ledger(home).jobs();
    expect(jobs.map((j) => [j.id, j.stage])).toEqual([
      ['r2', 'blocked'],
      ['x1', 'queued'],
      ['r1', 'ready'],
    ]);
    expect(jobLines(file, 'r1')).toBe(1);
    expect(jobLines(file, 'r2')).toBe(1);
  });

  it('a real ingest whose journal is deleted mid-way ends with its result', async () => {
    const home = join(dir, 'ingest');
    const csv = join(dir, 'lab.csv');
    writeFileSync(
      csv,
      'cohortPatientId,testName,result,units,normalMin,normalMax,interpretation,resultDate,source\n1,Abs CD4,350,u,1,2,,2021-01-01,L1\n',
    );
    let deleted = false;
    const r = await ingestFile(csv, {
      home,
      ledger: new Ledger(home),
      definitions: await definitions(),
      cohort: 'C',
      protocolYear: 2025,
      onProgress: (p) => {
        if (p.stage === 'converting' && !deleted) {
          rmSync(join(home, 'ledger.jsonl'));
          deleted = true;
        }
      },
    });
    expect(deleted).toBe(true);
    expect(r.stage).toBe('ready');
    const j = new Ledger(home).job(r.id);
    expect(j).toMatchObject({
      stage: 'ready',
      table: 'laboratory',
      rows: 1,
      source: { name: 'lab.csv', sha256: r.source.sha256 },
      artifact: { path: r.artifact!.path },
    });
  });
});
