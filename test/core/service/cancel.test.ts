import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourierService } from '../../../src-main/core/service';
import { generateSample } from '../../../src-main/core/sample/generate';
import type { Progress } from '../../../src-main/shared/report';
import { definitions, tempDir } from '../../helpers/env';
import { nextEvent, openService } from './helpers';

let dir: string;
let cleanup: () => void;
let service: CourierService;
let big: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('courier-service-cancel-'));
  await generateSample({
    tables: ['laboratory'],
    rows: 150_000,
    seed: 3,
    errors: 0,
    outDir: join(dir, 'data'),
    definitions: await definitions(),
  });
  big = join(dir, 'data', 'laboratory.csv');
  service = await openService(join(dir, 'home'));
  service.grant([big]);
}, 120_000);
afterAll(async () => {
  await service.close();
  cleanup();
});

describe('running jobs', () => {
  it('sends at most 10 progress events a second for a job', async () => {
    const seen: { at: number; p: Progress }[] = [];
    const off = service.on((event, payload) => {
      if (event === 'job.progress') seen.push({ at: performance.now(), p: payload as Progress });
    });
    const started = performance.now();
    await service.addPaths([big]);
    await service.idle();
    off();
    const secs = (performance.now() - started) / 1000;
    expect(seen.length).toBeGreaterThan(1);
    // Forced events (a new stage, a stage done) come on top of the 10 a second.
    const stages = new Set(seen.map((s) => s.p.stage)).size;
    expect(seen.length).toBeLessThanOrEqual(Math.ceil(secs * 10) + 2 * stages + 2);
    for (let i = 1; i < seen.length; i++) {
      const a = seen[i - 1]!;
      const b = seen[i]!;
      const forced = a.p.stage !== b.p.stage || b.p.done >= b.p.total;
      if (!forced) expect(b.at - a.at).toBeGreaterThanOrEqual(95);
    }
  }, 120_000);

  it('cancels the running job, leaving no staging file behind', async () => {
    const first = nextEvent(service, 'job.progress');
    const { queued } = await service.reingest(service.listJobs('all', 0, 1).items[0]!.id);
    const p = await first;
    const finished = nextEvent(service, 'job.finished', (e) => e.id === p.jobId);
    // By its ledger id, as the window does once the job is listed.
    const view = service.cancel(p.jobId);
    expect(view?.id).toBe(p.jobId);
    expect((await finished).stage).toBe('cancelled');
    await service.idle();
    expect(service.getJob(p.jobId).stage).toBe('cancelled');
    expect(queued).toHaveLength(1);
    const staging = join(dir, 'home', 'workspace', 'staging');
    expect(existsSync(staging) ? readdirSync(staging) : []).toEqual([]);
  }, 120_000);
});
