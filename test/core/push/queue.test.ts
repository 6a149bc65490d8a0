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
import { ingestFile } from '../../../src-main/core/jobs/ingest';
import { outboxDir, pushReady } from '../../../src-main/core/push/queue';
import { initShare } from '../../../src-main/core/push/share';
import { Ledger } from '../../../src-main/core/ledger/ledger';
import { SettingsStore } from '../../../src-main/core/settings/settings';
import { definitions, listFiles, tempDir } from '../../helpers/env';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
});
afterAll(() => cleanup());

const LAB_HEADER =
  'cohortPatientId,testName,result,units,normalMin,normalMax,interpretation,resultDate,source';

async function setup(name: string, content: string) {
  const home = join(dir, name);
  const ledger = new Ledger(home);
  const settings = new SettingsStore(home);
  const src = join(dir, `${name}.csv`);
  writeFileSync(src, content);
  const job = await ingestFile(src, {
    home,
    ledger,
    definitions: await definitions(),
    cohort: 'UT Southwestern / Parkland, Dallas TX',
    protocolYear: 2025,
    table: 'laboratory',
  });
  return { home, ledger, settings, job };
}

describe('pushing jobs', () => {
  it('saves to the local outbox until a NAS is configured, in the Contract 4 layout', async () => {
    const { home, ledger, settings, job } = await setup(
      'local',
      `${LAB_HEADER}\nCANARY-77,Abs CD4,350,u,1,2,,2021-01-01,L1\n`,
    );
    const s = await pushReady({ ledger, settings, home });
    expect(s).toMatchObject({ local: true, reachable: true, pushed: 1, failed: 0 });
    const files = listFiles(outboxDir(home));
    const sha12 = job.report!.file.sha256.slice(0, 12);
    expect(files).toEqual([
      '.courier-share.json',
      `ut-southwestern-parkland-dallas-tx/2025/laboratory/local-${sha12}.duckdb`,
      `ut-southwestern-parkland-dallas-tx/2025/laboratory/local-${sha12}.json`,
    ]);
    const manifest = readFileSync(join(outboxDir(home), files[2]!), 'utf8');
    expect(manifest).not.toContain('CANARY-77');
    const m = JSON.parse(manifest) as Record<string, any>;
    expect(m).toMatchObject({
      manifestVersion: 1,
      table: 'laboratory',
      rows: 1,
      rowsRejected: 0,
      cohort: 'UT Southwestern / Parkland, Dallas TX',
      protocolYear: 2025,
    });
    expect(m.source.sha256).toBe(job.report!.file.sha256);
    expect(m.artifact.sha256).toBe(job.artifact!.sha256);
    expect(m.duckdbVersion).toMatch(/^v1\./);
    expect(typeof m.pushedAt).toBe('string');
    const rec = new Ledger(home).jobs()[0]!;
    expect(rec.stage).toBe('pushed');
    expect(rec.push.local).toBe(true);
    // Nothing left to push.
    expect((await pushReady({ ledger, settings, home })).pushed).toBe(0);
  });

  it('never pushes a job without a cohort or a protocol year: it stays ready, with the reason', async () => {
    const home = join(dir, 'unassigned');
    const ledger = new Ledger(home);
    const settings = new SettingsStore(home);
    const src = join(dir, 'unassigned.csv');
    writeFileSync(src, `${LAB_HEADER}\n1,Abs CD4,350,u,1,2,,2021-01-01,L1\n`);
    await ingestFile(src, { home, ledger, definitions: await definitions(), table: 'laboratory' });
    const s = await pushReady({ ledger, settings, home });
    expect(s).toMatchObject({ pushed: 0, failed: 0, unassigned: 1 });
    expect(s.results?.[0]).toMatchObject({ status: 'refused' });
    expect(s.results?.[0]?.message).toMatch(/no cohort or protocol year/);
    expect(new Ledger(home).jobs()[0]).toMatchObject({ stage: 'ready', pushedAt: null });
    expect(listFiles(outboxDir(home)).filter((f) => f.includes('unassigned'))).toEqual([]);
  });

  it('queues while the NAS is not mounted and pushes once it is back', async () => {
    const { home, ledger, settings } = await setup(
      'nas',
      `${LAB_HEADER}\n1,Abs CD4,350,u,1,2,,2021-01-01,L1\n`,
    );
    const nas = join(dir, 'nas-share');
    settings.update({ nasPath: nas });
    // A NAS folder that is not there is never created: the job waits.
    const missing = await pushReady({ ledger, settings, home });
    expect(missing).toMatchObject({ reachable: false, waiting: 1 });
    expect(missing.message).toMatch(/not found: is the NAS mounted\?/);
    expect(existsSync(nas)).toBe(false);
    // An empty folder is not set up behind the coordinator's back either: the window asks
    // first (service/nas.ts setupNas), then writes the marker, as here.
    mkdirSync(nas);
    const unset = await pushReady({ ledger, settings, home });
    expect(unset).toMatchObject({ reachable: false });
    expect(readdirSync(nas)).toEqual([]);
    await initShare(nas);
    expect((await pushReady({ ledger, settings, home })).pushed).toBe(1);
    expect(listFiles(nas)).toContain('.courier-share.json');
    // A new job, then the share "goes away": the mount point is an empty folder.
    const src = join(dir, 'nas2.csv');
    writeFileSync(src, `${LAB_HEADER}\n2,Abs CD4,351,u,1,2,,2021-01-01,L1\n`);
    await ingestFile(src, {
      home,
      ledger,
      definitions: await definitions(),
      table: 'laboratory',
      cohort: 'UT Southwestern / Parkland, Dallas TX',
      protocolYear: 2025,
    });
    const mounted = join(dir, 'nas-share-away');
    renameSync(nas, mounted);
    mkdirSync(nas);
    const down = await pushReady({ ledger, settings, home });
    expect(down.reachable).toBe(false);
    expect(down.waiting).toBe(1);
    expect(readdirSync(nas)).toEqual([]); // nothing written into the bare mount point
    const queued = new Ledger(home).jobs()[1]!;
    expect(queued.stage).toBe('push-queued');
    expect(queued.push.nextAttemptAt).not.toBeNull();
    // The share is back.
    const { rmSync } = await import('node:fs');
    rmSync(nas, { recursive: true });
    renameSync(mounted, nas);
    const up = await pushReady({ ledger, settings, home });
    expect(up).toMatchObject({ reachable: true, pushed: 1 });
    expect(new Ledger(home).jobs()[1]!.stage).toBe('pushed');
    expect(listFiles(nas).filter((f) => f.endsWith('.csv'))).toEqual([]);
  });

  it('does not push a blocked job until it is overridden, and records the override in the manifest', async () => {
    const { home, ledger, settings, job } = await setup(
      'blocked',
      `${LAB_HEADER}\n1,Abs CD4,350,u,1,2,,2021-02-30,L1\n`,
    );
    expect(job.stage).toBe('blocked');
    expect((await pushReady({ ledger, settings, home })).pushed).toBe(0);
    const at = new Date().toISOString();
    ledger.append({
      type: 'override',
      id: job.id,
      at,
      by: 'coordinator',
      reason: 'date fixed in next upload',
    });
    ledger.append({ type: 'stage', id: job.id, at, stage: 'ready' });
    expect((await pushReady({ ledger, settings, home })).pushed).toBe(1);
    const manifestFile = listFiles(outboxDir(home)).find(
      (f) => f.endsWith('.json') && !f.startsWith('.'),
    )!;
    const m = JSON.parse(readFileSync(join(outboxDir(home), manifestFile), 'utf8')) as Record<
      string,
      any
    >;
    expect(m.override).toMatchObject({ by: 'coordinator', reason: 'date fixed in next upload' });
    expect(m.precheck.status).toBe('fail');
  });

  it('removes local artifacts of pushed jobs after the retention period, and audits it', async () => {
    const { home, ledger, settings, job } = await setup(
      'retention',
      `${LAB_HEADER}\n1,Abs CD4,350,u,1,2,,2021-01-01,L1\n`,
    );
    expect((await pushReady({ ledger, settings, home })).pushed).toBe(1);
    settings.update({ retentionDays: 0 });
    await pushReady({ ledger, settings, home });
    const rec = new Ledger(home).jobs()[0]!;
    expect(rec.artifact).toBeNull();
    expect(existsSync(job.artifact!.path)).toBe(false);
    expect(ledger.auditEvents().map((e) => e.op)).toContain('deleted');
    // The pushed copy on the destination is untouched.
    expect(listFiles(outboxDir(home)).filter((f) => f.endsWith('.duckdb'))).toHaveLength(1);
  });
});

describe('a file another data folder already sent', () => {
  it('is "already on the NAS", and the audit records the NAS’s artifact, not ours', async () => {
    const { initShare } = await import('../../../src-main/core/push/share');
    const nas = join(dir, 'shared-nas');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(nas);
    await initShare(nas);
    const content = `${LAB_HEADER}\nP1,Abs CD4,350,u,1,2,,2021-01-01,L1\n`;
    // Two laptops (two data folders) convert the same file: two artifacts, one source hash.
    const laptop = async (name: string) => {
      const home = join(dir, name);
      mkdirSync(join(home, 'exports'), { recursive: true });
      const src = join(home, 'exports', 'lab_2025.csv');
      writeFileSync(src, content);
      const ledger = new Ledger(home);
      const job = await ingestFile(src, {
        home,
        ledger,
        definitions: await definitions(),
        cohort: 'UT Southwestern / Parkland, Dallas TX',
        protocolYear: 2025,
        table: 'laboratory',
      });
      return { home, ledger, settings: new SettingsStore(home), job };
    };
    const first = await laptop('laptop-a');
    const second = await laptop('laptop-b');
    expect(first.job.source.sha256).toBe(second.job.source.sha256);
    const messages: string[] = [];
    expect(
      await pushReady({
        ledger: first.ledger,
        settings: first.settings,
        home: first.home,
        dest: nas,
      }),
    ).toMatchObject({ pushed: 1 });
    await pushReady({
      ledger: second.ledger,
      settings: second.settings,
      home: second.home,
      dest: nas,
      onJob: (_j, o) => messages.push(o.message),
    });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^already on the NAS: /);
    const onNas = first.job.artifact!.sha256;
    const audit = second.ledger.auditEvents().filter((e) => e.op === 'pushed');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ sha256: onNas });
    expect(audit[0]!.detail).toMatch(/^already on the NAS/);
  });
});
