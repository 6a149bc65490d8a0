/**
 * The desktop app's life: one instance, the window, quitting as one bounded sequence, and what
 * the operating system hands over (files, a second launch, the end of the session). Every
 * handler is registered before the service opens, so a quit at any moment goes through the
 * shutdown sequence. The service's wiring is in startup.ts.
 */
import { join } from 'node:path';
import { app, BrowserWindow, shell, type Event as ElectronEvent } from 'electron';
import type { CourierService } from '../core/service';
import type { Log } from '../core/log';
import { resolveHome, sessionDataDir } from '../core/paths';
import { installAppLog } from './appLog';
import { askOnClose, closeAction } from './closePolicy';
import { sendEvent } from './ipc';
import { HIDDEN_ARG } from './loginItem';
import { FileOpener, pathsFromArgv } from './openFiles';
import { APP_INDEX, registerAppScheme } from './protocol';
import { watchRenderer } from './recovery';
import { Shutdown } from './shutdown';
import { startServices } from './startup';
import { createMainWindow } from './window';

/** Electron's app id: Windows groups the taskbar and shows notifications under it. */
export const APP_ID = 'org.naaccord.courier';

export interface DesktopPaths {
  preload: string;
  /** The built renderer folder, served on app://courier/. */
  renderer: string;
  icon?: string;
  /** electron-vite's dev server (development only). */
  devUrl?: string;
}

/** What the running app is made of (for tests, which drive the fake electron). */
export interface Desktop {
  home: string;
  log: Log;
  shutdown: Shutdown;
  opener: FileOpener;
  /** Resolves once the service runs (or failed to start). */
  started: Promise<void>;
  service: () => CourierService | null;
}

/** Starts the desktop app; null when another Courier already runs (this one quits). */
export function runDesktop(
  paths: DesktopPaths,
  deadlines?: { quit: number; sessionEnd: number },
): Desktop | null {
  const home = resolveHome(null);
  // Chromium's caches and storage apart from Courier's data (set before the app is ready).
  app.setPath('sessionData', sessionDataDir());
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  registerAppScheme();
  if (!app.requestSingleInstanceLock()) {
    // A second copy would fight over the ledger: the first one takes the files, and shows.
    app.quit();
    return null;
  }
  const log = installAppLog(home);
  const say = (m: string): void => log.info(`app: ${m}`);
  const opener = new FileOpener();
  const isMac = process.platform === 'darwin';
  const hidden =
    process.argv.includes(HIDDEN_ARG) || (isMac && app.getLoginItemSettings().wasOpenedAtLogin);
  let service: CourierService | null = null;
  let servicePromise: Promise<CourierService | null> = Promise.resolve(null);
  let asking = false;

  const windows = (): BrowserWindow[] => BrowserWindow.getAllWindows();
  const load = (win: BrowserWindow): Promise<void> =>
    paths.devUrl ? win.loadURL(paths.devUrl) : win.loadURL(APP_INDEX);

  const showWindow = (): BrowserWindow => {
    const win = windows()[0] ?? openWindow(true);
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
    return win;
  };

  const shutdown = new Shutdown({
    close: async (ms) => {
      const s = await servicePromise;
      return s ? s.close({ deadlineMs: ms }) : true;
    },
    showClosing: () => {
      // On Windows and Linux the window is where "closing" shows; on macOS the dock does.
      if (!isMac && windows().length === 0 && service) openWindow(true);
      for (const w of windows()) {
        w.setTitle('Courier: closing…');
        w.setProgressBar(2, { mode: 'indeterminate' });
        sendEvent(w, 'app.notice', {
          level: 'info',
          message: 'Courier is finishing the file or sending under way, then it closes.',
        });
      }
    },
    exit: () => app.quit(),
    log: say,
    deadlines,
  });

  const onClose = (event: ElectronEvent, win: BrowserWindow): void => {
    const s = service;
    const action = closeAction({
      shutdown: shutdown.state,
      isMac,
      busy: s?.busy ?? false,
      background: s ? backgroundWork(s) : false,
    });
    if (action === 'allow') return;
    event.preventDefault();
    if (action === 'hold' || asking) {
      if (action === 'hold') showWindow();
      return;
    }
    if (action === 'tray') {
      win.hide();
      say('window closed: working on in the tray');
    } else if (action === 'quit') {
      void shutdown.request('window closed');
    } else {
      ask(win, 'window closed while working');
    }
  };

  /** Asks what to do with the work under way (a close or a quit while a file is checked or sent). */
  const ask = (win: BrowserWindow | undefined, why: string): void => {
    if (asking) return;
    asking = true;
    void askOnClose(win).then((choice) => {
      asking = false;
      const s = service;
      say(`${why}: ${choice}`);
      if (choice === 'tray') for (const w of windows()) w.hide();
      else if (choice === 'stop') void shutdown.request('stop and quit');
      else if (choice === 'wait') {
        for (const w of windows())
          sendEvent(w, 'app.notice', {
            level: 'info',
            message: 'Courier quits once the files under way are checked and sent.',
          });
        void s?.idle().then(() => shutdown.request('work done, as asked'));
      }
    });
  };

  function openWindow(visible: boolean): BrowserWindow {
    const win = createMainWindow(paths.preload, paths.icon, visible);
    watchRenderer(win, {
      load,
      log: say,
      openLogFolder: () => void shell.openPath(join(home, 'logs')),
      quit: () => app.quit(),
      closing: () => shutdown.state !== 'running',
    });
    win.on('close', (e) => onClose(e, win));
    // Windows log-off or shutdown: no before-quit comes. Work gets the short deadline; while
    // it runs, the session's end waits (Windows shows that Courier is closing).
    win.on('query-session-end', (e) => {
      if (service?.busy) e.preventDefault();
      void shutdown.request(`session end (${e.reasons.join(', ')})`, true);
    });
    win.on('session-end', () => void shutdown.request('session end', true));
    load(win).catch((e: unknown) =>
      say(`the page did not load: ${e instanceof Error ? e.message : String(e)}`),
    );
    return win;
  }

  app.on('before-quit', (event) => {
    if (shutdown.state === 'done') return;
    // Until the sequence is done, nothing quits around it: a second Ctrl/Cmd+Q waits.
    event.preventDefault();
    // Quitting (Cmd+Q, the menu, the tray) while a file is checked or sent asks first, as
    // closing the window does; once closing, a quit only joins the sequence.
    if (shutdown.state === 'running' && service?.busy)
      ask(BrowserWindow.getFocusedWindow() ?? windows()[0], 'quit while working');
    else void shutdown.request('quit');
  });
  app.on('window-all-closed', () => {
    // Closing is decided per window (closePolicy.ts); the last one gone is not a quit by itself.
  });
  app.on('second-instance', (_event, argv, cwd) => {
    // Before the service runs there is no window to show yet: it opens once started, and the
    // files wait in the opener.
    if (service) showWindow();
    void opener.open(pathsFromArgv(argv, cwd, false));
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    void opener.open([path]);
  });
  app.on('activate', () => {
    if (shutdown.state === 'running' && service) showWindow();
  });

  const started = app.whenReady().then(async () => {
    servicePromise = startServices({
      home,
      paths,
      log,
      shutdown,
      opener,
      windows,
      showWindow,
    }).catch(() => null);
    service = await servicePromise;
    if (!service) return;
    // One window: files opened before the service was ready may have shown it already.
    if (shutdown.state === 'running' && windows().length === 0) openWindow(!hidden);
    await service.start();
    await opener.open(pathsFromArgv(process.argv, process.cwd(), process.defaultApp === true));
  });
  return { home, log, shutdown, opener, started, service: () => service };
}

/** Watched folders not paused, or files waiting to be sent: the tray keeps them going. */
function backgroundWork(s: CourierService): boolean {
  const watching = s.settings.get().watchedFolders.length > 0 && !s.watchingPaused;
  return watching || s.status().queue.pushQueued > 0;
}
