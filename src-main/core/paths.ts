import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The desktop app's data folder (Electron's `userData` for the product name "Courier"), so
 * the CLI and the window share one ledger by default.
 */
export function defaultHome(): string {
  const home = homedir();
  if (process.platform === 'win32')
    return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Courier');
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'Courier');
  return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Courier');
}

/** `--home`, then `COURIER_HOME`, then the app's data folder. */
export function resolveHome(explicit?: string | null): string {
  return explicit || process.env.COURIER_HOME || defaultHome();
}

/** Creates a folder (and parents) readable by its owner only. */
export function privateDir(path: string): string {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  return path;
}

/** The folders Courier keeps under its home. */
export function homeLayout(home: string) {
  return {
    home,
    staging: join(home, 'workspace', 'staging'),
    artifacts: join(home, 'artifacts'),
    logs: join(home, 'logs'),
  };
}

let cachedVersion: string | null = null;

/** Courier's version, from the package.json above this module (source or bundle). */
export function appVersion(): string {
  if (cachedVersion) return cachedVersion;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const p = join(dir, 'package.json');
    if (existsSync(p)) {
      const pkg = JSON.parse(readFileSync(p, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'courier' && pkg.version) return (cachedVersion = pkg.version);
    }
    dir = dirname(dir);
  }
  return (cachedVersion = '0.0.0');
}
