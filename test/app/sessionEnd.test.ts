import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Desktop } from '../../src-main/app/lifecycle';
import type { CourierService } from '../../src-main/core/service';
import { control, electronModule, FakeBrowserWindow } from './fakeElectron';
import { desktopDirs, smallCsv } from './helpers';

// Windows logs off while a push hangs on the NAS (an SMB share that stopped answering). Here
// the hang is real: the share's marker file is a FIFO nobody writes, so reading it blocks in
// the kernel exactly as a dead mount does, until the test releases it.
vi.mock('electron', async () => (await import('./fakeElectron')).electronModule);

const { dir, renderer, home } = desktopDirs('courier-session-end-');
const nas = join(dir, 'nas');
const marker = join(nas, '.courier-share.json');
const ours = { url: 'app://courier/index.html', parent: null };
let desktop: Desktop;
let service: CourierService;
const savedArgv = process.argv;

function invoke(channel: string, args?: unknown): Promise<unknown> {
  const h = electronModule.ipcMain.handlers.get('courier:invoke')!;
  return Promise.resolve(h({ senderFrame: ours }, channel, args));
}

beforeAll(async () => {
  mkdirSync(nas);
  execFileSync('mkfifo', [marker]);
  process.env.COURIER_HOME = home;
  process.argv = ['/opt/Courier/courier-desktop'];
  const { runDesktop } = await import('../../src-main/app/lifecycle');
  desktop = runDesktop({ preload: '/p.cjs', renderer }, { quit: 60_000, sessionEnd: 300 })!;
  control.ready();
  await desktop.started;
  service = desktop.service()!;
});
afterAll(async () => {
  // Let the blocked reads finish: a writer opens the FIFO (they read nothing once it closes),
  // and the FIFO goes, so that no later read blocks again.
  const writer = openSync(marker, constants.O_WRONLY | constants.O_NONBLOCK);
  rmSync(marker);
  closeSync(writer);
  await service.idle();
  process.argv = savedArgv;
  delete process.env.COURIER_HOME;
  rmSync(dir, { recursive: true, force: true });
});

describe('Windows ending the session', () => {
  it('gives a hung push the short deadline, holds the session end meanwhile, then exits', async () => {
    service.settings.update({ nasPath: nas, cohort: 'UW - Seattle', protocolYear: 2025 });
    const file = smallCsv(join(dir, 'lab.csv'));
    service.grant([file]);
    await invoke('jobs.add', { paths: [file], table: 'any' });
    await service.idle();
    void invoke('jobs.push', {});
    await vi.waitFor(() => expect(service.busy).toBe(true), { timeout: 30_000 });
    control.events.length = 0;

    const win = FakeBrowserWindow.getAllWindows()[0]!;
    // No before-quit on Windows here: only the window's session events.
    const delayed = win.endSession(['logoff']);
    expect(delayed).toBe(true);
    expect(control.exited).toBe(false);
    expect(win.title).toBe('Courier: closing…');

    await desktop.shutdown.request('the test waits');
    expect(control.exited).toBe(true);
    expect(control.events).toEqual([
      'window1:query-session-end',
      'window1:session-end',
      'app:before-quit',
      'window1:close',
      'window1:closed',
      'app:will-quit',
      'app:quit',
    ]);
    // The push never finished (the share still hangs): Courier closed anyway, and says so.
    expect(service.busy).toBe(true);
    const log = readFileSync(join(home, 'logs', 'courier.log'), 'utf8');
    expect(log).toContain('closing (session end (logoff))');
    expect(log).toContain('closed before the work under way finished');
  });
});
