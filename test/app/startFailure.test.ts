import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type * as DuckdbCheck from '../../src-main/app/duckdbCheck';
import { control, FakeBrowserWindow } from './fakeElectron';
import { desktopDirs } from './helpers';

// A build made for another computer: DuckDB's binding for this one is not in it. The check is
// the real one, asked about the other system (the binding this machine has cannot be removed).
vi.mock('electron', async () => (await import('./fakeElectron')).electronModule);
vi.mock('../../src-main/app/duckdbCheck', async (original) => {
  const real = await original<typeof DuckdbCheck>();
  const other = process.platform === 'win32' ? 'linux' : 'win32';
  return { ...real, duckdbBindingProblem: () => real.duckdbBindingProblem(other, 'arm64') };
});

const { dir, renderer, home } = desktopDirs('courier-start-failure-');
const savedArgv = process.argv;
afterAll(() => {
  process.argv = savedArgv;
  delete process.env.COURIER_HOME;
  rmSync(dir, { recursive: true, force: true });
});

describe('a build that does not match the computer', () => {
  it('says so in plain words before anything else, and quits', async () => {
    process.env.COURIER_HOME = home;
    process.argv = ['/opt/Courier/courier-desktop'];
    const { runDesktop } = await import('../../src-main/app/lifecycle');
    const desktop = runDesktop({ preload: '/p.cjs', renderer })!;
    control.ready();
    await desktop.started;
    await desktop.shutdown.request('the test waits');
    expect(control.errorBoxes).toEqual([
      {
        title: 'Courier could not start',
        content: expect.stringMatching(/^This build of Courier does not match your computer/),
      },
    ]);
    expect(desktop.service()).toBeNull();
    expect(FakeBrowserWindow.getAllWindows()).toEqual([]);
    expect(control.exited).toBe(true);
  });
});
