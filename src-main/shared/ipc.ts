/**
 * The IPC contract: one map of request channels, one map of events from main to the renderer,
 * and the result envelope. Both transports speak it: Electron IPC (preload) and the browser
 * mode WebSocket (core/server).
 *
 * Pure TypeScript (zod allowed): no Node, no Electron. Grows by addition only: never rename a
 * channel, an event, a field or an error code.
 */
import { z } from 'zod';

/** What `app.info` answers: enough for the status bar and for tests to know the transport. */
export interface AppInfo {
  name: string;
  version: string;
  mode: 'desktop' | 'browser';
}

/**
 * A channel: the request schema (every argument is validated with it at the boundary) and a
 * type-only marker for the response, which the trusted side produces.
 */
export interface ChannelSpec<Req extends z.ZodType, Res> {
  readonly request: Req;
  readonly response?: (value: Res) => void;
}

/** Declares a channel; call as `channel<ResponseType>()(requestSchema)`. */
function channel<Res>() {
  return <Req extends z.ZodType>(request: Req): ChannelSpec<Req, Res> => ({ request });
}

/** Channels with no arguments take `undefined` (the field is simply left out on the wire). */
const noArgs = z.undefined();

/** Every request channel. Add new ones here; the handlers map type follows. */
export const channels = {
  'app.info': channel<AppInfo>()(noArgs),
};

export type Channel = keyof typeof channels;
/** The arguments a caller passes (before validation). */
export type RequestOf<C extends Channel> = z.input<(typeof channels)[C]['request']>;
/** The arguments a handler receives (after validation). */
export type ValidArgsOf<C extends Channel> = z.output<(typeof channels)[C]['request']>;
export type ResponseOf<C extends Channel> =
  (typeof channels)[C] extends ChannelSpec<z.ZodType, infer R> ? R : never;

/** Events from main to the renderer. An event means "this changed": the renderer refetches. */
export interface EventMap {
  /** A plain-language message for the status bar. */
  'app.notice': { level: 'info' | 'warning' | 'error'; message: string };
}
export type EventName = keyof EventMap;

/** Error codes that cross the boundary. Handlers may add domain codes (strings). */
export type ErrorCode =
  'bad-request' | 'unknown-channel' | 'invalid-args' | 'internal' | 'unavailable' | (string & {});

export interface IpcError {
  code: ErrorCode;
  message: string;
}

/** Errors are values, not thrown strings: every reply is one of these. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** The arguments of `invoke(channel, ...)`: optional when the channel takes none. */
export type InvokeArgs<C extends Channel> =
  undefined extends RequestOf<C> ? [args?: RequestOf<C>] : [args: RequestOf<C>];

/**
 * What the renderer sees as `window.courier` (desktop: the preload; browser mode: the same
 * shape over the WebSocket). Replies are result envelopes: nothing is thrown across.
 */
export interface CourierApi {
  invoke<C extends Channel>(channel: C, ...args: InvokeArgs<C>): Promise<Result<ResponseOf<C>>>;
  /** Subscribes to one event; returns the function that unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}

/** Is `name` one of the request channels? */
export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

/** The Electron IPC names the preload and the main process use. */
export const IPC_INVOKE = 'courier:invoke';
export const IPC_EVENT = 'courier:event';

/** WebSocket frames (browser mode). The client numbers its requests. */
export const wireRequestSchema = z.object({
  id: z.number().int().nonnegative(),
  channel: z.string().min(1).max(200),
  args: z.unknown().optional(),
});
export type WireRequest = z.infer<typeof wireRequestSchema>;
/** `id` is null only when the request could not be read at all. */
export type WireReply = { id: number | null } & Result<unknown>;
export interface WireEvent<E extends EventName = EventName> {
  event: E;
  payload: EventMap[E];
}

/** Turns zod issues into one plain sentence: which argument, what is wrong. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join('.') : 'arguments';
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}
