import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourierService } from '../../../src-main/core/service';
import { settingsView, updateSettings } from '../../../src-main/core/service/settingsOps';
import { setupNas, testNas } from '../../../src-main/core/service/nas';
import { tempDir } from '../../helpers/env';
import { dirtyLab, nextEvent, openService, sampleFiles } from './helpers';

let dir: string;
let cleanup: () => void;
let service: CourierService;
let files: { patient: string; laboratory: string };

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('courier-service-nas-'));
  files = await sampleFiles(join(dir, 'data'), 40);
  service = await openService(join(dir, 'home'));
});
afterAll(async () => {
  await service.close();
  cleanup();
});

describe('NAS settings and state', () => {
  it('tests a folder: never creates one, asks before setting up an empty one, refuses others', async () => {
    const missing = join(dir, 'nas-typo');
    const typo = await testNas(missing, service.settings);
    expect(typo).toMatchObject({ ok: false, state: 'unreachable' });
    expect(typo.message).toMatch(/not found: is the NAS mounted\?/);
    await expect(updateSettings(service, { nasPath: missing })).rejects.toMatchObject({
      code: 'nas-refused',
    });
    expect(existsSync(missing)).toBe(false);

    const empty = join(dir, 'nas-empty');
    mkdirSync(empty);
    const asked = await testNas(empty, service.settings);
    // An empty folder in the temp folder: this computer's own disk, same device as its parent.
    expect(asked).toMatchObject({ ok: false, state: 'new', network: false });
    expect(asked.message).toMatch(/^This folder is empty\. Is it the NAS share\?/);
    expect(asked.message).toMatch(/this computer's own disk/);
    expect(asked.kind).toBeTruthy();
    // Saving it without the confirmation is refused, and nothing is written there.
    await expect(updateSettings(service, { nasPath: empty })).rejects.toMatchObject({
      code: 'nas-needs-setup',
    });
    expect(readdirSync(empty)).toEqual([]);
    const busy = join(dir, 'nas-busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'notes.txt'), 'x');
    expect(await testNas(busy, service.settings)).toMatchObject({
      ok: false,
      state: 'not-a-share',
    });
    await expect(updateSettings(service, { nasPath: busy })).rejects.toMatchObject({
      code: 'nas-refused',
    });
    expect(service.settings.get().nasPath).toBeNull();
    expect(service.status().nas.state).toBe('not-configured');
  });

  it('sets up a confirmed folder, saves it, pins it, and reports online then offline', async () => {
    const nas = join(dir, 'nas');
    mkdirSync(nas);
    const ready = await setupNas(nas, service);
    expect(ready).toMatchObject({ ok: true, state: 'ready' });
    // What the share supports, in plain words (issue 16).
    expect(ready.details?.join(' ')).toMatch(/Hard links: yes/);
    expect(ready.details?.join(' ')).toMatch(/Courier commits by hard link/);
    const view = await updateSettings(service, {
      nasPath: nas,
      cohort: 'UW - Seattle',
      protocolYear: 2025,
    });
    expect(view.settings.nasPath).toBe(nas);
    expect(readdirSync(nas)).toEqual(['.courier-share.json']);
    expect(await testNas(nas, service.settings)).toMatchObject({ ok: true, state: 'ready' });
    expect(service.status().nas).toMatchObject({ state: 'online', path: nas });
    // The NAS goes away (unmounted): offline, and nothing is written there.
    renameSync(nas, `${nas}-away`);
    expect((await service.nas.check()).state).toBe('offline');
    expect(service.status().nas.message).toMatch(/not found: is the NAS mounted\?/);
    renameSync(`${nas}-away`, nas);
    expect((await service.nas.check()).state).toBe('online');
  });

  it('queues pushes while the NAS is away and sends them when it is back', async () => {
    const nas = service.settings.get().nasPath!;
    service.grant([files.patient]);
    await service.addPaths([files.patient]);
    await service.idle();
    const job = service.listJobs('inbox', 0, 5).items[0]!;
    renameSync(nas, `${nas}-away`);
    const waiting = await service.push([job.id]);
    expect(waiting).toMatchObject({ reachable: false, waiting: 1 });
    expect(service.getJob(job.id)).toMatchObject({ stage: 'push-queued', push: { attempts: 1 } });
    expect(service.status().queue.pushQueued).toBe(1);
    expect((await service.nas.check()).state).toBe('offline');
    renameSync(`${nas}-away`, nas);
    // Coming back online retries every queued job at once.
    const sent = nextEvent(service, 'job.finished', (p) => p.id === job.id && p.stage === 'pushed');
    await service.nas.check();
    await sent;
    expect(service.getJob(job.id)).toMatchObject({ stage: 'pushed', push: { local: false } });
  });

  it('never shows the pinned share id to the window', () => {
    expect(settingsView(service).settings).not.toHaveProperty('shares');
    expect(settingsView(service).cohorts).toContain('UW - Seattle');
  });
});

describe('watched folders', () => {
  it('takes a settled file, for the folder’s submission, and auto-pushes it', async () => {
    const inbox = join(dir, 'watched');
    mkdirSync(inbox);
    await updateSettings(service, {
      watchedFolders: [{ path: inbox, cohort: 'Fenway', protocolYear: 2024, autoPush: true }],
      // Sent as soon as it is ready: no wait for a newer version (the default waits 60 s).
      autoPushGraceSec: 0,
    });
    const finished = nextEvent(
      service,
      'job.finished',
      (p) => p.origin === 'watch' && p.stage === 'pushed',
    );
    copyFileSync(files.laboratory, join(inbox, 'lab.csv'));
    const done = await finished;
    const job = service.getJob(done.id);
    expect(job).toMatchObject({
      cohort: 'Fenway',
      protocolYear: 2024,
      stage: 'pushed',
      origin: 'watch',
    });
  });

  it('gives the window’s watched folders the command line’s options: finished files moved, polling', async () => {
    const inbox = join(dir, 'watched-move');
    mkdirSync(inbox);
    await updateSettings(service, {
      watchedFolders: [{ path: inbox, moveFinished: true, polling: true, cohort: 'Fenway' }],
    });
    expect(settingsView(service).settings.watchedFolders[0]).toMatchObject({
      moveFinished: true,
      polling: true,
    });
    // A file with problems goes to rejected/; one whose bytes were added before, to done/.
    const movedBad = nextEvent(service, 'app.notice', (p) =>
      p.message.includes('bad.csv was moved'),
    );
    const bad = nextEvent(
      service,
      'job.finished',
      (p) => p.origin === 'watch' && p.name === 'bad.csv',
    );
    dirtyLab(files.laboratory, join(dir, 'bad.csv'), 3);
    renameSync(join(dir, 'bad.csv'), join(inbox, 'bad.csv'));
    expect(service.getJob((await bad).id).stage).toBe('blocked');
    await movedBad;
    const movedAgain = nextEvent(service, 'app.notice', (p) =>
      p.message.includes('again.csv was moved'),
    );
    const again = nextEvent(
      service,
      'job.finished',
      (p) => p.origin === 'watch' && p.name === 'again.csv',
    );
    copyFileSync(files.laboratory, join(inbox, 'again.csv'));
    expect(service.getJob((await again).id).stage).toBe('skipped');
    await movedAgain;
    expect(readdirSync(inbox).sort()).toEqual(['done', 'rejected']);
    expect(readdirSync(join(inbox, 'rejected'))).toEqual(['bad.csv']);
    expect(readdirSync(join(inbox, 'done'))).toEqual(['again.csv']);
  });

  it('reports a watched folder that does not exist', async () => {
    const view = await updateSettings(service, {
      watchedFolders: [{ path: join(dir, 'nowhere') }],
    });
    expect(view.watchProblems[0]?.message).toMatch(/cannot be found/);
  });

  it('accepts paths inside a watched folder without a grant', async () => {
    const inbox = join(dir, 'watched2');
    mkdirSync(inbox);
    copyFileSync(files.laboratory, join(inbox, 'other.csv'));
    await updateSettings(service, { watchedFolders: [{ path: inbox }] });
    const r = await service.addPaths([join(inbox, 'other.csv')]);
    expect(r.refused).toEqual([]);
    await service.idle();
  });
});
