/**
 * Opening the service and wiring it to the desktop: the page's protocol and IPC, the menu,
 * the tray, the taskbar and power state, files opened through the system. A problem that
 * stops Courier from starting is shown in plain words, then Courier quits.
 */
import { join } from 'node:path';
import { app, clipboard, dialog, session, shell, type BrowserWindow } from 'electron';
import { CourierService } from '../core/service';
import type { Log } from '../core/log';
import { followActivity } from './activity';
import { describeError } from './appLog';
import { wireDesktop } from './desktop';
import { diagnosticsText } from './diagnostics';
import { duckdbBindingProblem } from './duckdbCheck';
import { sendEvent } from './ipc';
import type { DesktopPaths } from './lifecycle';
import { installMenu } from './menu';
import type { FileOpener } from './openFiles';
import { isAppUrl, serveRenderer } from './protocol';
import { electronSettings } from './settings';
import type { Shutdown } from './shutdown';
import { createTray } from './tray';
import { openExternalIfSafe } from './window';

/** How often watched folders that could not be watched are tried again. */
export const WATCH_RETRY_MS = 60_000;

/** Where new versions are announced; opened only when the coordinator asks. */
export const RELEASES_URL = 'https://naaccord.org';

export interface StartDeps {
  home: string;
  paths: DesktopPaths;
  log: Log;
  shutdown: Shutdown;
  opener: FileOpener;
  windows: () => BrowserWindow[];
  showWindow: () => BrowserWindow;
}

/** Only our page may call main: the app:// page, or the dev server in development. */
export function trustFor(devUrl: string | undefined): (frame: { url: string }) => boolean {
  return (frame) => {
    if (!devUrl) return isAppUrl(frame.url);
    try {
      return new URL(frame.url).origin === new URL(devUrl).origin;
    } catch {
      return false;
    }
  };
}

/** Opens the service and wires everything; shows the reason and quits when it cannot. */
export async function startServices(d: StartDeps): Promise<CourierService> {
  const say = (m: string): void => d.log.info(`app: ${m}`);
  try {
    serveRenderer(d.paths.renderer);
    // The page needs no camera, notifications or the like: refuse every permission prompt.
    session.defaultSession.setPermissionRequestHandler((_c, _p, callback) => callback(false));
    const missing = duckdbBindingProblem();
    if (missing) throw new Error(missing);
    const service = await CourierService.open({
      home: d.home,
      settingsBacking: electronSettings,
      // The system's language as Electron reads it ("fr-CA"), for the `auto` setting.
      osLocale: app.getLocale(),
    });
    wire(service, d);
    say(`started ${app.getVersion()} (${process.platform}, ${process.arch})`);
    return service;
  } catch (e) {
    d.log.warn(`app: could not start: ${describeError(e)}`);
    dialog.showErrorBox(
      'Courier could not start',
      e instanceof Error ? e.message : 'An unexpected problem stopped Courier from starting.',
    );
    void d.shutdown.request('could not start');
    throw e;
  }
}

function wire(service: CourierService, d: StartDeps): void {
  const logs = join(d.home, 'logs');
  const focused = (): BrowserWindow | undefined =>
    d.windows().find((w) => w.isFocused()) ?? d.windows()[0];
  const showReport = (id: string): void =>
    sendEvent(d.showWindow(), 'app.navigate', { section: 'inbox', report: id });
  wireDesktop({
    service,
    info: { name: 'Courier', version: app.getVersion(), mode: 'desktop' },
    isTrusted: trustFor(d.paths.devUrl),
    windows: d.windows,
    showReport,
  });
  installMenu(
    { isMac: process.platform === 'darwin', isDev: !app.isPackaged },
    {
      addFiles: () => {
        const win = focused();
        const options = {
          title: 'Add data tables',
          properties: ['openFile', 'multiSelections'] as ('openFile' | 'multiSelections')[],
          filters: [{ name: 'Data tables', extensions: ['csv', 'tsv', 'txt'] }],
        };
        void (win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options)).then(
          (r) => {
            // Chosen in main's own dialog: trusted like a drop.
            if (!r.canceled) void d.opener.open(r.filePaths);
          },
        );
      },
      openDataFolder: () => void shell.openPath(service.home),
      show: (section) => {
        const win = focused();
        if (win) sendEvent(win, 'app.navigate', { section });
      },
      openLogFolder: () => void shell.openPath(logs),
      copyDiagnostics: () =>
        clipboard.writeText(
          diagnosticsText({
            version: app.getVersion(),
            versions: process.versions,
            settings: service.settings.get(),
            status: service.status(),
            watchProblems: service.watchProblems.length,
            defaultHome: !process.env.COURIER_HOME,
            packaged: app.isPackaged,
          }),
        ),
      checkForUpdates: () => openExternalIfSafe(RELEASES_URL),
    },
  );
  const iconPath = d.paths.icon;
  const tray = createTray(
    iconPath,
    () => ({
      status: service.status(),
      watchedFolders: service.settings.get().watchedFolders.length,
      watchingPaused: service.watchingPaused,
    }),
    {
      openWindow: () => void d.showWindow(),
      pauseWatching: (paused) => void service.pauseWatching(paused).then(() => tray.refresh()),
      // Through before-quit, like the menu's Quit: it asks while work runs.
      quit: () => app.quit(),
    },
  );
  service.on(
    followActivity({
      busy: () => service.busy,
      windows: d.windows,
      recheck: () => service.recheck(),
      log: (m) => d.log.info(`app: ${m}`),
    }),
  );
  service.on((event) => {
    if (event === 'status.changed' || event === 'settings.changed') tray.refresh();
  });
  // A watched folder that could not be watched (a drive not yet connected) is tried again
  // every minute, not only when the settings change.
  setInterval(() => {
    if (service.watchProblems.length > 0 && !service.watchingPaused) void service.recheck();
  }, WATCH_RETRY_MS).unref();
  d.opener.ready({
    grant: (paths) => service.grant(paths),
    add: (paths) => service.addPaths(paths),
    reveal: () => {
      const win = d.showWindow();
      sendEvent(win, 'app.navigate', { section: 'inbox' });
    },
    notice: (message) => {
      for (const w of d.windows()) sendEvent(w, 'app.notice', { level: 'warning', message });
    },
    log: (m) => d.log.info(`app: ${m}`),
  });
}
