/**
 * Response helpers shared by the static, API and error paths of the browser-mode server.
 */
import type { ServerResponse } from 'node:http';
import { contentSecurityPolicy } from '../../shared/csp';

/**
 * Headers on every answer: the renderer's CSP (shared/csp.ts) with the WebSocket origins and
 * frame-ancestors added. No CORS headers: other origins get nothing.
 */
export function securityHeaders(res: ServerResponse, port: number): void {
  const ws = `ws://127.0.0.1:${port} ws://localhost:${port}`;
  res.setHeader(
    'Content-Security-Policy',
    contentSecurityPolicy({ connect: [ws], frameAncestors: true }),
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  // The first URL carries the token: never leak it in a Referer.
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

/** A plain-text answer (errors are read by people, sometimes in a terminal). */
export function sendText(res: ServerResponse, status: number, message: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(message + '\n');
}

/** A JSON answer. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
