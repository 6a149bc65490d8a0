/**
 * One dispatcher for both transports (Electron IPC and the browser-mode WebSocket): look up
 * the channel, validate the arguments with the contract's zod schema, run the handler, and
 * wrap whatever happens in the result envelope.
 */
import {
  channels,
  describeIssues,
  isChannel,
  type AppInfo,
  type Channel,
  type IpcError,
  type ResponseOf,
  type Result,
  type ValidArgsOf,
} from '../../shared/ipc';

/** A handler gets validated arguments; it may return or throw (a `code` on the error crosses). */
export type Handler<C extends Channel> = (
  args: ValidArgsOf<C>,
) => ResponseOf<C> | Promise<ResponseOf<C>>;

export type Handlers = { [C in Channel]: Handler<C> };
/** A transport may answer only some channels; the others reply `unavailable`. */
export type SomeHandlers = Partial<Handlers>;

/**
 * Runs one request through the contract.
 *
 * Never throws: unknown channels, invalid arguments and handler failures all come back as
 * `{ ok: false, error }`, without stack traces (the window shows messages, not internals).
 */
export async function dispatch(
  handlers: SomeHandlers,
  channelName: string,
  args: unknown,
): Promise<Result<unknown>> {
  if (!isChannel(channelName)) {
    return fail('unknown-channel', `There is no channel named "${channelName}".`);
  }
  const parsed = channels[channelName].request.safeParse(args);
  if (!parsed.success) {
    return fail(
      'invalid-args',
      `Invalid arguments for ${channelName}: ${describeIssues(parsed.error)}`,
    );
  }
  try {
    // The map type guarantees the handler matches its channel; TypeScript cannot see it through
    // the union of channel names, hence the widening cast.
    const handler = handlers[channelName] as ((a: unknown) => unknown) | undefined;
    // A transport may be wired before every core function is (browser mode, early builds).
    if (!handler) return fail('unavailable', `${channelName} is not available in this mode yet.`);
    const value = toWire(await handler(parsed.data));
    return { ok: true, value };
  } catch (err) {
    return { ok: false, error: toIpcError(err) };
  }
}

/** Converts anything thrown into the envelope's error, keeping a string `code` if present. */
export function toIpcError(err: unknown): IpcError {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return { code: typeof code === 'string' ? code : 'internal', message: err.message };
  }
  return { code: 'internal', message: String(err) };
}

/**
 * Makes a reply safe for JSON on both transports: bigint becomes a number (or a string when
 * it would lose precision), Date an ISO string. Structured clone (Electron IPC) and JSON
 * (WebSocket) then carry the same values.
 */
export function toWire(value: unknown): unknown {
  if (typeof value === 'bigint')
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map(toWire);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toWire(v);
    return out;
  }
  return value;
}

function fail(code: string, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/** The default handlers every transport starts from; the caller overrides or adds to them. */
export function baseHandlers(info: AppInfo): Pick<Handlers, 'app.info'> {
  return {
    'app.info': () => ({ ...info }),
  };
}
