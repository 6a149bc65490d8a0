/**
 * The only code that touches `window.courier`. In the desktop app the preload provides it;
 * in browser mode the same contract runs over the server's WebSocket.
 */
import type { Channel, InvokeArgs, ResponseOf, Result } from '../../src-main/shared/ipc';
import type { CourierApi, EventMap, EventName } from '../../src-main/shared/ipc';
import { createSocketApi, type ConnectionState, type SocketApi } from './socket';

export type { ConnectionState } from './socket';

let transport: CourierApi | undefined;
let socket: SocketApi | undefined;

function current(): CourierApi {
  if (transport) return transport;
  if (window.courier) {
    transport = window.courier;
  } else {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    // The cookie set by the token link travels with the upgrade (same origin).
    socket = createSocketApi(`${scheme}//${location.host}/ws`);
    transport = socket;
  }
  return transport;
}

/** Calls a channel; the answer is a result envelope, never an exception from the other side. */
export function invoke<C extends Channel>(
  channel: C,
  ...args: InvokeArgs<C>
): Promise<Result<ResponseOf<C>>> {
  return current()
    .invoke(channel, ...args)
    .catch((err: unknown) => ({
      ok: false as const,
      error: { code: 'unavailable', message: err instanceof Error ? err.message : String(err) },
    }));
}

/** Subscribes to an event from main; returns the unsubscribe function. */
export function on<E extends EventName>(
  event: E,
  listener: (payload: EventMap[E]) => void,
): () => void {
  return current().on(event, listener);
}

/** Follows the browser-mode connection; the desktop app is always connected. */
export function onConnection(listener: (state: ConnectionState) => void): () => void {
  current();
  if (!socket) {
    listener('open');
    return () => undefined;
  }
  return socket.onConnection(listener);
}
