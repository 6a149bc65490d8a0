/**
 * A fake main for component tests: answers channels from handlers the test sets, records the
 * calls, and lets the test emit events. Stands in for src-renderer/services/api.
 */
import type {
  Channel,
  EventMap,
  EventName,
  InvokeArgs,
  ResponseOf,
  Result,
} from '../../src-main/shared/ipc';

type AnyHandler = (args: unknown) => unknown;

const handlers = new Map<string, AnyHandler>();
const listeners = new Map<string, Set<(payload: unknown) => void>>();
export const calls: { channel: string; args: unknown }[] = [];

/** Sets what a channel answers (a value, or an error with `fail`). */
export function respond<C extends Channel>(
  channel: C,
  fn: (args: never) => ResponseOf<C> | { __error: string },
): void {
  handlers.set(channel, fn as AnyHandler);
}

export function fail(message: string): { __error: string } {
  return { __error: message };
}

export function reset(): void {
  handlers.clear();
  listeners.clear();
  calls.length = 0;
}

export function emit<E extends EventName>(event: E, payload: EventMap[E]): void {
  listeners.get(event)?.forEach((l) => l(payload));
}

export function callsTo(channel: Channel): unknown[] {
  return calls.filter((c) => c.channel === channel).map((c) => c.args);
}

/** The module that replaces services/api. */
export const apiModule = {
  invoke<C extends Channel>(channel: C, ...args: InvokeArgs<C>): Promise<Result<ResponseOf<C>>> {
    calls.push({ channel, args: args[0] });
    const h = handlers.get(channel);
    if (!h)
      return Promise.resolve({
        ok: false,
        error: { code: 'unavailable', message: `${channel} not faked` },
      });
    const value = h(args[0]) as ResponseOf<C> | { __error: string };
    if (value && typeof value === 'object' && '__error' in value)
      return Promise.resolve({ ok: false, error: { code: 'test', message: value.__error } });
    return Promise.resolve({ ok: true, value: value as ResponseOf<C> });
  },
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
    const set = listeners.get(event) ?? new Set();
    set.add(listener as (p: unknown) => void);
    listeners.set(event, set);
    return () => set.delete(listener as (p: unknown) => void);
  },
  onConnection(listener: (s: 'open') => void): () => void {
    listener('open');
    return () => undefined;
  },
};
