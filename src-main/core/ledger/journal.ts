import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { dirname } from 'node:path';
import { plainFsError } from '../errors';
import type { Stats } from 'node:fs';
import type { z } from 'zod';
import { appendBytes } from './appendBytes';
import type { WriteFn } from './appendBytes';
import { decodeLine } from './decode';
import { readLines } from './lines';

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
    // Read and write through one descriptor: the file a path names can change in between.
    let fd: number;
    try {
      fd = openSync(this.file, 'a+', 0o600);
    } catch (e) {
      throw plainFsError(e, `record ${this.o.what}`, dirname(this.file));
    }
    try {
      const st = fstatSync(fd);
      const events = [...(before?.(fd, st) ?? []), event];
      let text = events.map((e) => JSON.stringify({ v: this.o.version, ...e }) + '\n').join('');
      if (st.size > 0) {
        const last = Buffer.alloc(1);
        readSync(fd, last, 0, 1, st.size - 1);
        if (last[0] !== 0x0a) text = '\n' + text; // after a torn line
      }
      appendBytes(fd, Buffer.from(text, 'utf8'), {
        durable,
        what: `${this.o.what} in ${this.file}`,
        write: this.o.write,
      });
    } catch (e) {
      throw plainFsError(e, `record ${this.o.what}`, dirname(this.file));
    } finally {
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

/**
 * What tells one file from the next under the same name: a journal deleted and created again
 * may reuse the inode number, not its birth time.
 */
export function fileIdentity(st: Stats): string {
  return `${st.dev}:${st.ino}:${st.birthtimeMs}`;
}

/** A read descriptor on `file`, or null when there is no such file. */
export function openIfExists(file: string): number | null {
  try {
    return openSync(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}
