/**
 * The browser-mode WebSocket at /ws: the same contract as Electron IPC. The client sends
 * `{id, channel, args}`, the server answers `{id, ok, value | error}` and pushes `{event, payload}`.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { wireRequestSchema, type EventMap, type EventName, type WireReply } from '../../shared/ipc';
import type { Access } from './auth';
import { hostAllowed, originAllowed } from './auth';
import { dispatch, type SomeHandlers } from '../contract/dispatch';

/** Frames are small JSON requests; a megabyte leaves room without inviting abuse. */
const MAX_FRAME_BYTES = 1024 * 1024;

export interface SocketHub {
  /** Handles an HTTP upgrade: checks path, Host, Origin and session before accepting. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Sends an event to every connected window. */
  emit<E extends EventName>(event: E, payload: EventMap[E]): void;
  /** Drops every connection. */
  close(): Promise<void>;
}

/** Creates the WebSocket side of the server. */
export function createSocketHub(opts: {
  port: () => number;
  access: Access;
  handlers: SomeHandlers;
}): SocketHub {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  wss.on('connection', (ws) => {
    ws.on('message', (data, isBinary) => {
      void answer(ws, isBinary ? null : data.toString());
    });
  });

  async function answer(ws: WebSocket, text: string | null): Promise<void> {
    let raw: unknown;
    try {
      raw = text === null ? undefined : JSON.parse(text);
    } catch {
      raw = undefined;
    }
    const frame = wireRequestSchema.safeParse(raw);
    let reply: WireReply;
    if (!frame.success) {
      reply = {
        id: idOf(raw),
        ok: false,
        error: { code: 'bad-request', message: 'Expected a JSON text frame {id, channel, args}.' },
      };
    } else {
      reply = {
        id: frame.data.id,
        ...(await dispatch(opts.handlers, frame.data.channel, frame.data.args)),
      };
    }
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(reply));
  }

  return {
    upgrade(req, socket, head) {
      const port = opts.port();
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      if (url.pathname !== '/ws') return refuse(socket, 404, 'Not found.');
      if (!hostAllowed(req, port) || !originAllowed(req, port)) {
        return refuse(socket, 403, 'This connection must come from the Courier page itself.');
      }
      if (!opts.access.allows(req)) {
        return refuse(
          socket,
          401,
          'Open the full link printed by "courier serve" in this browser: it starts the session.',
        );
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    emit(event, payload) {
      const text = JSON.stringify({ event, payload });
      for (const client of wss.clients) {
        if (client.readyState === WebSocket.OPEN) client.send(text);
      }
    },
    close() {
      for (const client of wss.clients) client.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}

/** Echoes the request id back when one can be read, so the client can fail the right call. */
function idOf(raw: unknown): number | null {
  if (typeof raw === 'object' && raw !== null && 'id' in raw) {
    const id = (raw as { id: unknown }).id;
    if (typeof id === 'number' && Number.isInteger(id) && id >= 0) return id;
  }
  return null;
}

/** Answers a refused upgrade with a plain HTTP response; no CORS headers, ever. */
function refuse(socket: Duplex, status: 401 | 403 | 404, message: string): void {
  const reason = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[status];
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(message)}\r\nConnection: close\r\n\r\n${message}`,
  );
}
