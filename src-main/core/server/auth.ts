/**
 * Who may talk to the browser-mode server: the browser that opened the printed link. The
 * link's token is traded once, on the first visit, for a separate random session id held in an
 * HttpOnly cookie; after that the token is spent (a link copied from a terminal or a history
 * cannot be used again) and only the session cookie is accepted, from a page whose Origin is
 * the server's own.
 *
 * Cookies are not isolated by port: any page served from 127.0.0.1 on another port receives
 * this cookie too. SameSite=Strict keeps other sites from sending it, the Origin check refuses
 * API and WebSocket calls from other ports, and the cookie is HttpOnly, so a page on another
 * local port can neither read it nor use it against Courier.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const COOKIE_NAME = 'courier_session';

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
export function sessionCookie(session: string): string {
  return `${COOKIE_NAME}=${session}; HttpOnly; SameSite=Strict; Path=/`;
}

/** The one-time token and the sessions it was traded for. */
export class Access {
  private spent = false;
  private readonly sessions: string[] = [];

  constructor(private readonly token: string) {}

  /**
   * Trades the token for a new session id, once. `wrong`: not the token; `spent`: the token
   * was traded already (the link works once).
   */
  exchange(candidate: string): { session: string } | { refused: 'wrong' | 'spent' } {
    if (!tokenMatches(candidate, this.token)) return { refused: 'wrong' };
    if (this.spent) return { refused: 'spent' };
    this.spent = true;
    const session = newToken();
    this.sessions.push(session);
    return { session };
  }

  /** Whether the request carries a session cookie this server gave out. */
  allows(req: IncomingMessage): boolean {
    const cookie = readCookie(req, COOKIE_NAME);
    // Every session compared in constant time, whichever matches.
    let ok = false;
    for (const s of this.sessions) ok = tokenMatches(cookie, s) || ok;
    return ok;
  }
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
