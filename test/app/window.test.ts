import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMainWindow, hardenContents, windowOptions } from '../../src-main/app/window';

// Only the electron module is faked: the glue is tested as plain Node. vi.hoisted and vi.mock
// run before the imports above, so window.ts sees the fake.
const electron = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void;
  class FakeContents {
    listeners = new Map<string, Listener>();
    openHandler: ((details: { url: string }) => { action: string }) | undefined;
    on(name: string, listener: Listener) {
      this.listeners.set(name, listener);
      return this;
    }
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.openHandler = handler;
    }
  }
  class FakeWindow {
    static created: FakeWindow[] = [];
    webContents = new FakeContents();
    once = vi.fn();
    show = vi.fn();
    constructor(readonly options: Record<string, unknown>) {
      FakeWindow.created.push(this);
    }
  }
  return { FakeWindow, FakeContents, openExternal: vi.fn(() => Promise.resolve()) };
});

vi.mock('electron', () => ({
  BrowserWindow: electron.FakeWindow,
  shell: { openExternal: electron.openExternal },
}));

function navigationEvent() {
  return { preventDefault: vi.fn() };
}

describe('window options', () => {
  it('keep the renderer isolated, sandboxed and without Node', () => {
    const options = windowOptions('/app/out/preload/index.cjs');
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      navigateOnDragDrop: false,
    });
  });

  it('fit the smallest designed layout and wait for the first paint', () => {
    const options = windowOptions('/p.cjs');
    expect(options.minWidth).toBe(1024);
    expect(options.minHeight).toBe(700);
    expect(options.show).toBe(false);
    expect(options).not.toHaveProperty('icon');
    expect(windowOptions('/p.cjs', '/icon.png').icon).toBe('/icon.png');
  });
});

describe('window guards', () => {
  beforeEach(() => {
    electron.openExternal.mockClear();
  });

  it('refuse every navigation, and send only https: links to the system browser', () => {
    const contents = new electron.FakeContents();
    hardenContents(contents as never);
    const navigate = contents.listeners.get('will-navigate')!;

    for (const url of [
      'file:///home/me/data.csv',
      'http://example.org/',
      'javascript:alert(1)',
      'https://example.org/docs',
    ]) {
      const event = navigationEvent();
      navigate(event, url);
      expect(event.preventDefault, url).toHaveBeenCalled();
    }
    expect(electron.openExternal).toHaveBeenCalledTimes(1);
    expect(electron.openExternal).toHaveBeenCalledWith('https://example.org/docs');
  });

  it('deny new windows, opening https: links externally only', () => {
    const contents = new electron.FakeContents();
    hardenContents(contents as never);
    const handler = contents.openHandler!;
    expect(handler({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'http://example.org/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'smb://nas/share' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'not a url' })).toEqual({ action: 'deny' });
    expect(electron.openExternal).toHaveBeenCalledTimes(1);
    expect(electron.openExternal).toHaveBeenCalledWith('https://example.org/');
  });

  it('refuse webviews and redirects', () => {
    const contents = new electron.FakeContents();
    hardenContents(contents as never);
    for (const name of ['will-attach-webview', 'will-redirect']) {
      const event = navigationEvent();
      contents.listeners.get(name)!(event);
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
  });

  it('apply to the main window it creates', () => {
    createMainWindow('/p.cjs');
    const win = electron.FakeWindow.created.at(-1)!;
    expect((win.options.webPreferences as Record<string, unknown>).sandbox).toBe(true);
    expect(win.webContents.listeners.has('will-navigate')).toBe(true);
    expect(win.webContents.openHandler).toBeDefined();
    expect(win.once).toHaveBeenCalledWith('ready-to-show', expect.any(Function));
  });
});
