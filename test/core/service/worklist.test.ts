/**
 * The façade's worklist rules, without a browser: jobs carry their submission and why they
 * cannot be sent; removals survive a restart; a browser upload is kept until its job is sent
 * or removed; Check again assigns the current submission; Send all has a plan and per-job
 * results; rows are counted once; lines come with their values; the board lists versions.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourierService } from '../../../src-main/core/service';
import { scratchFile } from '../../../src-main/core/service';
import { tempDir } from '../../helpers/env';
import { openService, sampleFiles } from './helpers';

let dir: string;
let cleanup: () => void;
let service: CourierService;
let files: { patient: string; laboratory: string };
const home = (): string => join(dir, 'home');

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('courier-service-work-'));
  files = await sampleFiles(join(dir, 'data'), 80);
  service = await openService(home());
});
afterAll(async () => {
  await service.close();
  cleanup();
});

/** Uploads `file` as browser mode does (a private copy), and waits for its job. */
async function upload(file: string, name: string): Promise<string> {
  const target = scratchFile(home(), 'uploads', name);
  copyFileSync(file, target.path);
  service.addUpload(target.path, name, readFileSync(file).length, target.remove);
  await service.idle();
  return target.dir;
}

describe('the worklist', () => {
  it('keeps an upload without a submission, refuses to send it, and assigns it on Check again', async () => {
    const copy = await upload(files.patient, 'patient.csv');
    const [job] = service.listJobs('inbox', 0, 10).items;
    expect(job).toMatchObject({
      stage: 'ready',
      cohort: null,
      submission: 'no cohort or protocol year',
      state: 'Ready to send',
    });
    expect(job!.sendBlock).toMatch(/Courier sends nothing without both/);
    await expect(service.push([job!.id])).rejects.toMatchObject({ code: 'not-sendable' });
    expect(service.status().queue).toMatchObject({ ready: 0, unassigned: 1 });
    expect(existsSync(copy)).toBe(true);

    service.settings.update({ cohort: 'UW - Seattle', protocolYear: 2025 });
    await service.reingest(job!.id);
    await service.idle();
    const again = service.listJobs('inbox', 0, 10).items.find((j) => j.id !== job!.id)!;
    expect(again).toMatchObject({ submission: 'UW - Seattle · 2025', sendBlock: null });
    const sent = await service.push([again.id]);
    expect(sent.results).toEqual([
      expect.objectContaining({
        id: again.id,
        status: 'pushed',
        submission: 'UW - Seattle · 2025',
      }),
    ]);
    // The first job still needs the copy; once it is removed, the copy goes.
    expect(existsSync(copy)).toBe(true);
    await service.remove([job!.id]);
    expect(existsSync(copy)).toBe(false);
    expect(service.getJob(job!.id)).toMatchObject({
      stage: 'cancelled',
      removed: true,
      state: 'Removed',
    });
  });

  it('lists the running file first and the queue in its order, filters and facets', async () => {
    service.grant([files.laboratory]);
    await service.addPaths([files.laboratory]);
    await service.idle();
    const inbox = service.listJobs('inbox', 0, 50);
    expect(inbox.items.map((j) => j.name)).toEqual(['laboratory.csv', 'patient.csv']);
    expect(service.facets()).toEqual({
      tables: ['laboratory', 'patient'],
      submissions: [{ key: 'UW - Seattle|2025', label: 'UW - Seattle · 2025' }],
    });
    expect(service.listJobs('inbox', 0, 50, { status: 'sent' }).items.map((j) => j.name)).toEqual([
      'patient.csv',
    ]);
    expect(service.listJobs('inbox', 0, 50, { table: 'laboratory' }).total).toBe(1);
    expect(service.listJobs('inbox', 0, 50, { submission: 'Fenway|2024' }).total).toBe(0);
  });

  it('plans Send all ready by submission, and keeps removals over a restart', async () => {
    expect(service.pushPlan()).toMatchObject({
      local: true,
      files: 1,
      groups: [{ cohort: 'UW - Seattle', protocolYear: 2025, files: 1 }],
      left: [],
    });
    const cleared = await service.clearFinished();
    expect(cleared.removed).toBe(1); // the sent patient file
    await service.close();
    service = await openService(home());
    expect(service.listJobs('inbox', 0, 50).items.map((j) => j.name)).toEqual(['laboratory.csv']);
    // The history keeps everything.
    expect(service.history('', 0, 50).total).toBe(3);
  });

  it('counts rows with two problems once, and gives each line its value and the nearest ID', async () => {
    const lines = readFileSync(files.laboratory, 'utf8').trimEnd().split('\n');
    const header = lines[0]!.split(',');
    const id = header.indexOf('cohortPatientId');
    const date = header.indexOf('resultDate');
    const bad = lines.map((l, i) => {
      if (i === 0) return l;
      const c = l.split(',');
      c[id] = String(Number(c[id]!.replace(/\D/g, '')));
      c[date] = '2021-13-45';
      return c.join(',');
    });
    const twice = join(dir, 'data', 'twice.csv');
    writeFileSync(twice, bad.join('\n') + '\n');
    service.grant([twice]);
    await service.addPaths([twice]);
    await service.idle();
    const job = service.history('twice', 0, 1).items[0]!;
    const view = await service.report(job.id);
    expect(view.report.counts.error).toEqual({ issues: 2, rows: 80, rowsAtLeast: false });
    const unknown = (await service.issues(job.id, 0, 10, 'error')).items.find(
      (i) => i.code === 'id-leading-zeros-lost',
    )!;
    const page = await service.issueLines(job.id, unknown.index, 0, 5);
    expect(page.total).toBe(80);
    for (const l of page.items) expect(l.nearest).toBe(`P${l.value!.padStart(6, '0')}`);
  });

  it('lists a table’s versions, the current one first', async () => {
    const v2 = join(dir, 'data', 'v2', 'patient.csv');
    mkdirSync(join(dir, 'data', 'v2'));
    await sampleFiles(join(dir, 'data', 'v2'), 50);
    service.grant([v2]);
    await service.addPaths([v2]);
    await service.idle();
    const row = service.board().tables.find((t) => t.table === 'patient')!;
    expect(row.versions?.map((v) => [v.current, v.state])).toEqual([
      [true, 'Ready to send'],
      [false, 'Saved locally (no NAS configured)'],
    ]);
    expect(readdirSync(join(home(), 'workspace', 'uploads'))).toEqual([]);
  });
});
