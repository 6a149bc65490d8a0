/**
 * Rewriting a journal that other processes append to at any time, without locks on appends.
 *
 * The rewriter (compaction, see compact.ts) announces itself with a lock file naming the
 * journal file it rewrites, writes the new file beside it, appends a **seal** line to the old
 * file, copies what other processes appended before the seal, and renames the new file over
 * the old. The kernel orders appends (O_APPEND), so every line of the old file is either
 * before the seal (copied) or after it: a writer checks, after each append that may have met a
 * rewrite, where its line landed, and writes it again into the new file when it came after.
 * A rewriter killed before the rename leaves the journal as it was (the seal line is skipped
 * by readers, and lines after it stay where they are); after the rename, the new file is whole.
 */
import { randomBytes } from 'node:crypto';
import {
  fstatSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileIdentity } from './journalFile';
import { readLines } from './lines';
import { isAlive } from './owner';

/** Who rewrites which file: the content of a rewrite's lock file. */
export interface RewriteLock {
  /** The journal file being rewritten (its {@link fileIdentity}). */
  identity: string;
  pid: number;
  proc: string | null;
  /** The seal line's nonce. */
  seal: string;
}

/**
 * Lock files are named per rewriter (`ledger.jsonl.rewrite.<pid>-<nonce>`), never shared: a
 * lock whose owner died is removed by whoever sees it first, and removing it can never take
 * away another rewriter's live lock.
 */
const lockPrefix = (file: string): string => `${basename(file)}.rewrite.`;

/** The live rewrites of `file` (locks of dead rewriters are removed on the way). */
export function rewriteLocks(file: string): { path: string; lock: RewriteLock }[] {
  const dir = dirname(file);
  const prefix = lockPrefix(file);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: { path: string; lock: RewriteLock }[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix) || name.endsWith('.tmp')) continue;
    const path = join(dir, name);
    let lock: RewriteLock;
    try {
      lock = JSON.parse(readFileSync(path, 'utf8')) as RewriteLock;
    } catch {
      continue; // removed meanwhile
    }
    if (isAlive(lock.pid, lock.proc)) out.push({ path, lock });
    else rmSync(path, { force: true });
  }
  return out;
}

/** The live rewrite of `file`, if any. */
export function currentRewrite(file: string): RewriteLock | null {
  return rewriteLocks(file)[0]?.lock ?? null;
}

/**
 * Takes the right to rewrite the file `identity` at `file`: a lock file of our own, then no
 * other live rewriter may exist and the file at the name must still be that one. Returns the
 * lock's path (to remove when done), or null: someone else rewrites, or just did.
 */
export function takeRewriteLock(file: string, lock: RewriteLock): string | null {
  const path = `${dirname(file)}/${lockPrefix(file)}${lock.pid}-${lock.seal}`;
  // Whole when it appears: written aside, then renamed.
  writeFileSync(`${path}.tmp`, JSON.stringify(lock), { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
  const others = rewriteLocks(file).filter((l) => l.path !== path);
  if (others.length > 0 || identityAt(file) !== lock.identity) {
    rmSync(path, { force: true });
    return null;
  }
  return path;
}

/** The identity of the file at `file` now; null when there is none. */
export function identityAt(file: string): string | null {
  try {
    return fileIdentity(statSync(file));
  } catch {
    return null;
  }
}

/** A new seal line's nonce. */
export function newSeal(): string {
  return randomBytes(8).toString('hex');
}

/** A seal line as {@link Journal} writes it (`v` first, then the type). */
const SEAL_LINE = /^\{"v":\d+,"type":"sealed",/;

/** Sleeps the thread (appends are synchronous): a rewrite takes a second or so. */
export function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The longest a writer waits for a rewrite to end before it goes on regardless. */
const PATIENCE_MS = 30_000;

/**
 * Waits while a live rewriter works on the file `identity` (still at the name), up to
 * {@link PATIENCE_MS}. Returns the identity at the name afterwards.
 */
export function waitForRewrite(file: string, identity: string): string | null {
  const end = Date.now() + PATIENCE_MS;
  for (;;) {
    // The lock first: a rewriter renames before it removes its lock.
    const lock = currentRewrite(file);
    const at = identityAt(file);
    if (at !== identity || lock?.identity !== identity || Date.now() > end) return at;
    pause(5);
  }
}

/**
 * Where the line `mine`, written at or after byte `from` of the old file `fd`, stands against
 * the file's last seal (seals of rewriters that died before their rename may precede it):
 * `after` it (the rewriter did not copy the line: write it again), `before` it (copied), or
 * `none` (no seal: the file was replaced by something else than a rewrite). Reads the whole
 * file: only ever asked when the file at the journal's name changed under a writer.
 */
export function whereIsMine(fd: number, from: number, mine: string): 'before' | 'after' | 'none' {
  let offset = 0;
  let lastSeal = -1;
  let minePos = -1;
  readLines(fd, 0, fstatSync(fd).size, (text) => {
    const at = offset;
    offset += Buffer.byteLength(text, 'utf8') + 1;
    if (minePos < 0 && at >= from && text === mine) minePos = at;
    else if (SEAL_LINE.test(text)) lastSeal = at;
  });
  if (lastSeal < 0) return 'none';
  return minePos >= 0 && minePos < lastSeal ? 'before' : 'after';
}
