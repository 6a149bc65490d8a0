import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourierService } from '../../../src-main/core/service';
import { exportReport } from '../../../src-main/core/service';
import type { ExportTarget } from '../../../src-main/core/service';
import type { Progress } from '../../../src-main/shared/report';
import { tempDir } from '../../helpers/env';
import { dirtyLab, openService, sampleFiles } from './helpers';

/** A CSV field as the export writes it. */
const csvField = (v: string): string => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

let dir: string;
let cleanup: () => void;
let service: CourierService;
let files: { patient: string; laboratory: string };

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('courier-service-'));
  files = await sampleFiles(join(dir, 'data'), 120);
  service = await openService(join(dir, 'home'));
  service.settings.update({ cohort: 'UW - Seattle', protocolYear: 2025 });
});
afterAll(async () => {
  await service.close();
  cleanup();
});

/** Writes exports to a known path, as the desktop's save dialog would. */
const saveTo =
  (path: string): ExportTarget =>
  () =>
    Promise.resolve({ path, done: (note) => ({ kind: 'saved' as const, path, note }) });

describe('the coordinator service', () => {
  it('refuses paths nobody dropped, picked or watches', async () => {
    const r = await service.addPaths([files.patient]);
    expect(r.queued).toEqual([]);
    expect(r.refused[0]?.reason).toMatch(/only takes files you drop or choose/);
  });

  it('checks a dropped patient file, one at a time, with throttled progress', async () => {
    const progress: Progress[] = [];
    const off = service.on((event, payload) => {
      if (event === 'job.progress') progress.push(payload as Progress);
    });
    service.grant([files.patient]);
    const r = await service.addPaths([files.patient]);
    expect(r.queued).toHaveLength(1);
    expect(service.listJobs('inbox', 0, 10).items[0]).toMatchObject({
      pending: true,
      stage: 'queued',
    });
    await service.idle();
    off();
    const page = service.listJobs('inbox', 0, 10);
    expect(page.total).toBe(1);
    const job = page.items[0]!;
    expect(job).toMatchObject({
      name: 'patient.csv',
      stage: 'ready',
      table: 'patient',
      pending: false,
    });
    expect(job.origin).toBe('drop');
    expect(progress.length).toBeGreaterThan(0);
    // At most 10 a second a job: no two events of one stage closer than 100 ms, unless forced.
    const report = await service.report(job.id);
    expect(report.report.status).not.toBe('fail');
    expect(report.report.counts.error.issues).toBe(0);
    expect(report.report.profile.length).toBeGreaterThan(0);
  });

  it('pushes to the local outbox until a NAS is configured: saved locally, never sent', async () => {
    const [job] = service.listJobs('inbox', 0, 10).items;
    const summary = await service.push([job!.id]);
    expect(summary).toMatchObject({ local: true, reachable: true, pushed: 1 });
    const after = service.getJob(job!.id);
    expect(after).toMatchObject({ stage: 'pushed', push: { local: true } });
    const board = service.board();
    expect(board.tables.find((t) => t.table === 'patient')).toMatchObject({
      status: 'saved locally',
      patients: 120,
    });
    expect(board.tables.find((t) => t.table === 'laboratory')?.status).toBe('missing');
  });

  it('blocks a dirty file, pages its issues, and exports every affected line', async () => {
    const dirty = join(dir, 'data', 'lab-dirty.csv');
    const broken = dirtyLab(files.laboratory, dirty, 70);
    service.grant([dirty]);
    await service.addPaths([dirty]);
    await service.idle();
    const job = service.history('lab-dirty', 0, 10).items[0]!;
    expect(job.stage).toBe('blocked');
    const issues = await service.issues(job.id, 0, 100, 'error');
    const dates = issues.items.find((i) => i.code === 'date-format')!;
    expect(dates.count).toBe(70);
    expect(dates.lines).toHaveLength(50);

    const csv = join(dir, 'lines.csv');
    const res = await exportReport(
      service,
      { id: job.id, kind: 'issue-lines', issue: dates.index },
      saveTo(csv),
    );
    expect(res).toMatchObject({ kind: 'saved', note: null });
    const rows = readFileSync(csv, 'utf8').trimEnd().split('\n');
    expect(rows[0]).toBe('line,code,column,value,source_line');
    expect(rows.slice(1).map((r) => Number(r.split(',')[0]))).toEqual(broken);
    // The value at fault and the whole source line, read back from the file itself.
    const source = readFileSync(dirty, 'utf8').split('\n');
    expect(rows[1]).toBe(
      `${broken[0]},date-format,resultDate,2021-13-45,${csvField(source[broken[0]! - 1]!)}`,
    );

    const html = join(dir, 'report.html');
    await exportReport(service, { id: job.id, kind: 'html' }, saveTo(html));
    const text = readFileSync(html, 'utf8');
    expect(text).toContain('problem');
    expect(text).not.toContain('<script');
    const json = join(dir, 'report.json');
    await exportReport(service, { id: job.id, kind: 'json' }, saveTo(json));
    expect(JSON.parse(readFileSync(json, 'utf8'))).toMatchObject({
      reportVersion: 1,
      status: 'fail',
    });
  });

  it('refuses to push a blocked file, and lets it go with an override and a reason', async () => {
    const job = service.history('lab-dirty', 0, 10).items[0]!;
    await expect(service.push([job.id])).rejects.toMatchObject({ code: 'blocked' });
    expect(() => service.override(job.id, 'ok')).toThrow(/reason/);
    const after = service.override(job.id, 'Dates are fixed centrally this year.');
    expect(after).toMatchObject({
      stage: 'ready',
      override: { reason: 'Dates are fixed centrally this year.' },
    });
    expect(
      service.ledger.auditEvents().some((e) => e.op === 'override' && e.jobId === job.id),
    ).toBe(true);
    const summary = await service.push([job.id]);
    expect(summary.pushed).toBe(1);
    expect(service.getJob(job.id).stage).toBe('pushed');
  });

  it('skips the same bytes twice, marks the duplicate, and re-ingests on request', async () => {
    service.grant([files.patient]);
    await service.addPaths([files.patient]);
    await service.idle();
    const dup = service.history('patient', 0, 10).items[0]!;
    expect(dup).toMatchObject({ stage: 'skipped', duplicateOfName: 'patient.csv' });
    expect((await service.report(dup.id)).report.file.name).toBe('patient.csv');
    await service.reingest(dup.id);
    await service.idle();
    const again = service.history('patient', 0, 10).items[0]!;
    expect(again.stage).toBe('ready');
    expect(again.origin).toBe('reingest');
  });

  it('cancels a file still waiting for its turn', async () => {
    service.grant([files.laboratory]);
    const first = await service.addPaths([files.laboratory]);
    const second = await service.addPaths([files.laboratory]);
    expect(service.cancel(second.queued[0]!)).toBeNull();
    await service.idle();
    expect(service.listJobs('all', 0, 100).items.some((j) => j.id === second.queued[0])).toBe(
      false,
    );
    expect(first.queued).toHaveLength(1);
    expect(() => service.cancel('pending:999')).toThrow(/nothing to cancel/);
  });

  it('records a table as not available, with its reason', () => {
    const board = service.notAvailable(
      'UW - Seattle',
      2025,
      'geography',
      'No geography data collected at this site.',
    );
    expect(board.tables.find((t) => t.table === 'geography')).toMatchObject({
      status: 'not available',
      reason: 'No geography data collected at this site.',
    });
    // And withdrawn again: the table is expected after all.
    const again = service.available('UW - Seattle', 2025, 'geography');
    expect(again.tables.find((t) => t.table === 'geography')).toMatchObject({
      status: 'missing',
      reason: null,
    });
    expect(() => service.available('UW - Seattle', 2025, 'nosuch')).toThrow(/no table/);
  });

  it('finds files in the history by name, table or state', () => {
    expect(service.history('duplicate', 0, 50).items.every((j) => j.duplicateOf !== null)).toBe(
      true,
    );
    expect(service.history('laboratory blocked', 0, 50).total).toBe(0);
    expect(service.history('lab-dirty', 0, 50).total).toBe(1);
    const all = service.history('', 0, 2);
    expect(all.items).toHaveLength(2);
    expect(all.total).toBeGreaterThan(2);
  });
});
