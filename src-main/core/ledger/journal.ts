import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import type { z } from 'zod';
import { appendBytes } from './appendBytes';
import type { WriteFn } from './appendBytes';
import { decodeLine } from './decode';

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
  private readonly reported = new Set<number>();

  constructor(
    readonly file: string,
    private readonly o: JournalOptions<E>,
  ) {}

  /**
   * Appends one event; `durable` (the default) waits for it to reach the disk. Progress
   * events that a crash may lose without harm skip the wait.
   * @throws DiskFullError when the disk is full; nothing of the event is left in the file.
   */
  append(event: E, durable = true): void {
    // Read and write through one descriptor: the file a path names can change in between.
    const fd = openSync(this.file, 'a+', 0o600);
    try {
      const size = fstatSync(fd).size;
      let text = JSON.stringify({ v: this.o.version, ...event }) + '\n';
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
    } finally {
      closeSync(fd);
    }
  }

  /** Every valid event, in order. A torn last line (not committed) is skipped silently. */
  read(): E[] {
    if (!existsSync(this.file)) return [];
    const lines = readFileSync(this.file, 'utf8').split('\n');
    // What follows the last newline was never committed (or is being written right now).
    lines.pop();
    const out: E[] = [];
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      const d = decodeLine(line, this.o.schema, this.o.version);
      if (d.ok) out.push(d.event);
      else this.skip(i + 1, d.reason);
    });
    return out;
  }

  private skip(line: number, reason: string): void {
    if (this.reported.has(line)) return;
    this.reported.add(line);
    this.o.onSkip?.(line, reason);
  }
}
