/**
 * The tray (notification area, menu bar): Courier keeps working there with its window closed
 * while folders are watched or files wait to be sent. Its menu says what Courier is doing and
 * offers the window, pausing the watched folders, starting at login, and Quit.
 */
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import { opensAtLogin, setOpenAtLogin } from './loginItem';
import type { StatusView } from '../shared/views';

export interface TrayState {
  status: StatusView;
  watchedFolders: number;
  watchingPaused: boolean;
}

export interface TrayActions {
  openWindow(): void;
  pauseWatching(paused: boolean): void;
  quit(): void;
}

/** One line on what Courier is doing, for the tray's tooltip and first menu item. */
export function trayStatus(s: TrayState): string {
  const q = s.status.queue;
  const parts: string[] = [];
  if (q.running > 0) parts.push('checking a file');
  if (q.waiting > 0) parts.push(`${q.waiting} waiting`);
  if (q.pushQueued > 0)
    parts.push(`${q.pushQueued} ${q.pushQueued === 1 ? 'file' : 'files'} to send`);
  if (s.watchedFolders > 0)
    parts.push(
      s.watchingPaused
        ? 'watching paused'
        : `watching ${s.watchedFolders} ${s.watchedFolders === 1 ? 'folder' : 'folders'}`,
    );
  const what = parts.length > 0 ? parts.join(', ') : 'nothing to do';
  return `Courier: ${what}`;
}

/** The tray's menu (kept apart from the Tray, so it can be checked). */
export function trayMenu(s: TrayState, actions: TrayActions): MenuItemConstructorOptions[] {
  return [
    { label: trayStatus(s), enabled: false },
    { type: 'separator' },
    { label: '&Open Courier', click: () => actions.openWindow() },
    {
      label: '&Pause Watched Folders',
      type: 'checkbox',
      checked: s.watchingPaused,
      enabled: s.watchedFolders > 0,
      click: (item) => actions.pauseWatching(item.checked),
    },
    {
      label: 'Start at &Login',
      type: 'checkbox',
      checked: opensAtLogin(),
      // Started at login, Courier opens in the tray: the coordinator did not ask for a window.
      click: (item) => setOpenAtLogin(item.checked),
    },
    { type: 'separator' },
    { label: '&Quit Courier', click: () => actions.quit() },
  ];
}

/** Creates the tray icon; `refresh` rebuilds its menu from the current state. */
export function createTray(
  iconPath: string | undefined,
  state: () => TrayState,
  actions: TrayActions,
): { refresh: () => void; destroy: () => void } {
  const image = iconPath
    ? nativeImage.createFromPath(iconPath).resize({ width: 16, height: 16 })
    : nativeImage.createEmpty();
  const tray = new Tray(image);
  tray.on('click', () => actions.openWindow());
  let last = '';
  const refresh = (): void => {
    const s = state();
    const key = JSON.stringify(s);
    if (key === last || tray.isDestroyed()) return;
    last = key;
    tray.setToolTip(trayStatus(s));
    tray.setContextMenu(Menu.buildFromTemplate(trayMenu(s, actions)));
  };
  refresh();
  return { refresh, destroy: () => tray.destroy() };
}
