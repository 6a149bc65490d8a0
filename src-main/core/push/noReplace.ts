import { hostname } from 'node:os';
import type { FileHandle } from 'node:fs/promises';
import { link, open, rename, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { dropOwn, exists, isOwnLeftover } from './atomic';
import type { CommitWay } from './capabilities';
import { PushError, destinationError, errnoOf } from './errors';
import { whileHeldOpen } from './retry';

/** The lock beside a final name while the exclusive-create commit runs: `.<final>.lock`. */
export function lockPath(final: string): string {
  return join(dirname(final), `.${basename(final)}.lock`);
}

/** Courier's own lock names, and nothing else: `.<name>-<sha12>.(duckdb|json).lock`. */
export const LOCK_NAME = /^\.[A-Za-z0-9_-]+-[0-9a-f]{12}\.(?:duckdb|json)\.lock$/;

export interface NoReplaceOptions {
  way: CommitWay;
  /** Age after which another process's lock counts as abandoned. */
  staleMs: number;
  /**
   * Runs inside the exclusive-create window (after the final name was found free, before the
   * rename): for tests that show what the window means. Never set in production.
   */
  inWindow?: () => Promise<void>;
}

/**
 * Moves a verified `partial` to `final` without ever replacing an existing `final`, the way the
 * share's probe allows. Returns 'exists' (and drops the partial) when `final` was already there.
 *
 * Any other failure is the destination's and is reported as such (an EIO stays an EIO): there
 * is no fallback from one way to another, since the probe already chose the way that works.
 */
export async function commitNoReplace(
  partial: string,
  final: string,
  o: NoReplaceOptions,
): Promise<'done' | 'exists'> {
  switch (o.way) {
    case 'link':
      return byLink(partial, final);
    case 'rename-noreplace':
      return byRenameNoReplace(partial, final);
    case 'exclusive-create':
      return byExclusiveCreate(partial, final, o);
  }
}

function commitError(err: unknown, partial: string, final: string): PushError {
  return destinationError(err, `give ${partial} its final name ${basename(final)}`);
}

/** A hard link fails with EEXIST where the name is taken: no window at all. */
async function byLink(partial: string, final: string): Promise<'done' | 'exists'> {
  try {
    await link(partial, final);
  } catch (err) {
    await dropOwn(partial);
    if (errnoOf(err) === 'EEXIST') return 'exists';
    throw commitError(err, partial, final);
  }
  // The final name is in place; the partial is only a second name for it now.
  await dropOwn(partial);
  return 'done';
}

/** The share's rename refuses an existing name (the probe saw it): rename, and look on failure. */
async function byRenameNoReplace(partial: string, final: string): Promise<'done' | 'exists'> {
  let r: 'done' | 'exists';
  try {
    r = await whileHeldOpen(async () => {
      try {
        await rename(partial, final);
        return 'done' as const;
      } catch (err) {
        if (await exists(final)) return 'exists' as const;
        throw err;
      }
    });
  } catch (err) {
    await dropOwn(partial);
    throw commitError(err, partial, final);
  }
  if (r === 'exists') await dropOwn(partial);
  return r;
}

/**
 * Where there are no hard links and rename replaces (SMB through rclone, for one): an
 * exclusively created `.<final>.lock`, then a check that `final` is free, then the rename,
 * then the lock is removed.
 *
 * Every Courier takes the lock, so two Couriers never commit the same name at once. THE WINDOW:
 * between the check and the end of the rename (one round trip to the NAS, a few milliseconds),
 * a writer that does not take the lock (a person copying a file, another program) and creates
 * `final` in exactly that interval loses its file to the rename. Nothing Courier wrote is ever
 * replaced, and a final name present before the check is never touched. The lock is only as
 * exclusive as the share's own exclusive create (see docs/deployment-shares.md).
 */
async function byExclusiveCreate(
  partial: string,
  final: string,
  o: NoReplaceOptions,
): Promise<'done' | 'exists'> {
  const lock = lockPath(final);
  try {
    await takeLock(lock, final, o.staleMs);
  } catch (err) {
    await dropOwn(partial);
    throw err;
  }
  try {
    if (await exists(final)) {
      await dropOwn(partial);
      return 'exists';
    }
    await o.inWindow?.();
    await whileHeldOpen(() => rename(partial, final));
    return 'done';
  } catch (err) {
    await dropOwn(partial);
    throw commitError(err, partial, final);
  } finally {
    await dropOwn(lock);
  }
}

/** Creates the lock exclusively; an abandoned one (old, or ours) is taken over once. */
async function takeLock(lock: string, final: string, staleMs: number): Promise<void> {
  const body = JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() });
  for (let attempt = 0; ; attempt++) {
    let fh: FileHandle | null = null;
    try {
      fh = await open(lock, 'wx');
    } catch (err) {
      if (errnoOf(err) !== 'EEXIST') throw destinationError(err, `create ${lock}`);
    }
    if (fh !== null) {
      try {
        await fh.writeFile(body + '\n');
        await fh.close();
        return;
      } catch (err) {
        await fh.close().catch(() => {});
        await dropOwn(lock);
        throw destinationError(err, `write ${lock}`);
      }
    }
    let age = Infinity;
    try {
      age = Date.now() - (await stat(lock)).mtimeMs;
    } catch (err) {
      if (errnoOf(err) !== 'ENOENT') throw destinationError(err, `inspect ${lock}`);
    }
    if (attempt >= 1 || (age < staleMs && !isOwnLeftover(lock)))
      throw new PushError(
        'busy',
        `Another Courier is giving ${basename(final)} its final name in ${dirname(final)} right now (${basename(lock)} is there). Courier will try again later.`,
      );
    if (age !== Infinity) await dropOwn(lock);
  }
}
