/**
 * The Electron main process: lifecycle, the window, the menu and IPC registration. Thin on
 * purpose: the product lives in src-main/core, which runs without Electron.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, session, type WebFrameMain } from 'electron';
import { baseHandlers, type Handlers } from '../core/server/dispatch';
import { registerIpc } from './ipc';
import { installMenu } from './menu';
import { createMainWindow } from './window';

const here = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(here, '../preload/index.cjs');
const rendererIndex = path.join(here, '../renderer/index.html');
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

function openWindow(): void {
  const icon = path.join(app.getAppPath(), 'resources', 'icon.png');
  const win = createMainWindow(preloadPath, existsSync(icon) ? icon : undefined);
  if (devUrl) void win.loadURL(devUrl);
  else void win.loadFile(rendererIndex);
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

  void app.whenReady().then(() => {
    // The page needs no camera, notifications or the like: refuse every permission prompt.
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
      callback(false),
    );
    const handlers: Handlers = baseHandlers({
      name: 'Courier',
      version: app.getVersion(),
      mode: 'desktop',
    });
    registerIpc(handlers, isTrusted);
    installMenu({ isMac: process.platform === 'darwin', isDev: !app.isPackaged });
    openWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
