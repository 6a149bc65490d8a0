/**
 * The window's page is served from `app://courier/`, not file://: its URL no longer depends on
 * where Courier is installed (a `%` or a space in the path broke the trust check), the page
 * gets a real origin for its CSP, and no other file of the disk is reachable from it.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { protocol } from 'electron';
import { contentSecurityPolicy } from '../shared/csp';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://courier';
export const APP_INDEX = `${APP_ORIGIN}/index.html`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

/** Declares the scheme a secure, standard origin (before the app is ready, as Electron asks). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // Module scripts are fetched in CORS mode: the scheme must allow it.
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        corsEnabled: true,
        codeCache: true,
      },
    },
  ]);
}

/** Whether a frame's URL is our page (the renderer's origin, whatever its path). */
export function isAppUrl(url: string): boolean {
  try {
    return ours(new URL(url));
  } catch {
    return false;
  }
}

// WHATWG URLs give a custom scheme an opaque origin ("null"): compare scheme and host.
function ours(u: URL): boolean {
  return u.protocol === `${APP_SCHEME}:` && u.host === 'courier' && !u.username && !u.port;
}

/** The file under `root` a request names, or null (another host, or outside the folder). */
export function rendererFile(root: string, url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (!ours(u)) return null;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const file = normalize(join(root, path === '/' ? 'index.html' : path));
  return file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : null;
}

/** Answers one request for the page or its assets (404 for anything else). */
export async function serveFile(root: string, request: Request): Promise<Response> {
  const file = rendererFile(root, request.url);
  if (!file || request.method !== 'GET') return new Response('Not found', { status: 404 });
  try {
    const body = await readFile(file);
    const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    return new Response(body, {
      headers: {
        'content-type': type,
        'content-security-policy': contentSecurityPolicy({ frameAncestors: true }),
        'x-content-type-options': 'nosniff',
      },
    });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}

/** Serves the built renderer folder on `app://courier/` (once the app is ready). */
export function serveRenderer(root: string): void {
  protocol.handle(APP_SCHEME, (request) => serveFile(root, request));
}
