import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Report } from '../../../src-main/shared/report';
import { ingestFile } from '../../../src-main/core/jobs/ingest';
import type { IngestOptions } from '../../../src-main/core/jobs/ingest';
import { Journal } from '../../../src-main/core/ledger/journal';
import { Ledger } from '../../../src-main/core/ledger/ledger';
import { submissionBoard } from '../../../src-main/core/ledger/submission';
import { definitions, tempDir } from '../../helpers/env';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
});
afterAll(() => cleanup());

const LAB_HEADER =
  'cohortPatientId,testName,result,units,normalMin,normalMax,interpretation,resultDate,source';
const PATIENT_HEADER =
  'cohortPatientId,birthSex,presentSex,birthYear,race,hispanic,enrollDate,lastActivityDate,deathDate,deathDateSource,subSiteID,hivNegative,BirthCountry,transgendered,LastNDIDate';
const codes = (r: Report | null): string[] => (r?.issues ?? []).map((i) => i.code);

async function opts(home: string, extra: Partial<IngestOptions> = {}): Promise<IngestOptions> {
  return {
    home,
    ledger: new Ledger(home),
    definitions: await definitions(),
    cohort: 'UW - Seattle',
    protocolYear: 2025,
    ...extra,
  };
}

function file(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

describe('the ledger', () => {
  it('records jobs, skips exact duplicates unless forced, and flags possible new versions', async () => {
    const home = join(dir, 'h1');
    const a = file('lab_a.csv', `${LAB_HEADER}\n1,Abs CD4,350,u,1,2,,2021-01-01,L1\n`);
    const first = await ingestFile(a, await opts(home));
    expect(first.stage).toBe('ready');
    // Same bytes under another name: skipped, and the report says when and as what.
    const copy = file('copy_of_lab.csv', readFileSync(a, 'utf8'));
    const second = await ingestFile(copy, await opts(home));
    expect(second.stage).toBe('skipped');
    const dup = second.report!.issues.find((i) => i.code === 'duplicate-file');
    expect(dup?.message).toContain('"lab_a.csv"');
    expect(second.artifact).toBeNull();
    const forced = await ingestFile(copy, await opts(home, { force: true }));
    expect(forced.stage).toBe('ready');
    expect(codes(forced.report)).toContain('duplicate-file');
    // Same name and size, other bytes.
    const b = file('lab_a.csv', `${LAB_HEADER}\n1,Abs CD4,351,u,1,2,,2021-01-01,L1\n`);
    const newer = await ingestFile(b, await opts(home));
    expect(codes(newer.report)).toContain('possible-new-version');
    const jobs = new Ledger(home).jobs();
    expect(jobs.map((j) => j.stage)).toEqual(['ready', 'skipped', 'ready', 'ready']);
    expect(jobs[1]!.duplicateOf).toBe(jobs[0]!.id);
    expect(jobs[0]!.source.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('never compares --table any files with each other for header-mismatch', async () => {
    const home = join(dir, 'h-any');
    await ingestFile(file('any1.csv', 'a,b\n1,2\n'), await opts(home, { table: 'any' }));
    const r = await ingestFile(
      file('any2.csv', 'x,y,z\n1,2,3\n'),
      await opts(home, { table: 'any' }),
    );
    expect(r.stage).toBe('ready');
    expect(codes(r.report)).not.toContain('header-mismatch');
  });

  it('warns when a multi-file table changes its header, and supersedes patient tables', async () => {
    const home = join(dir, 'h2');
    await ingestFile(
      file('lab1.csv', `${LAB_HEADER}\n1,A,1,u,1,2,,2021-01-01,L1\n`),
      await opts(home),
    );
    const reordered = LAB_HEADER.split(',').reverse().join(',');
    const r = await ingestFile(
      file('lab2.csv', `${reordered}\nL1,2021-01-01,,2,1,u,1,A,2\n`),
      await opts(home),
    );
    expect(codes(r.report)).toContain('header-mismatch');
    const p1 = await ingestFile(
      file('p1.csv', `${PATIENT_HEADER}\n1,Female,,1970,White,No,2010-01-05,2024-06-01,,,,,,,\n`),
      await opts(home),
    );
    const p2 = await ingestFile(
      file('p2.csv', `${PATIENT_HEADER}\n1,Female,,1971,White,No,2010-01-05,2024-06-01,,,,,,,\n`),
      await opts(home),
    );
    expect(p2.meta?.supersedes).toBe(p1.artifact!.path.split('/').pop());
    // The lab file ingested after the patient table is checked against it.
    const lab3 = await ingestFile(
      file('lab3.csv', `${LAB_HEADER}\n2,A,1,u,1,2,,2021-01-01,L1\n`),
      await opts(home),
    );
    expect(lab3.report!.issues.find((i) => i.code === 'unknown-patient-id')?.lines).toEqual([2]);
    const board = submissionBoard(new Ledger(home), await definitions(), 'UW - Seattle', 2025);
    const patient = board.tables.find((t) => t.table === 'patient')!;
    expect(patient).toMatchObject({ status: 'ready', files: 1, patients: 1 });
    // lab3's unknown ID blocks it: the table has problems to fix.
    expect(board.tables.find((t) => t.table === 'laboratory')).toMatchObject({
      status: 'problems',
      files: 3,
    });
    // lab2 (ID 2, ingested before any patient table) was re-checked when the patient table came.
    expect(board.unknownPatientIds).toBe(2);
    expect(board.tables.find((t) => t.table === 'census')?.status).toBe('missing');
  });

  it('re-checks the other tables when the patient table changes', async () => {
    const home = join(dir, 'h5');
    const lab = await ingestFile(
      file('lab_re.csv', `${LAB_HEADER}\n7,A,1,u,1,2,,2021-01-01,L1\n8,A,1,u,1,2,,2021-01-01,L1\n`),
      await opts(home),
    );
    expect(codes(lab.report)).toContain('no-patient-table');
    expect(lab.stage).toBe('ready');
    // A patient table without patient 8: the lab file now has an unknown ID and is blocked.
    await ingestFile(
      file(
        'pt_re1.csv',
        `${PATIENT_HEADER}\n7,Female,,1970,White,No,2010-01-05,2024-06-01,,,,,,,\n`,
      ),
      await opts(home),
    );
    let rec = new Ledger(home).job(lab.id)!;
    expect(rec.stage).toBe('blocked');
    let report = JSON.parse(readFileSync(rec.reportPath!, 'utf8')) as Report;
    expect(report.issues.find((i) => i.code === 'unknown-patient-id')).toMatchObject({
      lines: [3],
      distinct: 1,
    });
    expect(codes(report)).not.toContain('no-patient-table');
    expect(rec.meta?.precheck).toMatchObject({ status: 'fail' });
    // A new version that has patient 8: the lab file is clean and ready again.
    await ingestFile(
      file(
        'pt_re2.csv',
        `${PATIENT_HEADER}\n7,Female,,1970,White,No,2010-01-05,2024-06-01,,,,,,,\n8,Male,,1980,Asian,No,2011-01-05,2024-06-01,,,,,,,\n`,
      ),
      await opts(home),
    );
    rec = new Ledger(home).job(lab.id)!;
    expect(rec.stage).toBe('ready');
    report = JSON.parse(readFileSync(rec.reportPath!, 'utf8')) as Report;
    expect(codes(report)).toEqual([]);
    expect(report.patientIds?.unknown).toBe(0);
  });

  it('keeps an audit log of file operations with hashes and no contents', async () => {
    const home = join(dir, 'h3');
    const canary = 'CANARY-ID-7731';
    await ingestFile(
      file(
        'lab_canary.csv',
        `${LAB_HEADER}\n${canary},Abs CD4,CANARY-VALUE-55,u,1,2,,2021-01-01,L1\n`,
      ),
      await opts(home),
    );
    const ledger = new Ledger(home);
    const ops = ledger.auditEvents().map((e) => e.op);
    expect(ops).toEqual(['read', 'staged', 'converted']);
    for (const f of ['audit.jsonl', 'ledger.jsonl']) {
      const text = readFileSync(join(home, f), 'utf8');
      expect(text).not.toContain(canary);
      expect(text).not.toContain('CANARY-VALUE-55');
    }
  });

  it('survives a torn last line and keeps appending on a fresh line', () => {
    const path = join(dir, 'torn.jsonl');
    const j = new Journal(path, {
      schema: z.object({ n: z.number() }),
      version: 1,
      what: 'a number',
    });
    j.append({ n: 1 });
    appendFileSync(path, '{"n": 2, "trunc');
    j.append({ n: 3 });
    expect(j.read()).toEqual([{ n: 1 }, { n: 3 }]);
  });

  it('loses no event when several processes append at once', async () => {
    const path = join(dir, 'concurrent.jsonl');
    const script = `
      import { openSync, writeSync, fsyncSync, closeSync } from 'node:fs';
      const [path, who] = process.argv.slice(1);
      for (let i = 0; i < 300; i++) {
        const fd = openSync(path, 'a');
        writeSync(fd, JSON.stringify({ who, i, pad: 'x'.repeat(200) }) + '\\n');
        fsyncSync(fd); closeSync(fd);
      }`;
    await Promise.all(
      ['a', 'b', 'c'].map(
        (who) =>
          new Promise<void>((res, rej) => {
            const p = spawn(process.execPath, ['--input-type=module', '-e', script, path, who]);
            p.on('exit', (c) => (c === 0 ? res() : rej(new Error(`exit ${c}`))));
          }),
      ),
    );
    const events = new Journal(path, {
      schema: z.object({ who: z.string(), i: z.number() }),
      version: 1,
      what: 'a test event',
    }).read();
    expect(events).toHaveLength(900);
  });

  it('recovers jobs left mid-way by a dead process', () => {
    const home = join(dir, 'h4');
    const ledger = new Ledger(home);
    const at = new Date().toISOString();
    const dead = 2 ** 22 + 12345; // no such process
    ledger.append({
      type: 'job',
      id: 'j1',
      at,
      pid: dead,
      source: { name: 'a.csv', path: '/x/a.csv', bytes: 1 },
      table: null,
      cohort: null,
      protocolYear: null,
      site: null,
    });
    ledger.append({ type: 'stage', id: 'j1', at, stage: 'converting' });
    ledger.append({
      type: 'job',
      id: 'j2',
      at,
      pid: dead,
      source: { name: 'b.csv', path: '/x/b.csv', bytes: 1 },
      table: null,
      cohort: null,
      protocolYear: null,
      site: null,
    });
    ledger.append({ type: 'stage', id: 'j2', at, stage: 'pushing' });
    expect(ledger.recover().sort()).toEqual(['j1', 'j2']);
    const jobs = ledger.jobs();
    expect(jobs.map((j) => j.stage)).toEqual(['failed', 'push-queued']);
    expect(jobs[0]!.error).toContain('stopped');
    expect(ledger.recover()).toEqual([]);
  });
});
