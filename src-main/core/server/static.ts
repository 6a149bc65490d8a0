/**
 * Serves the built renderer from one folder: known content types, nothing outside the folder
 * (after resolving `..` and symlinks), and index.html for app routes (SPA fallback).
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export type Resolved =
  { kind: 'file'; file: string; size: number } | { kind: 'refused' } | { kind: 'not-found' };

/**
 * Maps a URL path to a file inside `root` (itself already a real path).
 *
 * Refuses anything that decodes to a path outside `root`, NUL bytes, and malformed escapes.
 * Paths without an extension that match no file fall back to index.html (client routes);
 * a missing file with an extension is a plain 404, so a broken asset link stays visible.
 */
export async function resolveStatic(root: string, urlPath: string): Promise<Resolved> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'refused' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'refused' };
  const candidate = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  // Normalizing against "/" already drops leading "..", but check the raw segments too:
  // a request that tries to climb out is refused rather than quietly served something else.
  if (decoded.split('/').includes('..') || !inside(root, candidate)) return { kind: 'refused' };

  const found = await fileAt(root, candidate === root ? path.join(root, 'index.html') : candidate);
  if (found) return found;
  if (path.extname(decoded) === '') {
    return (await fileAt(root, path.join(root, 'index.html'))) ?? { kind: 'not-found' };
  }
  return { kind: 'not-found' };
}

async function fileAt(root: string, file: string): Promise<Resolved | undefined> {
  try {
    const real = await realpath(file);
    if (!inside(root, real)) return { kind: 'refused' };
    const info = await stat(real);
    if (!info.isFile()) return undefined;
    return { kind: 'file', file: real, size: info.size };
  } catch {
    return undefined;
  }
}

function inside(root: string, p: string): boolean {
  return p === root || p.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/** Streams a resolved file with its content type; HEAD gets the headers only. */
export function sendFile(res: ServerResponse, file: string, size: number, headOnly: boolean): void {
  const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  res.statusCode = 200;
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', size);
  // Vite puts content-hashed names under assets/, which never change; everything else
  // (index.html names those hashes) must be revalidated.
  const hashed = file.includes(`${path.sep}assets${path.sep}`);
  res.setHeader('Cache-Control', hashed ? 'private, max-age=31536000, immutable' : 'no-cache');
  if (headOnly) {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
