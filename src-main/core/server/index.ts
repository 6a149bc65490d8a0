/**
 * Browser mode: the renderer served over HTTP and the IPC contract over a WebSocket, on
 * 127.0.0.1 only, behind a random token. Plain Node: no Electron.
 */
import { realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventMap, EventName } from '../../shared/ipc';
import { handleApi } from './api';
import { Access, hostAllowed, newToken, sessionCookie } from './auth';
import { baseHandlers, type SomeHandlers } from '../contract/dispatch';
import { securityHeaders, sendText } from './responses';
import { Downloads } from './downloads';
import { createSocketHub } from './socket';
import type { UploadSink } from './uploads';
import { resolveStatic, sendFile } from './static';

export type { Handler, Handlers } from '../contract/dispatch';
export { CourierError } from '../errors';
export type { SomeHandlers } from '../contract/dispatch';
export type { UploadSink } from './uploads';

export interface ServerOptions {
  /** 0 or absent: a free port chosen by the system. */
  port?: number;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  version: string;
  /** A fixed token (tests); by default a fresh random one. */
  token?: string;
  /** Handlers to add or override; `app.info` is built in. */
  handlers?: SomeHandlers;
  /** Where files dropped in the browser go (`POST /api/upload`); absent: refused. */
  uploads?: UploadSink;
}

export interface RunningServer {
  /** The link to open: it carries the token. */
  url: string;
  port: number;
  token: string;
  /** Pushes an event to every connected window. */
  emit<E extends EventName>(event: E, payload: EventMap[E]): void;
  /** Offers a file for download for ten minutes; returns its link (the file is removed after). */
  offerDownload(path: string, fileName: string, remove: () => Promise<void>): string;
  close(): Promise<void>;
}

/**
 * Starts the browser-mode server on 127.0.0.1.
 *
 * The printed URL carries `?token=`; the first visit trades it, once, for a random session id
 * in an HttpOnly, SameSite=Strict cookie and a redirect, so the token leaves the address bar
 * and cannot be used again. Every page, asset, API call and WebSocket needs the session cookie
 * (else 401); API calls and WebSockets also need the server's own Origin (else 403).
 */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const token = opts.token ?? newToken();
  const rendererDir = await realpath(opts.rendererDir).catch(() => {
    throw new Error(
      `The renderer folder ${opts.rendererDir} does not exist: run "npx electron-vite build" first.`,
    );
  });
  const handlers: SomeHandlers = {
    ...baseHandlers({ name: 'Courier', version: opts.version, mode: 'browser' }),
    ...opts.handlers,
  };

  let port = 0;
  const downloads = new Downloads();
  const access = new Access(token);
  const hub = createSocketHub({ port: () => port, access, handlers });
  const server = createServer((req, res) => {
    handleRequest(req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'Courier could not answer this request.');
      else res.destroy();
    });
  });
  server.on('upgrade', (req, socket, head) => hub.upgrade(req, socket, head));

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    securityHeaders(res, port);
    if (!hostAllowed(req, port)) return sendText(res, 403, 'Courier answers only on 127.0.0.1.');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      return handleApi(req, res, url, { port, access, handlers, uploads: opts.uploads });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendText(res, 405, 'Only GET and HEAD are served here.');
    }
    const offered = url.searchParams.get('token');
    if (offered !== null) {
      const traded = access.exchange(offered);
      if ('refused' in traded)
        return sendText(
          res,
          401,
          traded.refused === 'spent' ? spentLinkMessage : unauthorizedMessage,
        );
      // A session of its own for this browser, and the token out of the address bar.
      url.searchParams.delete('token');
      res.statusCode = 302;
      res.setHeader('Set-Cookie', sessionCookie(traded.session));
      res.setHeader('Location', url.pathname + url.search);
      res.end();
      return;
    }
    if (!access.allows(req)) return sendText(res, 401, unauthorizedMessage);
    const download = /^\/download\/([A-Za-z0-9_-]{16,64})$/.exec(url.pathname);
    if (download?.[1]) return downloads.serve(download[1], res);
    // The raw path, not url.pathname: URL parsing silently folds "/../x" into "/x", and a
    // request that tries to climb out should be refused, not quietly answered.
    const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
    const found = await resolveStatic(rendererDir, rawPath);
    if (found.kind === 'refused') return sendText(res, 403, 'That path is outside the app.');
    if (found.kind === 'not-found') return sendText(res, 404, 'Not found.');
    sendFile(res, found.file, found.size, req.method === 'HEAD');
  }

  port = await listen(server, opts.port ?? 0);
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    emit: (event, payload) => hub.emit(event, payload),
    offerDownload: (path, fileName, remove) => downloads.offer(path, fileName, remove),
    async close() {
      await hub.close();
      await downloads.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

const unauthorizedMessage =
  'Courier needs the full link printed by "courier serve" (it carries the access token). Open that link in this browser.';

const spentLinkMessage =
  'This link was already used: Courier\'s link works once, in the browser that opened it first. Go back to that browser tab, or stop "courier serve" and start it again for a new link.';

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(
              `Port ${port} is already in use on 127.0.0.1: choose another with --port, or 0 for any.`,
            )
          : err,
      );
    };
    server.once('error', onError);
    // Loopback only: browser mode must never be reachable from the network.
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
