import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startServer, type RunningServer } from '../../../src-main/core/server';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request: the path is sent exactly as given (no `..` clean-up by a client). */
function get(
  port: number,
  rawPath: string,
  headers: Record<string, string> = {},
  method = 'GET',
  body?: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Opens a WebSocket; resolves with the socket, or with the HTTP status that refused it. */
function openSocket(
  url: string,
  opts: { origin?: string; cookie?: string },
): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (opts.cookie) headers.Cookie = opts.cookie;
    const ws = new WebSocket(url, { headers, ...(opts.origin ? { origin: opts.origin } : {}) });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) =>
    ws.once('message', (data) => resolve(JSON.parse(String(data)) as Record<string, unknown>)),
  );
}

async function call(ws: WebSocket, frame: unknown): Promise<Record<string, unknown>> {
  const reply = nextMessage(ws);
  ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  return reply;
}

describe('browser-mode server', () => {
  let dir: string;
  let server: RunningServer;
  let origin: string;
  let cookie: string;
  let traded: Reply;
  const sockets: WebSocket[] = [];

  async function authedSocket(): Promise<WebSocket> {
    const ws = await openSocket(`ws://127.0.0.1:${server.port}/ws`, { origin, cookie });
    if (typeof ws === 'number') throw new Error(`refused with ${ws}`);
    sockets.push(ws);
    return ws;
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'courier-server-'));
    const root = path.join(dir, 'renderer');
    await mkdir(path.join(root, 'assets'), { recursive: true });
    await writeFile(
      path.join(root, 'index.html'),
      '<!doctype html><title>Courier</title><div id="root"></div>',
    );
    await writeFile(path.join(root, 'assets', 'app.js'), 'console.log("app")');
    await writeFile(path.join(root, 'assets', 'app.css'), 'body{}');
    await writeFile(path.join(dir, 'secret.txt'), 'SECRET');
    server = await startServer({
      port: 0,
      rendererDir: root,
      version: '9.9.9',
      handlers: {},
    });
    origin = `http://127.0.0.1:${server.port}`;
    // The link's first visit: the token traded for this test's session.
    traded = await get(server.port, `/?token=${server.token}`);
    cookie = (traded.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
  });

  afterAll(async () => {
    for (const ws of sockets) ws.terminate();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only, with a long random token in the URL', async () => {
    const url = new URL(server.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.pathname).toBe('/');
    expect(url.searchParams.get('token')).toBe(server.token);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{32}$/);

    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i !== undefined && !i.internal && i.family === 'IPv4')
      .map((i) => i!.address);
    for (const host of [...others, '::1']) {
      const refused = await new Promise<boolean>((resolve) => {
        const sock = connect({ host, port: server.port });
        sock.once('connect', () => {
          sock.destroy();
          resolve(false);
        });
        sock.once('error', () => resolve(true));
      });
      expect(refused, `reachable on ${host}`).toBe(true);
    }
  });

  it('answers 401 in plain text without the token or cookie, and sends no CORS headers', async () => {
    for (const p of ['/', '/index.html', '/assets/app.js', '/history']) {
      const res = await get(server.port, p);
      expect(res.status, p).toBe(401);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.body).toMatch(/courier serve/);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
    expect((await get(server.port, '/?token=wrong')).status).toBe(401);
    expect((await get(server.port, '/', { Cookie: 'courier_session=wrong' })).status).toBe(401);
  });

  it('trades the token once for a session of its own in an HttpOnly SameSite=Strict cookie', async () => {
    const res = traded;
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/');
    const setCookie = res.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(/^courier_session=[A-Za-z0-9_-]{32};/);
    // The cookie is not the token: the token never works again, the session does.
    expect(setCookie).not.toContain(server.token);
    const again = await get(server.port, `/?token=${server.token}`);
    expect(again.status).toBe(401);
    expect(again.body).toMatch(/already used/);
    expect(
      (await get(server.port, '/', { Cookie: `courier_session=${server.token}` })).status,
    ).toBe(401);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves pages and assets with the cookie, with content types and an SPA fallback', async () => {
    const page = await get(server.port, '/', { Cookie: cookie });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.body).toContain('<div id="root">');

    const js = await get(server.port, '/assets/app.js', { Cookie: `other=1; ${cookie}` });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect(
      (await get(server.port, '/assets/app.css', { Cookie: cookie })).headers['content-type'],
    ).toMatch(/^text\/css/);

    const route = await get(server.port, '/history', { Cookie: cookie });
    expect(route.status).toBe(200);
    expect(route.body).toContain('<div id="root">');
    expect((await get(server.port, '/assets/missing.js', { Cookie: cookie })).status).toBe(404);
    expect((await get(server.port, '/', { Cookie: cookie }, 'POST')).status).toBe(405);
  });

  it('refuses paths that climb out of the renderer folder', async () => {
    for (const p of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%00',
      '/%E0%A4%A',
    ]) {
      const res = await get(server.port, p, { Cookie: cookie });
      expect(res.status, p).toBe(403);
      expect(res.body).not.toContain('SECRET');
    }
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const res = await get(server.port, '/', {
      Cookie: cookie,
      Host: `evil.example:${server.port}`,
    });
    expect(res.status).toBe(403);
  });

  it('rejects WebSocket upgrades from another Origin, without Origin, or without the token', async () => {
    const url = `ws://127.0.0.1:${server.port}/ws`;
    expect(await openSocket(url, { origin: 'http://evil.example', cookie })).toBe(403);
    expect(await openSocket(url, { origin: `http://127.0.0.1:${server.port + 1}`, cookie })).toBe(
      403,
    );
    expect(await openSocket(url, { cookie })).toBe(403);
    expect(await openSocket(url, { origin })).toBe(401);
    expect(await openSocket(`ws://127.0.0.1:${server.port}/elsewhere`, { origin, cookie })).toBe(
      404,
    );
  });

  it('answers app.info over the WebSocket', async () => {
    const ws = await authedSocket();
    const reply = await call(ws, { id: 1, channel: 'app.info' });
    expect(reply).toEqual({
      id: 1,
      ok: true,
      value: { name: 'Courier', version: '9.9.9', mode: 'browser' },
    });
  });

  it('refuses the token in the WebSocket URL: only the session opens one', async () => {
    const ws = await openSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`, {
      origin,
    });
    expect(ws).toBe(401);
  });

  it('answers invalid arguments, unknown channels and unreadable frames with the error envelope', async () => {
    const ws = await authedSocket();
    const invalid = await call(ws, { id: 2, channel: 'app.info', args: { verbose: true } });
    expect(invalid).toMatchObject({ id: 2, ok: false, error: { code: 'invalid-args' } });
    expect((invalid.error as { message: string }).message).toMatch(/app\.info/);

    expect(await call(ws, { id: 3, channel: 'no.such' })).toMatchObject({
      id: 3,
      ok: false,
      error: { code: 'unknown-channel' },
    });
    expect(await call(ws, 'not json')).toMatchObject({
      id: null,
      ok: false,
      error: { code: 'bad-request' },
    });
    expect(await call(ws, { id: 4 })).toMatchObject({
      id: 4,
      ok: false,
      error: { code: 'bad-request' },
    });
  });

  it('pushes events to connected windows', async () => {
    const ws = await authedSocket();
    const message = nextMessage(ws);
    server.emit('app.notice', { level: 'info', message: 'hello' });
    expect(await message).toEqual({
      event: 'app.notice',
      payload: { level: 'info', message: 'hello' },
    });
  });

  it('serves POST /api/invoke only to its own Origin with the token', async () => {
    const body = JSON.stringify({ channel: 'app.info' });
    const json = { 'Content-Type': 'application/json' };
    expect(
      (await get(server.port, '/api/invoke', { ...json, Cookie: cookie }, 'POST', body)).status,
    ).toBe(403);
    expect(
      (
        await get(
          server.port,
          '/api/invoke',
          { ...json, Cookie: cookie, Origin: 'http://evil.example' },
          'POST',
          body,
        )
      ).status,
    ).toBe(403);
    expect(
      (await get(server.port, '/api/invoke', { ...json, Origin: origin }, 'POST', body)).status,
    ).toBe(401);
    const ok = await get(
      server.port,
      '/api/invoke',
      { ...json, Cookie: cookie, Origin: origin },
      'POST',
      body,
    );
    expect(ok.status).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBeUndefined();
    expect(JSON.parse(ok.body)).toEqual({
      ok: true,
      value: { name: 'Courier', version: '9.9.9', mode: 'browser' },
    });
  });
});

describe('handlers', () => {
  it('lets the caller replace a handler and turns thrown errors into the envelope', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'courier-server-'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html>');
    const server = await startServer({
      rendererDir: dir,
      version: '1.0.0',
      token: 'fixed-token',
      handlers: {
        'app.info': () => {
          throw Object.assign(new Error('The ledger is locked.'), { code: 'ledger-locked' });
        },
      },
    });
    try {
      expect(server.token).toBe('fixed-token');
      const traded = await get(server.port, '/?token=fixed-token');
      const ws = await openSocket(`ws://127.0.0.1:${server.port}/ws`, {
        origin: `http://127.0.0.1:${server.port}`,
        cookie: (traded.headers['set-cookie']?.[0] ?? '').split(';')[0]!,
      });
      if (typeof ws === 'number') throw new Error(`refused with ${ws}`);
      expect(await call(ws, { id: 7, channel: 'app.info' })).toEqual({
        id: 7,
        ok: false,
        error: { code: 'ledger-locked', message: 'The ledger is locked.' },
      });
      ws.terminate();
    } finally {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('explains a missing renderer folder', async () => {
    await expect(
      startServer({ rendererDir: '/nonexistent/renderer', version: '1' }),
    ).rejects.toThrow(/electron-vite build/);
  });
});
