/**
 * The application menu: adding files, the four sections, the log and diagnostics, and the
 * standard roles. Custom labels carry mnemonics (Alt+F, then A…) on Windows and Linux; macOS
 * has none, so they are left out there. Reloading and developer tools exist only outside
 * packaged builds: a reload would drop the window's state in the middle of a job.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';

export type SectionName = 'inbox' | 'submission' | 'history' | 'settings';

export interface MenuActions {
  /** Choose files with the system dialog and queue them. */
  addFiles(): void;
  /** Open Courier's data folder in the file manager. */
  openDataFolder(): void;
  show(section: SectionName): void;
  /** Open the folder of Courier's log files. */
  openLogFolder(): void;
  /** Copy versions, system and settings (no paths, no data) for a support request. */
  copyDiagnostics(): void;
  /** Open the page where new versions are published (Courier never checks by itself). */
  checkForUpdates(): void;
}

/** The menu template (kept apart from installing it, so it can be checked). */
export function menuTemplate(
  opts: { isMac: boolean; isDev: boolean },
  actions: MenuActions,
): MenuItemConstructorOptions[] {
  const m = (label: string): string => (opts.isMac ? label.replace(/&/g, '') : label);
  const sections: [SectionName, string][] = [
    ['inbox', '&Inbox'],
    ['submission', '&Submission'],
    ['history', '&History'],
    ['settings', 'Se&ttings'],
  ];
  const view: MenuItemConstructorOptions[] = [
    ...sections.map(([id, label], i): MenuItemConstructorOptions => ({
      label: m(label),
      accelerator: `CmdOrCtrl+${i + 1}`,
      click: () => actions.show(id),
    })),
    { type: 'separator' },
    ...(opts.isDev
      ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const)
      : []),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  const file: MenuItemConstructorOptions[] = [
    { label: m('&Add Files…'), accelerator: 'CmdOrCtrl+O', click: () => actions.addFiles() },
    { label: m('Open &Data Folder'), click: () => actions.openDataFolder() },
    { type: 'separator' },
    opts.isMac ? { role: 'close' } : { role: 'quit', label: m('&Quit') },
  ];
  const help: MenuItemConstructorOptions[] = [
    { label: m('Open &Log Folder'), click: () => actions.openLogFolder() },
    { label: m('&Copy Diagnostics'), click: () => actions.copyDiagnostics() },
    { type: 'separator' },
    { label: m('Check for &Updates…'), click: () => actions.checkForUpdates() },
    ...(opts.isMac ? [] : [{ role: 'about', label: m('&About Courier') } as const]),
  ];
  return [
    ...(opts.isMac ? [{ role: 'appMenu' } as const] : []),
    { label: m('&File'), submenu: file },
    { role: 'editMenu' },
    { label: m('&View'), submenu: view },
    { role: 'windowMenu' },
    { role: 'help', label: m('&Help'), submenu: help },
  ];
}

/** Builds and installs the menu. */
export function installMenu(opts: { isMac: boolean; isDev: boolean }, actions: MenuActions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(opts, actions)));
}
