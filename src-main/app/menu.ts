/**
 * The application menu: adding files, the four sections, and the standard roles (developer
 * tools only outside packaged builds).
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';

export type SectionName = 'inbox' | 'submission' | 'history' | 'settings';

export interface MenuActions {
  /** Choose files with the system dialog and queue them. */
  addFiles(): void;
  /** Open Courier's data folder in the file manager. */
  openDataFolder(): void;
  show(section: SectionName): void;
}

/** The menu template (kept apart from installing it, so it can be checked). */
export function menuTemplate(
  opts: { isMac: boolean; isDev: boolean },
  actions: MenuActions,
): MenuItemConstructorOptions[] {
  const sections: [SectionName, string][] = [
    ['inbox', 'Inbox'],
    ['submission', 'Submission'],
    ['history', 'History'],
    ['settings', 'Settings'],
  ];
  const view: MenuItemConstructorOptions[] = [
    ...sections.map(([id, label], i): MenuItemConstructorOptions => ({
      label,
      accelerator: `CmdOrCtrl+${i + 1}`,
      click: () => actions.show(id),
    })),
    { type: 'separator' },
    { role: 'reload' },
    ...(opts.isDev ? ([{ role: 'toggleDevTools' }] as const) : []),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  const file: MenuItemConstructorOptions[] = [
    { label: 'Add Files…', accelerator: 'CmdOrCtrl+O', click: () => actions.addFiles() },
    { label: 'Open Data Folder', click: () => actions.openDataFolder() },
    { type: 'separator' },
    opts.isMac ? { role: 'close' } : { role: 'quit' },
  ];
  return [
    ...(opts.isMac ? [{ role: 'appMenu' } as const] : []),
    { label: 'File', submenu: file },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ role: 'about', label: 'About Courier' }] },
  ];
}

/** Builds and installs the menu. */
export function installMenu(opts: { isMac: boolean; isDev: boolean }, actions: MenuActions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(opts, actions)));
}
