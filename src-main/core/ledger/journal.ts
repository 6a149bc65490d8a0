import {
  closeSync,
  fsyncSync,
  fstatSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { plainFsError } from '../errors';
import type { Stats } from 'node:fs';
import type { z } from 'zod';
import { appendBytes } from './appendBytes';
import type { WriteFn } from './appendBytes';
import { decodeLine } from './decode';
import { CourierError } from '../errors';
import { fileIdentity, openIfExists } from './journalFile';
import { readLines } from './lines';
import { isAlive, ownStart } from './owner';
import {
  currentRewrite,
  identityAt,
  newSeal,
  takeRewriteLock,
  waitForRewrite,
  whereIsMine,
} from './seal';

/** Appends that met a rewrite every time: the rewriter runs far more often than it should. */
const MAX_ATTEMPTS = 50;

/** Called once per skipped line: its 1-based line number and why (never its content). */
export type SkipReporter = (line: number, reason: string) => void;

export interface JournalOptions<E> {
  /** Every line is validated against it when read. */
  schema: z.ZodType<E>;
  /** The event version written as `v`, and the newest one read. */
  version: number;
  /** What an event records, in the coordinator's words ("a job's progress"), for errors. */
  what: string;
  onSkip?: SkipReporter;
  /** For tests: a `writeSync` that writes less. */
  write?: WriteFn;
}

/**
 * An append-only JSON Lines file, shared by every Courier process (the window, a `courier
 * watch` service, a `courier history` in a terminal) without locks:
 * - each event is one `write()` of one complete line on an O_APPEND descriptor, which the
 *   kernel keeps whole against other appenders, then fsync: committed means on disk;
 * - a process killed mid-write can leave a torn last line: readers skip it, and the next
 *   writer starts on a fresh line, so it never corrupts what follows;
 * - a write cut short by a full disk is taken back (see {@link appendBytes}).
 * Readers never block writers and vice versa.
 *
 * Every line carries the event version `v`; lines are validated against `schema` when read,
 * and a line that does not fit (damaged, or from a newer Courier) is skipped and reported
 * once to `onSkip`.
 */
export class Journal<E extends object> {
  private readonly reported = new Set<string>();

  constructor(
    readonly file: string,
    private readonly o: JournalOptions<E>,
  ) {}

  /**
   * Appends one event; `durable` (the default) waits for it to reach the disk. Progress
   * events that a crash may lose without harm skip the wait.
   *
   * `before` sees the file about to be appended to, through the appending descriptor (opened
   * for reading too), and returns events that must precede this one in it: they go in the
   * same write.
   * @throws DiskFullError when the disk is full; nothing of the events is left in the file.
   */
  append(event: E, durable = true, before?: (fd: number, st: Stats) => E[]): void {
    // A rewrite (compaction) may replace the file under the name meanwhile: see seal.ts.
    for (let attempt = 1; ; attempt++) {
      // Read and write through one descriptor: the file a path names can change in between.
      let fd: number;
      try {
        fd = openSync(this.file, 'a+', 0o600);
      } catch (e) {
        throw plainFsError(e, `record ${this.o.what}`, dirname(this.file));
      }
      try {
        const st = fstatSync(fd);
        const identity = fileIdentity(st);
        const events = [...(before?.(fd, st) ?? []), event];
        // Being rewritten: wait for the new file rather than add to the old one (checked
        // last thing before writing, to leave a rewrite the least time to begin meanwhile).
        if (currentRewrite(this.file)?.identity === identity) {
          if (waitForRewrite(this.file, identity) !== identity) continue;
        }
        const size = fstatSync(fd).size;
        const lines = events.map((e) => JSON.stringify({ v: this.o.version, ...e }));
        let text = lines.map((l) => l + '\n').join('');
        if (size > 0) {
          const last = Buffer.alloc(1);
          readSync(fd, last, 0, 1, size - 1);
          if (last[0] !== 0x0a) text = '\n' + text; // after a torn line
        }
        appendBytes(fd, Buffer.from(text, 'utf8'), {
          durable,
          what: `${this.o.what} in ${this.file}`,
          write: this.o.write,
        });
        if (this.landed(fd, identity, size, lines[0]!)) return;
        // It landed after a rewrite's seal: written again, into the file now at the name.
        if (attempt >= MAX_ATTEMPTS)
          throw new CourierError(
            'journal-busy',
            `Courier could not record ${this.o.what} in ${this.file}: the file was rewritten ${MAX_ATTEMPTS} times while it tried. Try again.`,
          );
      } catch (e) {
        throw plainFsError(e, `record ${this.o.what}`, dirname(this.file));
      } finally {
        closeSync(fd);
      }
    }
  }

  /**
   * Whether a line just appended to the file `identity` counts: it is in the file at the name,
   * or a rewrite copied it. False when a rewrite replaced the file and the line came after
   * its seal (or the file was replaced otherwise): it must be written again.
   *
   * The lock is looked at before the name: a rewriter renames before it removes its lock, so
   * no lock and the same file at the name means no rewrite can drop the line.
   */
  private landed(fd: number, identity: string, from: number, mine: string): boolean {
    const rewriting = currentRewrite(this.file)?.identity === identity;
    if (!rewriting && identityAt(this.file) === identity) return true;
    // The rewriter gave up or died before its rename: the line is in the journal.
    if (waitForRewrite(this.file, identity) === identity) return true;
    return whereIsMine(fd, from, mine) === 'before';
  }

  /**
   * Replaces the journal by `plan`'s lines (compaction): `plan` sees every complete line and
   * returns the lines of the new file. Appends by other processes go on meanwhile and none is
   * lost (see seal.ts). Returns false, doing nothing, when another rewrite is under way.
   */
  rewrite(plan: (read: (onLine: (text: string) => void) => void) => string[]): boolean {
    const fd = openSync(this.file, 'a+', 0o600);
    let tmp: string | null = null;
    let lockPath: string | null = null;
    try {
      const identity = fileIdentity(fstatSync(fd));
      const seal = newSeal();
      lockPath = takeRewriteLock(this.file, {
        identity,
        pid: process.pid,
        proc: ownStart(),
        seal,
      });
      if (!lockPath) return false;
      removeLeftovers(this.file);
      const size = fstatSync(fd).size;
      // Up to the last complete line: a line being appended this moment may show in the size
      // before all of it is there; it is copied whole below.
      let end = 0;
      const kept = plan((onLine) => {
        end = readLines(fd, 0, size, (text) => onLine(text)).consumed;
      });
      tmp = `${this.file}.${seal}.tmp`;
      const out = openSync(tmp, 'wx', 0o600);
      try {
        writeChunks(out, kept);
        // The seal, after everything read so far; what others appended before it is copied.
        const sealLine = JSON.stringify({
          v: this.o.version,
          type: 'sealed',
          at: new Date().toISOString(),
          seal,
        });
        const last = Buffer.alloc(1);
        const now = fstatSync(fd).size;
        if (now > 0) readSync(fd, last, 0, 1, now - 1);
        const pre = now > 0 && last[0] !== 0x0a ? '\n' : '';
        appendBytes(fd, Buffer.from(`${pre}${sealLine}\n`, 'utf8'), {
          durable: true,
          what: `${this.o.what} in ${this.file}`,
        });
        const between: string[] = [];
        let sealed = false;
        readLines(fd, end, fstatSync(fd).size, (text) => {
          if (text === sealLine) sealed = true;
          else if (!sealed && text.trim() !== '') between.push(text);
        });
        writeChunks(out, between);
        fsyncSync(out);
      } finally {
        closeSync(out);
      }
      // Replaced meanwhile by someone else (by hand): theirs stays, this rewrite is dropped.
      if (identityAt(this.file) !== identity) return false;
      renameSync(tmp, this.file);
      tmp = null;
      syncFolder(dirname(this.file));
      return true;
    } finally {
      if (tmp) rmSync(tmp, { force: true });
      if (lockPath) rmSync(lockPath, { force: true });
      closeSync(fd);
    }
  }
  /** Every valid event, in order. A torn last line (not committed) is skipped silently. */
  read(): E[] {
    const fd = openIfExists(this.file);
    if (fd === null) return [];
    const out: E[] = [];
    try {
      const st = fstatSync(fd);
      const identity = fileIdentity(st);
      readLines(fd, 0, st.size, (text, i) => {
        const e = this.decode(text, i + 1, identity);
        if (e) out.push(e);
      });
    } finally {
      closeSync(fd);
    }
    return out;
  }

  /**
   * One line's event, or null for a blank line or one that does not fit, which is reported
   * once per file (by identity) and line number, however often it is read again.
   */
  decode(text: string, line: number, identity: string): E | null {
    if (text.trim() === '') return null;
    const d = decodeLine(text, this.o.schema, this.o.version);
    if (d.ok) return d.event;
    const key = `${identity}#${line}`;
    if (!this.reported.has(key)) {
      this.reported.add(key);
      this.o.onSkip?.(line, d.reason);
    }
    return null;
  }
}

export { fileIdentity, openIfExists } from './journalFile';

/** Writes lines (each with its newline) in chunks of about 4 MiB. */
function writeChunks(fd: number, lines: readonly string[]): void {
  let buf: string[] = [];
  let size = 0;
  const flush = (): void => {
    if (buf.length === 0) return;
    const bytes = Buffer.from(buf.join(''), 'utf8');
    for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done);
    buf = [];
    size = 0;
  };
  for (const l of lines) {
    buf.push(l + '\n');
    size += l.length + 1;
    if (size > 4 * 1024 * 1024) flush();
  }
  flush();
}

/** fsync of a folder, so that a rename in it is on disk (not possible on every system). */
function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows cannot open a folder: its renames are durable by other means.
  }
}

/**
 * What rewriters that died left: their new files (only the lock holder may remove those: no
 * other rewrite runs), and lock files that never got their final name.
 */
function removeLeftovers(file: string): void {
  const prefix = `${basename(file)}.`;
  const dir = dirname(file);
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    const lockTmp = /^rewrite\.(\d+)-[0-9a-f]{16}\.tmp$/.exec(rest);
    if (/^[0-9a-f]{16}\.tmp$/.test(rest) || (lockTmp && !isAlive(Number(lockTmp[1]))))
      rmSync(join(dir, name), { force: true });
  }
}
