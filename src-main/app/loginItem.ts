/**
 * Starting Courier at login, in the tray. Electron does it on Windows and macOS; on Linux it
 * does nothing, so Courier writes the desktop's autostart entry itself (the XDG autostart
 * folder, read by GNOME, KDE, Xfce and the others).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { app } from 'electron';

/** Started this way, Courier opens in the tray, not with a window. */
export const HIDDEN_ARG = '--hidden';

/** The autostart entry on Linux. */
export function autostartFile(env: Record<string, string | undefined> = process.env): string {
  return join(
    env.XDG_CONFIG_HOME || join(homedir(), '.config'),
    'autostart',
    'courier-desktop.desktop',
  );
}

/** Whether Courier starts at login. */
export function opensAtLogin(): boolean {
  if (process.platform !== 'linux') return app.getLoginItemSettings().openAtLogin;
  try {
    return readFileSync(autostartFile(), 'utf8').includes(`Exec=`);
  } catch {
    return false;
  }
}

/** Starts Courier at login (in the tray), or no longer. */
export function setOpenAtLogin(on: boolean): void {
  if (process.platform !== 'linux') {
    app.setLoginItemSettings({ openAtLogin: on, args: [HIDDEN_ARG] });
    return;
  }
  const file = autostartFile();
  if (!on) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(join(file, '..'), { recursive: true });
  // Quoted as the Desktop Entry specification asks (the path may hold spaces).
  const exec = `"${process.execPath.replace(/(["`$\\])/g, '\\$1')}" ${HIDDEN_ARG}`;
  writeFileSync(
    file,
    [
      '[Desktop Entry]',
      'Type=Application',
      'Name=Courier',
      'Comment=Checks cohort data tables and delivers them to the NAS',
      `Exec=${exec}`,
      'X-GNOME-Autostart-enabled=true',
      '',
    ].join('\n'),
  );
}
