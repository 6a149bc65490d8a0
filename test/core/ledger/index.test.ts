import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  mkdirSync,
  renameSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../../../src-main/core/ledger/events';
import { Ledger } from '../../../src-main/core/ledger/ledger';
import { tempDir } from '../../helpers/env';
import { COHORT, generateJobs, journalText, YEAR } from '../../helpers/largeJournal';

const BIN = join(import.meta.dirname, '../../../bin/courier.mjs');
let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
});
afterAll(() => cleanup());

const jobEvent = (id: string, name = `${id}.csv`): LedgerEvent => ({
  type: 'job',
  id,
  at: new Date().toISOString(),
  pid: process.pid,
  source: { name, path: `/x/${name}`, bytes: 1, mtimeMs: 5 },
  table: null,
  cohort: null,
  protocolYear: null,
  site: null,
});
const stage = (id: string, s: 'ready' | 'failed'): LedgerEvent => ({
  type: 'stage',
  id,
  at: new Date().toISOString(),
  stage: s,
});
const line = (e: LedgerEvent): string => JSON.stringify({ v: 1, ...e }) + '\n';

describe('the ledger index', () => {
  it('answers over 100,000 jobs and reads only what the journal gains', () => {
    const home = join(dir, 'large');
    mkdirSync(home);
    const jobs = generateJobs(100_000);
    const file = join(home, 'ledger.jsonl');
    writeFileSync(file, journalText(jobs));
    const size = statSync(file).size;

    const ledger = new Ledger(home);
    const all = ledger.jobs();
    expect(ledger.bytesRead).toBe(size);
    expect(all.map((j) => j.id)).toEqual(jobs.map((j) => j.id));
    expect(all.map((j) => j.stage)).toEqual(jobs.map((j) => j.stage));
    for (const k of [0, 1, 30, 77, 99_999]) {
      const g = jobs[k]!;
      expect(ledger.job(g.id)).toMatchObject({
        id: g.id,
        stage: g.stage,
        table: g.table,
        source: { name: g.name, path: g.path, bytes: g.bytes },
        artifact: g.artifact ? { path: g.artifact } : null,
      });
      // Taken unless it failed; another mtime is another file (jobs of earlier versions
      // recorded no identity: path, size and mtime decide).
      expect(ledger.hasTaken('0:0:0:0:0', g.path, g.bytes, g.mtimeMs)).toBe(g.stage !== 'failed');
      expect(ledger.hasTaken('0:0:0:0:0', g.path, g.bytes, g.mtimeMs + 1)).toBe(false);
    }
    const lastPatient = jobs.filter((j) => j.artifact).at(-1)!;
    expect(ledger.latestPatientArtifact(COHORT, YEAR)).toBe(lastPatient.artifact);
    expect(ledger.latestPatientArtifact(COHORT, YEAR + 1)).toBeNull();
    expect(ledger.notAvailable(COHORT, YEAR)).toEqual(new Map([['census', 'not collected']]));
    // None of those questions read the journal again.
    expect(ledger.bytesRead).toBe(size);

    // Another process appends: a real `courier override` of a blocked job.
    // A blocked table that was converted (the only kind an override may let go).
    const blocked = jobs.findLast((j) => j.stage === 'blocked' && j.artifact !== null)!;
    const r = spawnSync(
      process.execPath,
      [BIN, 'override', blocked.id, '--reason', 'checked by hand', '--home', home],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.stderr).toContain('may now be pushed');
    expect(r.status).toBe(0);
    const grown = statSync(file).size;
    expect(grown).toBeGreaterThan(size);
    expect(ledger.job(blocked.id)).toMatchObject({
      stage: 'ready',
      override: { reason: 'checked by hand' },
    });
    expect(ledger.jobs()).toHaveLength(100_000);
    expect(ledger.bytesRead).toBe(grown);
  });

  it('hands out records that callers cannot change', () => {
    const ledger = new Ledger(join(dir, 'frozen'));
    ledger.append(jobEvent('f1'));
    ledger.append(stage('f1', 'ready'));
    const [rec] = ledger.jobs();
    expect(() => {
      (rec as { stage: string }).stage = 'pushed';
    }).toThrow(TypeError);
    expect(() => {
      (rec!.source as { path: string }).path = '/elsewhere';
    }).toThrow(TypeError);
    ledger.jobs().reverse().push(rec!);
    expect(ledger.jobs()).toHaveLength(1);
    expect(ledger.job('f1')).toMatchObject({ stage: 'ready', source: { path: '/x/f1.csv' } });
  });

  it('reads a line being written once it is whole', () => {
    const home = join(dir, 'partial');
    const ledger = new Ledger(home);
    ledger.append(jobEvent('p1'));
    expect(ledger.jobs()).toHaveLength(1);
    const next = line(jobEvent('p2'));
    appendFileSync(join(home, 'ledger.jsonl'), next.slice(0, 20));
    expect(ledger.jobs().map((j) => j.id)).toEqual(['p1']);
    appendFileSync(join(home, 'ledger.jsonl'), next.slice(20));
    expect(ledger.jobs().map((j) => j.id)).toEqual(['p1', 'p2']);
  });

  it('reads the journal again when it shrank, was replaced or deleted', () => {
    const home = join(dir, 'replaced');
    const file = join(home, 'ledger.jsonl');
    const ledger = new Ledger(home);
    ledger.append(jobEvent('r1'));
    ledger.append(jobEvent('r2'));
    expect(ledger.jobs().map((j) => j.id)).toEqual(['r1', 'r2']);
    // Another file under the name, longer than what was read.
    writeFileSync(
      `${file}.new`,
      line(jobEvent('n1')) + line(jobEvent('n2')) + line(jobEvent('n3')),
    );
    renameSync(`${file}.new`, file);
    expect(ledger.jobs().map((j) => j.id)).toEqual(['n1', 'n2', 'n3']);
    // The same file, cut shorter and written again.
    truncateSync(file, 0);
    appendFileSync(file, line(jobEvent('trunc1')));
    expect(ledger.jobs().map((j) => j.id)).toEqual(['trunc1']);
    rmSync(file);
    expect(ledger.jobs()).toEqual([]);
    expect(ledger.job('trunc1')).toBeNull();
  });
});
