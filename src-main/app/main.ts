/**
 * The Electron main process: lifecycle, the window, the menu and the service behind IPC. Thin
 * on purpose: the product lives in src-main/core, which runs without Electron.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, session, shell, type WebFrameMain } from 'electron';
import { CourierService } from '../core/service';
import { electronSettings } from './settings';
import { wireDesktop } from './desktop';
import { sendEvent } from './ipc';
import { installMenu } from './menu';
import { createMainWindow } from './window';

const here = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(here, '../preload/index.cjs');
const rendererIndex = path.join(here, '../renderer/index.html');
// Worker threads cannot start from inside app.asar: packaged builds unpack them (see
// electron-builder.yml) and the core finds them through this variable.
if (app.isPackaged && !process.env.COURIER_WORKER_DIR)
  process.env.COURIER_WORKER_DIR = path.join(
    process.resourcesPath,
    'app.asar.unpacked',
    'out',
    'node',
  );

/** electron-vite dev serves the renderer over HTTP and tells us where. */
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;

/** Only our own page may call main: the built index.html, or the dev server in development. */
function isTrusted(frame: WebFrameMain): boolean {
  try {
    const url = new URL(frame.url);
    if (devUrl) return url.origin === new URL(devUrl).origin;
    return url.protocol === 'file:' && url.pathname === pathToFileURL(rendererIndex).pathname;
  } catch {
    return false;
  }
}

function openWindow(): BrowserWindow {
  const icon = path.join(app.getAppPath(), 'resources', 'icon.png');
  const win = createMainWindow(preloadPath, existsSync(icon) ? icon : undefined);
  if (devUrl) void win.loadURL(devUrl);
  else void win.loadFile(rendererIndex);
  return win;
}

async function start(): Promise<void> {
  // The page needs no camera, notifications or the like: refuse every permission prompt.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  // The same data folder as the `courier` command's default, so both share one ledger.
  const service = await CourierService.open({
    home: process.env.COURIER_HOME || app.getPath('userData'),
    settingsBacking: electronSettings,
  });
  wireDesktop({
    service,
    info: { name: 'Courier', version: app.getVersion(), mode: 'desktop' },
    isTrusted,
    windows: () => BrowserWindow.getAllWindows(),
  });
  const focused = (): BrowserWindow | undefined =>
    BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
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
            if (r.canceled) return;
            // Chosen in main's own dialog: trusted like a drop.
            service.grant(r.filePaths);
            void service.addPaths(r.filePaths);
          },
        );
      },
      openDataFolder: () => void shell.openPath(service.home),
      show: (section) => {
        const win = focused();
        if (win) sendEvent(win, 'app.navigate', { section });
      },
    },
  );
  openWindow();
  await service.start();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing) return;
    // Let the running job stop cleanly (no half-written file), then quit for real.
    event.preventDefault();
    closing = true;
    void service.close().finally(() => app.quit());
  });
}

if (!app.requestSingleInstanceLock()) {
  // A second copy would fight over the ledger: hand over to the first one and leave.
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  app.setAboutPanelOptions({ applicationName: 'Courier', applicationVersion: app.getVersion() });

  void app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      dialog.showErrorBox(
        'Courier could not start',
        e instanceof Error ? e.message : 'An unexpected problem stopped Courier from starting.',
      );
      app.quit();
    });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
