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
    constructor(private readonly o: { title: string; body: string }) {}
    show() {
      fake.notes.push({ title: this.o.title, body: this.o.body });
    }
  },
}));

const ours = { url: 'file:///app/out/renderer/index.html', parent: null };
const isTrusted = (frame: { url: string }) => frame.url === ours.url;

let dir: string;
let service: CourierService;
const sent: unknown[][] = [];
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

  it('notifies only for files from watched folders', () => {
    fake.notes.length = 0;
    expect(
      notifyFinished({ id: 'a', name: 'x.csv', stage: 'ready', origin: 'drop', message: 'm' }),
    ).toBe(false);
    expect(
      notifyFinished({
        id: 'a',
        name: 'x.csv',
        stage: 'blocked',
        origin: 'watch',
        message: 'x.csv has 2 problems to fix before sending.',
      }),
    ).toBe(true);
    expect(
      notifyFinished({ id: 'a', name: 'x.csv', stage: 'queued', origin: 'watch', message: 'm' }),
    ).toBe(false);
    expect(fake.notes).toEqual([
      { title: 'Courier: Problems to fix', body: 'x.csv has 2 problems to fix before sending.' },
    ]);
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
  it('adds files, opens the data folder and shows each section by shortcut', () => {
    const actions = { addFiles: vi.fn(), openDataFolder: vi.fn(), show: vi.fn() };
    const template = menuTemplate({ isMac: false, isDev: false }, actions);
    const file = template.find((m) => m.label === 'File')!.submenu as {
      label?: string;
      click?: () => void;
      accelerator?: string;
    }[];
    file.find((i) => i.label === 'Add Files…')!.click!();
    expect(actions.addFiles).toHaveBeenCalled();
    const view = template.find((m) => m.label === 'View')!.submenu as {
      label?: string;
      click?: () => void;
      accelerator?: string;
      role?: string;
    }[];
    const history = view.find((i) => i.label === 'History')!;
    expect(history.accelerator).toBe('CmdOrCtrl+3');
    history.click!();
    expect(actions.show).toHaveBeenCalledWith('history');
    expect(view.some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect((menuTemplate({ isMac: true, isDev: true }, actions)[0] as { role?: string }).role).toBe(
      'appMenu',
    );
  });
});
