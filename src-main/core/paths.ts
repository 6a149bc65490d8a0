import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Env = Record<string, string | undefined>;

/**
 * Courier's data folder by default, for the desktop app and the `courier` command alike, so
 * both share one ledger. On Windows it is local (`%LOCALAPPDATA%\Courier`), not roaming:
 * many institutions copy the roaming profile to a server at every log-off, and artifacts are
 * large and must not leave the machine.
 */
export function defaultHome(platform: string = process.platform, env: Env = process.env): string {
  const home = homedir();
  if (platform === 'win32')
    return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'Courier');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Courier');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'Courier');
}

/** Where Courier 0.1 kept its data on Windows (the roaming profile); moved once from there. */
export function roamingHome(env: Env = process.env): string {
  return join(env.APPDATA || join(homedir(), 'AppData', 'Roaming'), 'Courier');
}

/**
 * Where the desktop app's Chromium keeps its caches and storage (Electron's `sessionData`):
 * apart from Courier's data, in the system's place for caches.
 */
export function sessionDataDir(
  platform: string = process.platform,
  env: Env = process.env,
): string {
  const home = homedir();
  if (platform === 'win32')
    return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'Courier', 'Cache');
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'Courier');
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'Courier');
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
