import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Desktop } from '../../src-main/app/lifecycle';
import { autostartFile } from '../../src-main/app/loginItem';
import type { CourierService } from '../../src-main/core/service';
import { control, electronModule, FakeBrowserWindow, FakeEvent } from './fakeElectron';
import { bigCsv, desktopDirs, smallCsv } from './helpers';

// The whole desktop app runs against the fake electron module (events in Electron's order),
// with the real core behind it: real ledger, real worker threads, real DuckDB.
vi.mock('electron', async () => (await import('./fakeElectron')).electronModule);

const { dir, renderer, home } = desktopDirs('courier-lifecycle-');
const ours = { url: 'app://courier/index.html', parent: null };
const argvFile = smallCsv(join(dir, 'from-argv.csv'));
const openFile = smallCsv(join(dir, 'from-open-file.csv'));
let desktop: Desktop;
let service: CourierService;
const savedArgv = process.argv;
const savedXdg = process.env.XDG_CONFIG_HOME;

function win(): FakeBrowserWindow {
  return FakeBrowserWindow.getAllWindows()[0]!;
}
function invoke(channel: string, args?: unknown, frame: unknown = ours): Promise<unknown> {
  const h = electronModule.ipcMain.handlers.get('courier:invoke')!;
  return Promise.resolve(h({ senderFrame: frame }, channel, args));
}
function logText(): string {
  return readFileSync(join(home, 'logs', 'courier.log'), 'utf8');
}
function jobNames(): string[] {
  return service.ledger.jobs().map((j) => j.source.name);
}

beforeAll(async () => {
  process.env.COURIER_HOME = home;
  process.env.XDG_CONFIG_HOME = join(dir, 'xdg-config');
  // The launch's arguments: the executable, a Chromium switch, a file "opened with" Courier.
  process.argv = ['/opt/Courier/courier-desktop', '--enable-logging', argvFile];
  const { runDesktop } = await import('../../src-main/app/lifecycle');
  desktop = runDesktop({ preload: '/p.cjs', renderer }, { quit: 60_000, sessionEnd: 60_000 })!;
});
afterAll(() => {
  process.argv = savedArgv;
  delete process.env.COURIER_HOME;
  if (savedXdg === undefined) delete process.env.XDG_CONFIG_HOME;
  else process.env.XDG_CONFIG_HOME = savedXdg;
  rmSync(dir, { recursive: true, force: true });
});

describe('starting', () => {
  it('handles quitting and the system’s files before the app is ready', async () => {
    // Registered before anything opens: a quit at any moment goes through the sequence.
    for (const e of ['before-quit', 'second-instance', 'open-file'])
      expect(electronModule.app.listenerCount(e), e).toBeGreaterThan(0);
    expect(control.schemes).toEqual([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ secure: true, standard: true }),
      }),
    ]);
    // macOS hands a file over before `ready` when the app is launched by opening it.
    const early = new FakeEvent();
    electronModule.app.emit('open-file', early, openFile);
    expect(early.defaultPrevented).toBe(true);
    control.ready();
    await desktop.started;
    service = desktop.service()!;
    await service.idle();
    expect(jobNames()).toEqual(expect.arrayContaining(['from-argv.csv', 'from-open-file.csv']));
    // Only the file: not the executable, not the switch.
    expect(service.ledger.jobs()).toHaveLength(2);
    expect(FakeBrowserWindow.getAllWindows()).toHaveLength(1);
  });

  it('loads the page from app://courier/, serving only the renderer folder', async () => {
    expect(win().webContents.loads).toEqual(['app://courier/index.html']);
    const serve = (url: string) => control.protocolHandler!(new Request(url));
    const index = await serve('app://courier/index.html');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await index.text()).toContain('<title>Courier</title>');
    expect((await serve('app://courier/assets/app.js')).headers.get('content-type')).toMatch(
      /^text\/javascript/,
    );
    for (const bad of [
      'app://courier/..%2fsecret.txt',
      'app://courier/%2e%2e/secret.txt',
      'app://other/index.html',
      'app://courier/missing.js',
    ])
      expect((await serve(bad)).status, bad).toBe(404);
  });

  it('trusts our page by its origin, wherever Courier is installed, and nothing else', async () => {
    expect(await invoke('app.info')).toMatchObject({ ok: true, value: { mode: 'desktop' } });
    for (const url of [
      'file:///C:/Program%20Files/Courier%25/resources/app.asar/out/renderer/index.html',
      'https://evil.example/',
      'app://courier.evil/index.html',
    ])
      expect(await invoke('app.info', undefined, { url, parent: null }), url).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    expect(await invoke('app.info', undefined, { url: ours.url, parent: ours })).toMatchObject({
      ok: false,
    });
  });

  it('sets the Windows app id only on Windows, and keeps Chromium’s data apart', () => {
    expect(control.appUserModelId).toBe(
      process.platform === 'win32' ? 'org.naaccord.courier' : null,
    );
    expect(control.paths.get('sessionData')).toBeTruthy();
    expect(control.paths.get('sessionData')).not.toBe(home);
  });
});

describe('the menu', () => {
  type Item = { label?: string; role?: string; click?: () => void; submenu?: Item[] };
  it('Help opens the log folder, copies diagnostics, and shows where updates are, only when asked', () => {
    const help = (control.menu as Item[]).find((m) => m.role === 'help')!.submenu!;
    const click = (label: string) => help.find((i) => i.label === label)!.click!();
    expect(control.external).toEqual([]);
    click('Open &Log Folder');
    expect(control.opened.at(-1)).toBe(join(home, 'logs'));
    click('&Copy Diagnostics');
    expect(control.clipboard).toContain('Courier 0.1.0-test (development build)');
    expect(control.clipboard).not.toContain(dir);
    click('Check for &Updates…');
    expect(control.external).toEqual(['https://naaccord.org/']);
  });
});

describe('the operating system', () => {
  it('shows the window and queues the files of a second launch', async () => {
    win().hide();
    const file = smallCsv(join(dir, 'second.csv'));
    electronModule.app.emit(
      'second-instance',
      new FakeEvent(),
      ['/opt/Courier/courier-desktop', file, '--original-process-start-time=1'],
      dir,
    );
    expect(win().isVisible()).toBe(true);
    await vi.waitFor(() => expect(jobNames()).toContain('second.csv'), { timeout: 30_000 });
    await service.idle();
    expect(win().webContents.events('app.navigate')).toContainEqual({ section: 'inbox' });
  });

  it('grants a folder chosen in the system picker, and only for our page', async () => {
    const folder = join(dir, 'picked');
    mkdirSync(folder);
    const inside = smallCsv(join(folder, 'inside.csv'));
    const pick = electronModule.ipcMain.handlers.get('courier:pick-folder')!;
    const event = (frame: unknown) => ({ senderFrame: frame, sender: win().webContents });
    control.openDialogAnswer = { canceled: false, filePaths: [folder] };
    expect(await pick(event({ url: 'https://evil.example/', parent: null }), 'watched')).toBeNull();
    expect(await pick(event(ours), 'anything')).toBeNull();
    expect(control.openDialogs).toHaveLength(0);
    expect(await pick(event(ours), 'nas')).toBe(folder);
    // The NAS is never created by Courier: its picker cannot make a folder.
    expect(control.openDialogs.at(-1)).toMatchObject({ properties: ['openDirectory'] });
    const added = (await invoke('jobs.add', { paths: [inside], table: 'any' })) as {
      value: { queued: string[] };
    };
    expect(added.value.queued).toHaveLength(1);
    await service.idle();
    control.openDialogAnswer = { canceled: true, filePaths: [] };
    expect(await pick(event(ours), 'definitions')).toBeNull();
  });

  it('after sleep, watches a folder that was missing, and checks the NAS again', async () => {
    const later = join(dir, 'usb-drive');
    service.settings.update({ watchedFolders: [{ path: later }] as never });
    await service.settingsChanged();
    expect(service.watchProblems).toHaveLength(1);
    mkdirSync(later);
    electronModule.powerMonitor.emit('resume');
    await vi.waitFor(() => expect(service.watchProblems).toHaveLength(0), { timeout: 30_000 });
    expect(logText()).toContain('resume: checking the NAS and the watched folders again');
  });
});

describe('the window', () => {
  it('closed with watched folders, goes on in the tray, whose menu pauses them', () => {
    win().show();
    win().close();
    expect(win()).toBeDefined();
    expect(win().isVisible()).toBe(false);
    expect(control.exited).toBe(false);
    const tray = control.trays[0]!;
    expect(tray.tooltip).toMatch(/watching 1 folder/);
    const menu = tray.menu as { label?: string; click?: (item: { checked: boolean }) => void }[];
    menu.find((i) => i.label === '&Pause Watched Folders')!.click!({ checked: true });
    expect(service.watchingPaused).toBe(true);
    const login = menu.find((i) => i.label === 'Start at &Login')!;
    login.click!({ checked: true });
    if (process.platform === 'linux') {
      // Electron has no login items on Linux: the desktop's autostart entry, in the tray.
      expect(readFileSync(autostartFile(), 'utf8')).toContain(`"${process.execPath}" --hidden`);
      login.click!({ checked: false });
      expect(existsSync(autostartFile())).toBe(false);
    } else {
      expect(control.loginItem.openAtLogin).toBe(true);
    }
    menu.find((i) => i.label === '&Open Courier')!.click!({ checked: false });
    expect(win().isVisible()).toBe(true);
  });

  it('closed while a file is checked, asks; the machine stays awake and the taskbar shows progress', async () => {
    const file = bigCsv(join(dir, 'big.csv'), 200_000);
    service.grant([file]);
    const started = new Promise<void>((resolve) => {
      const off = service.on((e) => {
        if (e === 'job.progress') {
          off();
          resolve();
        }
      });
    });
    await invoke('jobs.add', { paths: [file], table: 'any' });
    await started;
    expect(control.blockers.size).toBe(1);
    expect(win().progress.some((p) => p >= 0 && p <= 1)).toBe(true);
    control.messageBoxAnswers.push(0); // Keep Running in the Tray
    win().close();
    expect(control.messageBoxes.at(-1)!.message).toBe(
      'Courier is still checking or sending files.',
    );
    await vi.waitFor(() => expect(win().isVisible()).toBe(false), { timeout: 30_000 });
    await service.idle();
    expect(service.ledger.jobs().find((j) => j.source.name === 'big.csv')?.stage).toBe('ready');
    // Idle again: sleeping is allowed, the taskbar shows nothing.
    expect(control.blockers.size).toBe(0);
    expect(win().progress.at(-1)).toBe(-1);
  });

  it('notifies a finished dropped file when the window is not in front; a click opens its report', async () => {
    const n = control.notifications.find((x) => x.body.includes('big.csv'))!;
    expect(n.title).toBe('Courier: Ready to send');
    n.click();
    const id = service.ledger.jobs().find((j) => j.source.name === 'big.csv')!.id;
    expect(win().isVisible()).toBe(true);
    expect(win().webContents.events('app.navigate')).toContainEqual({
      section: 'inbox',
      report: id,
    });
  });

  it('after a renderer crash reloads once, then shows a plain error with the log folder', async () => {
    const loads = win().webContents.loads.length;
    win().webContents.emit('render-process-gone', new FakeEvent(), {
      reason: 'clean-exit',
      exitCode: 0,
    });
    win().webContents.emit('did-fail-load', new FakeEvent(), -3, 'ERR_ABORTED', ours.url, true);
    win().webContents.emit(
      'did-fail-load',
      new FakeEvent(),
      -6,
      'ERR_FILE_NOT_FOUND',
      'app://courier/x.png',
      false,
    );
    expect(win().webContents.loads).toHaveLength(loads);
    win().webContents.emit('render-process-gone', new FakeEvent(), {
      reason: 'crashed',
      exitCode: 139,
    });
    expect(win().webContents.loads).toHaveLength(loads + 1);
    control.messageBoxAnswers.push(1); // Open Log Folder
    win().webContents.emit(
      'did-fail-load',
      new FakeEvent(),
      -6,
      'ERR_FILE_NOT_FOUND',
      ours.url,
      true,
    );
    expect(control.messageBoxes.at(-1)!.message).toBe('Courier’s window stopped working.');
    await vi.waitFor(() => expect(control.opened).toContain(join(home, 'logs')), {
      timeout: 30_000,
    });
    expect(logText()).toContain('the renderer process is gone (crashed, exit code 139)');
    expect(logText()).toContain('the page did not load (-6 ERR_FILE_NOT_FOUND)');
  });
});

describe('quitting', () => {
  it('a quit while working asks; a second quit while closing waits: the job ends cleanly, the window stays until the process exits', async () => {
    await service.pauseWatching(false);
    const file = bigCsv(join(dir, 'big2.csv'), 200_000);
    service.grant([file]);
    const running = new Promise<void>((resolve) => {
      const off = service.on((e) => {
        if (e === 'job.progress') {
          off();
          resolve();
        }
      });
    });
    await invoke('jobs.add', { paths: [file], table: 'any' });
    await running;
    control.events.length = 0;

    // Ctrl+Q while a file is checked asks first, like closing the window: "Stop and Quit".
    const asked = control.messageBoxes.length;
    control.messageBoxAnswers.push(2);
    electronModule.app.quit();
    expect(control.messageBoxes.slice(asked).map((b) => b.message)).toEqual([
      'Courier is still checking or sending files.',
    ]);
    // The answer comes back in a few microtasks; the job's unwinding needs the worker thread
    // (messages between threads, DuckDB's interrupt), so the sequence is caught under way.
    for (let i = 0; i < 1000 && desktop.shutdown.state === 'running'; i++)
      await new Promise((r) => setImmediate(r));
    expect(desktop.shutdown.state).toBe('closing');
    expect(control.exited).toBe(false);
    expect(win().title).toBe('Courier: closing…');
    expect(win().webContents.events('app.notice').at(-1)).toMatchObject({ level: 'info' });
    electronModule.app.quit(); // Ctrl+Q again, impatient: no second question, it waits
    win().close(); // and the close button
    expect(control.messageBoxes.length).toBe(asked + 1);
    expect(control.exited).toBe(false);
    expect(win().isDestroyed()).toBe(false);
    expect(control.events).toEqual(['app:before-quit', 'app:before-quit', 'window1:close']);

    // A relaunch while closing finds the window (no invisible process holding the lock).
    win().hide();
    electronModule.app.emit(
      'second-instance',
      new FakeEvent(),
      ['/opt/Courier/courier-desktop'],
      dir,
    );
    expect(win().isVisible()).toBe(true);

    await desktop.shutdown.request('test waits for the sequence');
    expect(control.exited).toBe(true);
    // The process ended only after the job unwound: it is recorded cancelled, nothing staged.
    expect(service.ledger.jobs().find((j) => j.source.name === 'big2.csv')?.stage).toBe(
      'cancelled',
    );
    expect(readdirSync(join(home, 'workspace', 'staging'))).toEqual([]);
    expect(control.events.slice(-5)).toEqual([
      'app:before-quit',
      'window1:close',
      'window1:closed',
      'app:will-quit',
      'app:quit',
    ]);
    expect(logText()).toMatch(/quit asked again/);
  });
});
