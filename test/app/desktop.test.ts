import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { saveDialogTarget, wireDesktop } from '../../src-main/app/desktop';
import { menuTemplate } from '../../src-main/app/menu';
import { notifyFinished } from '../../src-main/app/notify';
import { CourierService } from '../../src-main/core/service';

// Only the electron module is faked: ipcMain keeps its handlers, dialogs answer as told,
// notifications are recorded.
const fake = vi.hoisted(() => ({
  handle: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
  on: new Map<string, (event: unknown, ...args: unknown[]) => void>(),
  notes: [] as { title: string; body: string }[],
  shownNotes: [] as { click: (() => void) | null }[],
  saveAnswer: { canceled: false, filePath: '' as string | undefined },
}));
vi.mock('electron', () => ({
  app: { getPath: (name: string) => `/home/me/${name}` },
  ipcMain: {
    handle: (name: string, fn: (event: unknown, ...args: unknown[]) => unknown) =>
      fake.handle.set(name, fn),
    on: (name: string, fn: (event: unknown, ...args: unknown[]) => void) => fake.on.set(name, fn),
  },
  dialog: { showSaveDialog: vi.fn(() => Promise.resolve(fake.saveAnswer)) },
  Notification: class {
    static isSupported = () => true;
    click: (() => void) | null = null;
    constructor(private readonly o: { title: string; body: string }) {}
    on(name: string, fn: () => void) {
      if (name === 'click') this.click = fn;
    }
    show() {
      fake.notes.push({ title: this.o.title, body: this.o.body });
      fake.shownNotes.push(this);
    }
  },
}));

const ours = { url: 'file:///app/out/renderer/index.html', parent: null };
const isTrusted = (frame: { url: string }) => frame.url === ours.url;

let dir: string;
let service: CourierService;
const sent: unknown[][] = [];
const shown: string[] = [];
const win = {
  isDestroyed: () => false,
  isFocused: () => true,
  webContents: { send: (...args: unknown[]) => sent.push(args) },
};

function invoke(channel: string, args?: unknown, frame: unknown = ours): Promise<unknown> {
  return Promise.resolve(fake.handle.get('courier:invoke')!({ senderFrame: frame }, channel, args));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'courier-desktop-'));
  service = await CourierService.open({ home: join(dir, 'home'), nasCheckMs: 0, retryMs: 0 });
  wireDesktop({
    service,
    info: { name: 'Courier', version: '1.2.3', mode: 'desktop' },
    isTrusted: isTrusted as never,
    windows: () => [win as never],
    showReport: (id) => shown.push(id),
  });
});
afterAll(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the desktop wiring', () => {
  it('answers the contract over IPC, only to our page', async () => {
    expect(await invoke('app.info')).toEqual({
      ok: true,
      value: { name: 'Courier', version: '1.2.3', mode: 'desktop' },
    });
    expect(await invoke('status.get')).toMatchObject({
      ok: true,
      value: { nas: { state: 'not-configured' } },
    });
    expect(await invoke('jobs.list', { view: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-args' },
    });
    expect(
      await invoke('status.get', undefined, { url: 'https://evil.example/', parent: null }),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('takes dropped paths only once the preload granted them, from our page', async () => {
    const file = join(dir, 'lab.csv');
    writeFileSync(file, 'a,b\n1,2\n');
    const refused = (await invoke('jobs.add', { paths: [file] })) as {
      value: { refused: unknown[] };
    };
    expect(refused.value.refused).toHaveLength(1);
    const grant = fake.on.get('courier:grant')!;
    grant({ senderFrame: { url: 'https://evil.example/', parent: null } }, [file]);
    expect(
      ((await invoke('jobs.add', { paths: [file] })) as { value: { refused: unknown[] } }).value
        .refused,
    ).toHaveLength(1);
    grant({ senderFrame: ours }, [file, 42, '']);
    const taken = (await invoke('jobs.add', { paths: [file], table: 'any' })) as {
      value: { queued: string[] };
    };
    expect(taken.value.queued).toHaveLength(1);
    await service.idle();
  });

  it('forwards the service’s events to the window', () => {
    expect(sent.some(([name, event]) => name === 'courier:event' && event === 'jobs.changed')).toBe(
      true,
    );
    expect(sent.some(([, event]) => event === 'job.finished')).toBe(true);
  });

  it('notifies watched files always, dropped ones when the window is not in front; a click opens the report', () => {
    fake.notes.length = 0;
    const opened: string[] = [];
    const inFront = { windowFocused: true, open: (id: string) => opened.push(id) };
    const away = { ...inFront, windowFocused: false };
    const drop = {
      id: 'a',
      name: 'x.csv',
      stage: 'ready' as const,
      origin: 'drop' as const,
      message: 'm',
    };
    expect(notifyFinished(drop, inFront)).toBe(false);
    expect(notifyFinished({ ...drop, id: 'b', message: 'x.csv is ready to send.' }, away)).toBe(
      true,
    );
    expect(
      notifyFinished(
        {
          id: 'c',
          name: 'x.csv',
          stage: 'blocked',
          origin: 'watch',
          message: 'x.csv has 2 problems to fix before sending.',
        },
        inFront,
      ),
    ).toBe(true);
    expect(
      notifyFinished(
        { id: 'a', name: 'x.csv', stage: 'queued', origin: 'watch', message: 'm' },
        away,
      ),
    ).toBe(false);
    expect(fake.notes).toEqual([
      { title: 'Courier: Ready to send', body: 'x.csv is ready to send.' },
      { title: 'Courier: Problems to fix', body: 'x.csv has 2 problems to fix before sending.' },
    ]);
    fake.shownNotes.at(-1)!.click!();
    expect(opened).toEqual(['c']);
  });

  it('saves exports where the coordinator chooses, or nowhere if cancelled', async () => {
    const target = saveDialogTarget(() => win as never);
    fake.saveAnswer = { canceled: true, filePath: undefined };
    expect(await target('lab.report.html')).toBeNull();
    fake.saveAnswer = { canceled: false, filePath: '/home/me/Downloads/lab.report.html' };
    const where = await target('lab.report.html');
    expect(where?.path).toBe('/home/me/Downloads/lab.report.html');
    expect(where?.done(null)).toEqual({
      kind: 'saved',
      path: '/home/me/Downloads/lab.report.html',
      note: null,
    });
  });
});

describe('the menu', () => {
  type Item = {
    label?: string;
    click?: () => void;
    accelerator?: string;
    role?: string;
    submenu?: Item[];
  };
  const actions = () => ({
    addFiles: vi.fn(),
    openDataFolder: vi.fn(),
    show: vi.fn(),
    openLogFolder: vi.fn(),
    copyDiagnostics: vi.fn(),
    checkForUpdates: vi.fn(),
  });
  const all = (items: Item[]): Item[] => items.flatMap((i) => [i, ...all(i.submenu ?? [])]);

  it('adds files, opens the data folder and shows each section by shortcut', () => {
    const a = actions();
    const template = menuTemplate({ isMac: false, isDev: false }, a) as Item[];
    const file = template.find((m) => m.label === '&File')!.submenu!;
    file.find((i) => i.label === '&Add Files…')!.click!();
    expect(a.addFiles).toHaveBeenCalled();
    const view = template.find((m) => m.label === '&View')!.submenu!;
    const history = view.find((i) => i.label === '&History')!;
    expect(history.accelerator).toBe('CmdOrCtrl+3');
    history.click!();
    expect(a.show).toHaveBeenCalledWith('history');
    expect((menuTemplate({ isMac: true, isDev: true }, a)[0] as Item).role).toBe('appMenu');
  });

  it('gives every custom label a mnemonic on Windows and Linux, and none on macOS', () => {
    const a = actions();
    const win = all(menuTemplate({ isMac: false, isDev: false }, a) as Item[]).filter(
      (i) => i.label && !i.role,
    );
    expect(win.length).toBeGreaterThan(8);
    for (const i of win) expect(i.label, i.label).toMatch(/&\S/);
    // Within one menu, no two items share a mnemonic letter.
    for (const menu of menuTemplate({ isMac: false, isDev: false }, a) as Item[]) {
      const keys = (menu.submenu ?? [])
        .map((i) => /&(\S)/.exec(i.label ?? '')?.[1]?.toLowerCase())
        .filter(Boolean);
      expect(new Set(keys).size, menu.label).toBe(keys.length);
    }
    const mac = all(menuTemplate({ isMac: true, isDev: false }, a) as Item[]);
    expect(mac.filter((i) => i.label?.includes('&'))).toEqual([]);
  });

  it('has no reload or developer tools in packaged builds', () => {
    const a = actions();
    const roles = (isDev: boolean) =>
      all(menuTemplate({ isMac: false, isDev }, a) as Item[]).map((i) => i.role);
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).not.toContain('forceReload');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('opens the log folder, copies diagnostics and checks for updates only from Help', () => {
    const a = actions();
    const help = (menuTemplate({ isMac: false, isDev: false }, a) as Item[]).find(
      (m) => m.role === 'help',
    )!.submenu!;
    for (const [label, fn] of [
      ['Open &Log Folder', a.openLogFolder],
      ['&Copy Diagnostics', a.copyDiagnostics],
      ['Check for &Updates…', a.checkForUpdates],
    ] as const) {
      help.find((i) => i.label === label)!.click!();
      expect(fn, label).toHaveBeenCalledTimes(1);
    }
  });
});
