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

/**
 * An append-only JSON Lines file, shared by every Courier process (the window, a `courier
 * watch` service, a `courier history` in a terminal) without locks:
 * - each event is one `write()` of one complete line on an O_APPEND descriptor, which the
 *   kernel keeps whole against other appenders, then fsync: committed means on disk;
 * - a process killed mid-write can leave a torn last line: readers skip it, and the next
 *   writer starts on a fresh line, so it never corrupts what follows.
 * Readers never block writers and vice versa.
 */
export class Journal<E extends object> {
  constructor(readonly file: string) {}

  /**
   * Appends one event; `durable` (the default) waits for it to reach the disk. Progress
   * events that a crash may lose without harm skip the wait.
   */
  append(event: E, durable = true): void {
    const line = Buffer.from(JSON.stringify(event) + '\n', 'utf8');
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

  /** Every complete event, in order. Unparsable lines (a torn tail) are skipped. */
  read(): E[] {
    if (!existsSync(this.file)) return [];
    const text = readFileSync(this.file, 'utf8');
    const out: E[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        out.push(JSON.parse(line) as E);
      } catch {
        // A line cut short by a crash: it never committed.
      }
    }
    return out;
  }
}
