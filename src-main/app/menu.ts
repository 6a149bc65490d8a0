/** The application menu: the standard roles, with developer tools only outside packaged builds. */
import { Menu, type MenuItemConstructorOptions } from 'electron';

/** Builds and installs the menu. */
export function installMenu(opts: { isMac: boolean; isDev: boolean }): void {
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    ...(opts.isDev ? ([{ role: 'toggleDevTools' }] as const) : []),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  const template: MenuItemConstructorOptions[] = [
    ...(opts.isMac ? [{ role: 'appMenu' } as const] : []),
    { label: 'File', submenu: [opts.isMac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ role: 'about', label: 'About Courier' }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
