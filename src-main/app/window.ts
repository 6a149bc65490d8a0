/**
 * The main window: its security options, and the guards that keep it on the app (no
 * navigation, no new windows, no webviews, only https: links opened in the system browser).
 */
import {
  BrowserWindow,
  shell,
  type BrowserWindowConstructorOptions,
  type WebContents,
} from 'electron';

/**
 * The BrowserWindow options, security first.
 *
 * The renderer gets no Node, runs sandboxed, and is isolated from the preload; web security
 * stays on. 1024×700 is the smallest size the layout is designed for.
 */
export function windowOptions(
  preloadPath: string,
  iconPath?: string,
): BrowserWindowConstructorOptions {
  return {
    width: 1180,
    height: 780,
    minWidth: 1024,
    minHeight: 700,
    title: 'Courier',
    show: false,
    backgroundColor: '#f5f6f8',
    ...(iconPath ? { icon: iconPath } : {}),
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/** Opens a link in the system browser only if it is https: anything else is dropped. */
export function openExternalIfSafe(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return;
  }
  if (parsed.protocol === 'https:') void shell.openExternal(parsed.toString());
}

/**
 * Keeps a window's contents on the app: every navigation is refused (a file dropped on a
 * window navigates to it by default), new windows are denied (https: links go to the system
 * browser), and webviews cannot be attached.
 */
export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openExternalIfSafe(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfSafe(url);
    return { action: 'deny' };
  });
}

/**
 * Creates the hardened main window; it shows itself once the first paint is ready, unless
 * Courier started in the tray (at login), where it waits to be opened.
 */
export function createMainWindow(
  preloadPath: string,
  iconPath?: string,
  visible = true,
): BrowserWindow {
  const win = new BrowserWindow(windowOptions(preloadPath, iconPath));
  hardenContents(win.webContents);
  if (visible) win.once('ready-to-show', () => win.show());
  return win;
}
