import { CourierError } from '../errors';

/** Why a push did not complete; a fixed vocabulary (add codes, never rename). */
export type PushErrorCode =
  | 'unreachable'
  | 'not-a-share'
  | 'conflict'
  | 'busy'
  | 'verify-failed'
  | 'io'
  /** The NAS (or its quota) has no room for the file. */
  | 'full'
  /** The destination cannot hold Courier's files safely (no way to commit without overwriting, a path too long). */
  | 'unsupported';

/** Codes a retry queue should try again later: the cause may go away on its own. */
const RETRYABLE: ReadonlySet<PushErrorCode> = new Set(['unreachable', 'io', 'busy', 'full']);

/**
 * A push failure with a message meant for the coordinator: what happened, and what to do.
 *
 * `retryable` follows the code, except where the caller knows better (a local artifact that
 * is gone will not come back by waiting).
 */
export class PushError extends CourierError {
  declare readonly code: PushErrorCode;
  readonly retryable: boolean;

  constructor(
    code: PushErrorCode,
    message: string,
    opts: { retryable?: boolean; cause?: unknown } = {},
  ) {
    super(code, message, { cause: opts.cause });
    this.name = 'PushError';
    this.retryable = opts.retryable ?? RETRYABLE.has(code);
  }
}

/** The `code` of a Node system error (`ENOENT`...), or null. */
export function errnoOf(err: unknown): string | null {
  if (err instanceof PushError) return null; // its `code` is ours, not an errno
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = (err as { code: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return null;
}

/** Errors that mean the destination went away (unmounted, network down, folder removed). */
const GONE = new Set([
  'ENOENT',
  'ENOTDIR',
  'ESTALE',
  'ENOTCONN',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'ENETDOWN',
  'ENETUNREACH',
  'ENETRESET',
  'ECONNRESET',
  'ECONNABORTED',
  'ECONNREFUSED',
  'ETIMEDOUT',
]);

/**
 * Turns a file-system error met on the destination into a PushError.
 *
 * `doing` completes "Courier could not ..." (e.g. `write /nas/x/.a.partial`).
 */
export function destinationError(err: unknown, doing: string): PushError {
  if (err instanceof PushError) return err;
  const errno = errnoOf(err);
  const opts = { cause: err };
  if (errno !== null && GONE.has(errno))
    return new PushError(
      'unreachable',
      `Courier could not ${doing}: the destination is no longer reachable (${errno}). Check that the NAS is connected and its folder is mounted; Courier will try again.`,
      opts,
    );
  switch (errno) {
    case 'EACCES':
    case 'EPERM':
      return new PushError(
        'io',
        `Courier could not ${doing}: permission denied. Ask the NAS administrator for write access to this folder, or choose another destination in Settings; Courier will try again.`,
        opts,
      );
    case 'EROFS':
      return new PushError(
        'io',
        `Courier could not ${doing}: the destination is read-only. Ask the NAS administrator to make it writable, or choose another destination in Settings; Courier will try again.`,
        opts,
      );
    case 'ENOSPC':
    case 'EDQUOT':
      return fullError(doing, errno, opts);
    case 'EFBIG':
      return new PushError(
        'io',
        `Courier could not ${doing}: the file is too large for the destination's file system (EFBIG; FAT32 disks hold at most 4 GB a file). Ask the NAS administrator for a folder on another file system.`,
        { ...opts, retryable: false },
      );
    case 'EIO':
      return new PushError(
        'io',
        `Courier could not ${doing}: the NAS reported a read/write error (EIO); the disk or the connection may be failing. Courier will try again; if this goes on, tell the NAS administrator.`,
        opts,
      );
    case 'ESPIPE':
      // rclone's mounts (no write cache) write a file as one stream: once the connection
      // drops, the next write cannot continue where the stream stopped.
      return new PushError(
        'io',
        `Courier could not ${doing}: the transfer to the NAS broke off (ESPIPE: the mount could not go on writing where the connection dropped). Check that the NAS is reachable; Courier will try again.`,
        opts,
      );
    default: {
      const detail = err instanceof Error ? err.message : String(err);
      return new PushError(
        'io',
        `Courier could not ${doing}: the destination answered ${detail}. Courier will try again; if this goes on, tell the NAS administrator.`,
        opts,
      );
    }
  }
}

/** The NAS has no room left (`ENOSPC`), or the account's quota is used up (`EDQUOT`). */
export function fullError(
  doing: string,
  errno: string,
  opts: { cause?: unknown; free?: number; needed?: number } = {},
): PushError {
  const room =
    opts.free !== undefined && opts.needed !== undefined
      ? ` (${mb(opts.free, 'down')} free, ${mb(opts.needed, 'up')} needed)`
      : '';
  const what = errno === 'EDQUOT' ? 'your quota on the NAS is used up' : `the NAS is full${room}`;
  return new PushError(
    'full',
    `Courier could not ${doing}: ${what}. Free some space on the NAS or ask its administrator for more; Courier will try again.`,
    { cause: opts.cause },
  );
}

/** Megabytes with one decimal, rounded `down` (room there) or up (room needed). */
function mb(bytes: number, round: 'down' | 'up'): string {
  const f = round === 'down' ? Math.floor : Math.ceil;
  return `${(f((bytes / 1024 ** 2) * 10) / 10).toFixed(1)} MB`;
}

/** An error reading the local artifact: a missing one will not come back by retrying. */
export function localArtifactError(err: unknown, path: string): PushError {
  const errno = errnoOf(err);
  if (errno === 'ENOENT')
    return new PushError(
      'io',
      `The artifact ${path} is missing from this computer, so it cannot be sent. Ingest the source file again.`,
      { retryable: false, cause: err },
    );
  const detail = err instanceof Error ? err.message : String(err);
  return new PushError(
    'io',
    `Courier could not read the artifact ${path} on this computer (${detail}). Courier will try again; if this goes on, ingest the source file again.`,
    { cause: err },
  );
}
