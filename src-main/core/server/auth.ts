/**
 * Who may talk to the browser-mode server: the holder of the token (in the URL once, then in
 * an HttpOnly cookie), from a page whose Origin is the server's own.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const COOKIE_NAME = 'courier_token';

/** A fresh random token: 24 bytes, base64url. */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Compares in constant time; hashing first makes the lengths equal. */
export function tokenMatches(candidate: string | undefined | null, token: string): boolean {
  if (!candidate) return false;
  const a = createHash('sha256').update(candidate).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

/** Reads one cookie from the Cookie header (no library: the format is simple and we need one name). */
export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The Set-Cookie value that lets the browser come back without the token in the URL. */
export function sessionCookie(token: string): string {
  return `${COOKIE_NAME}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** True when the request carries the token as a cookie or as `?token=`. */
export function isAuthorized(req: IncomingMessage, url: URL, token: string): boolean {
  return (
    tokenMatches(readCookie(req, COOKIE_NAME), token) ||
    tokenMatches(url.searchParams.get('token'), token)
  );
}

/**
 * The origins this server answers as: the loopback address it listens on, and `localhost`
 * (which browsers resolve to it). Anything else in Host means DNS rebinding or a proxy.
 */
export function ownOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

/** Is the Host header one of ours? */
export function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host;
  return host !== undefined && ownOrigins(port).includes(`http://${host.toLowerCase()}`);
}

/** Is the Origin header present and equal to the origin the request was sent to? */
export function originAllowed(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  const host = req.headers.host;
  if (!origin || !host) return false;
  return (
    origin.toLowerCase() === `http://${host.toLowerCase()}` &&
    ownOrigins(port).includes(origin.toLowerCase())
  );
}
