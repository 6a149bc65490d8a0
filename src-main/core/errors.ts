/**
 * The core's one error type: a code a program can act on, and a message a coordinator can
 * read (plain words: what happened, where, what to do; never a stack trace or a cell value).
 *
 * Every front end translates it at its own edge: the IPC/WebSocket dispatcher puts `code` and
 * `message` in its error envelope, the command line turns the code into an exit code
 * (see {@link exitKind}). Subclasses (a push failure, a definitions error) add data, not kinds.
 */
export class CourierError extends Error {
  constructor(
    readonly code: string,
    message: string,
    opts: { cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'CourierError';
  }
}

/** Codes with a meaning shared by several front ends. */
export const CODES = {
  /** The caller asked for something that cannot be (a bad argument, an unknown table). */
  usage: 'usage',
  invalidArgs: 'invalid-args',
  notFound: 'not-found',
  /** Several things match what the caller named (an id prefix). */
  ambiguous: 'ambiguous',
  /** The request does not fit the current state (override a job that is not blocked). */
  conflict: 'conflict',
  cancelled: 'cancelled',
  unavailable: 'unavailable',
  internal: 'internal',
} as const;

/** How the command line ends for an error: Contract 5's exit-code groups. */
export type ExitKind = 'usage' | 'data' | 'push';

const USAGE_CODES: ReadonlySet<string> = new Set([
  CODES.usage,
  CODES.invalidArgs,
  CODES.notFound,
  CODES.ambiguous,
  CODES.conflict,
  'not-a-file',
  'unreadable',
  'definitions',
]);

/** Push failures (the push/ folder's codes): exit 3, the jobs stay queued. */
const PUSH_CODES: ReadonlySet<string> = new Set([
  'unreachable',
  'not-a-share',
  'busy',
  'verify-failed',
  'io',
  'full',
  'unsupported',
]);

/** The exit-code group of an error: usage problems 2, push problems 3, anything else 2. */
export function exitKind(e: unknown): ExitKind {
  const code = e instanceof CourierError ? e.code : null;
  if (code && PUSH_CODES.has(code)) return 'push';
  if (code && USAGE_CODES.has(code)) return 'usage';
  return 'usage';
}

/** The code of anything thrown: a CourierError's own, else `internal`. */
export function codeOf(e: unknown): string {
  if (e instanceof CourierError) return e.code;
  return CODES.internal;
}

/** Whether `e` is a Node system error with this errno code (`ENOENT`, …). */
export function isErrno(e: unknown, ...codes: string[]): e is NodeJS.ErrnoException {
  if (e instanceof CourierError) return false;
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && codes.includes(code);
}

/** Errno codes (or DuckDB's words for them) that mean the disk, not the data, is the problem. */
const FS_PROBLEMS: readonly {
  codes: readonly string[];
  words: RegExp;
  code: string;
  say: (what: string, where: string) => string;
}[] = [
  {
    codes: ['ENOSPC', 'EDQUOT'],
    words: /no space left on device|disk quota exceeded/i,
    code: 'disk-full',
    say: (what, where) =>
      `Courier could not ${what}: the disk holding ${where} is full. Free some space, then try again.`,
  },
  {
    codes: ['EROFS'],
    words: /read-only file system/i,
    code: 'read-only',
    say: (what, where) =>
      `Courier could not ${what}: ${where} is on a read-only disk. Set COURIER_HOME (or --home) to a folder Courier may write to.`,
  },
  {
    codes: ['EACCES', 'EPERM'],
    words: /permission denied/i,
    code: 'permission',
    say: (what, where) =>
      `Courier could not ${what}: it may not write in ${where}. Give your account write access to it, or set COURIER_HOME (or --home) to a folder of your own.`,
  },
];

/**
 * A file-system failure (a Node errno, or a DuckDB I/O message) in plain words, with a code of
 * its own: `disk-full`, `read-only`, `permission`. Anything else is returned as it is.
 * @param what completes "Courier could not …" (`record the job`, `convert lab.csv`).
 * @param where the folder concerned, as the coordinator knows it.
 */
export function plainFsError(e: unknown, what: string, where: string): unknown {
  if (e instanceof CourierError && FS_PROBLEMS.some((p) => p.code === e.code)) return e;
  const errno = (e as { code?: unknown } | null)?.code;
  const message = e instanceof Error ? e.message : String(e);
  for (const p of FS_PROBLEMS) {
    if ((typeof errno === 'string' && p.codes.includes(errno)) || p.words.test(message))
      return new CourierError(p.code, p.say(what, where), { cause: e });
  }
  return e;
}
