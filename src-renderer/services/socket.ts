/**
 * Browser mode's transport: the IPC contract over the server's /ws WebSocket. Requests are
 * numbered; replies come back as result envelopes; a lost connection fails the calls in flight
 * and reconnects with a growing delay.
 */
import type { CourierApi, EventMap, EventName, Result, WireReply } from '../../src-main/shared/ipc';
import { t } from '../i18n/i18n';

export type ConnectionState = 'connecting' | 'open' | 'lost';

export interface SocketApi extends CourierApi {
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

const RETRY_MS = [500, 1000, 2000, 5000, 10000];

/** Opens (and keeps open) the WebSocket at `url`. */
export function createSocketApi(url: string): SocketApi {
  let ws: WebSocket | null = null;
  let nextId = 1;
  let failures = 0;
  const pending = new Map<number, (reply: Result<unknown>) => void>();
  const outbox: string[] = [];
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  const stateListeners = new Set<(state: ConnectionState) => void>();

  const setState = (state: ConnectionState) => stateListeners.forEach((l) => l(state));

  function connect(): void {
    setState('connecting');
    const socket = new WebSocket(url);
    ws = socket;
    socket.onopen = () => {
      failures = 0;
      setState('open');
      for (const text of outbox.splice(0)) socket.send(text);
    };
    socket.onmessage = (message) => receive(String(message.data));
    socket.onclose = () => {
      ws = null;
      const lost: Result<never> = {
        ok: false,
        error: { code: 'unavailable', message: t('notices.connectionLost') },
      };
      for (const resolve of pending.values()) resolve(lost);
      pending.clear();
      setState('lost');
      const delay = RETRY_MS[Math.min(failures, RETRY_MS.length - 1)] ?? 10000;
      failures += 1;
      setTimeout(connect, delay);
    };
  }

  function receive(text: string): void {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null) return;
    if ('event' in frame) {
      const { event, payload } = frame as { event: string; payload: unknown };
      eventListeners.get(event)?.forEach((l) => l(payload));
      return;
    }
    const reply = frame as WireReply;
    if (reply.id === null) return;
    const resolve = pending.get(reply.id);
    pending.delete(reply.id);
    resolve?.(reply.ok ? { ok: true, value: reply.value } : { ok: false, error: reply.error });
  }

  connect();

  return {
    invoke(channel, ...args) {
      const id = nextId++;
      const text = JSON.stringify({ id, channel, args: args[0] });
      return new Promise((resolve) => {
        pending.set(id, resolve as (reply: Result<unknown>) => void);
        if (ws?.readyState === WebSocket.OPEN) ws.send(text);
        else outbox.push(text);
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) {
      const set = eventListeners.get(event) ?? new Set();
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      eventListeners.set(event, set);
      return () => {
        set.delete(wrapped);
      };
    },
    onConnection(listener) {
      stateListeners.add(listener);
      return () => {
        stateListeners.delete(listener);
      };
    },
  };
}
