import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  openSync,
  readFileSync,
  readSync,
  writeSync,
} from 'node:fs';
import type { z } from 'zod';
import { decodeLine } from './decode';

/** Called once per skipped line: its 1-based line number and why (never its content). */
export type SkipReporter = (line: number, reason: string) => void;

/**
 * An append-only JSON Lines file, shared by every Courier process (the window, a `courier
 * watch` service, a `courier history` in a terminal) without locks:
 * - each event is one `write()` of one complete line on an O_APPEND descriptor, which the
 *   kernel keeps whole against other appenders, then fsync: committed means on disk;
 * - a process killed mid-write can leave a torn last line: readers skip it, and the next
 *   writer starts on a fresh line, so it never corrupts what follows.
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
    private readonly schema: z.ZodType<E>,
    private readonly version: number,
    private readonly onSkip: SkipReporter = () => undefined,
  ) {}

  /**
   * Appends one event; `durable` (the default) waits for it to reach the disk. Progress
   * events that a crash may lose without harm skip the wait.
   */
  append(event: E, durable = true): void {
    const line = Buffer.from(JSON.stringify({ v: this.version, ...event }) + '\n', 'utf8');
    const fd = openSync(this.file, 'a', 0o600);
    try {
      const size = fstatSync(fd).size;
      if (size > 0) {
        const last = Buffer.alloc(1);
        const rfd = openSync(this.file, 'r');
        try {
          readSync(rfd, last, 0, 1, size - 1);
        } finally {
          closeSync(rfd);
        }
        if (last[0] !== 0x0a) writeSync(fd, '\n'); // after a torn line
      }
      writeSync(fd, line);
      if (durable) fsyncSync(fd);
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
      const d = decodeLine(line, this.schema, this.version);
      if (d.ok) out.push(d.event);
      else this.skip(i + 1, d.reason);
    });
    return out;
  }

  private skip(line: number, reason: string): void {
    if (this.reported.has(line)) return;
    this.reported.add(line);
    this.onSkip(line, reason);
  }
}
