import { readSync } from 'node:fs';

/** Bytes read at a time: large enough for few reads, small enough to keep memory flat. */
const CHUNK = 4 * 1024 * 1024;

export interface LinesRead {
  /** Bytes from `start` up to and including the last newline: what the caller may skip next time. */
  consumed: number;
  /** Newline-terminated lines in those bytes. */
  lines: number;
  /** Bytes read from the file (the part after the last newline included). */
  bytesRead: number;
}

/**
 * Calls `onLine` for every newline-terminated line of `fd` between `start` and `end`, with its
 * text (no newline) and its index from `start` (0-based). What follows the last newline is a
 * line still being written, or torn by a crash: it is not passed, and not consumed.
 *
 * A newline byte never occurs inside a UTF-8 sequence, so cutting at newlines is safe.
 */
export function readLines(
  fd: number,
  start: number,
  end: number,
  onLine: (text: string, index: number) => void,
): LinesRead {
  let pos = start;
  let carry: Buffer = Buffer.alloc(0);
  let consumed = 0;
  let lines = 0;
  let bytesRead = 0;
  while (pos < end) {
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK, end - pos));
    const n = readSync(fd, chunk, 0, chunk.length, pos);
    if (n === 0) break; // the file shrank meanwhile: the next read starts over
    bytesRead += n;
    pos += n;
    const buf = carry.length ? Buffer.concat([carry, chunk.subarray(0, n)]) : chunk.subarray(0, n);
    const last = buf.lastIndexOf(0x0a);
    if (last < 0) {
      carry = buf;
      continue;
    }
    const text = buf.toString('utf8', 0, last);
    for (const line of text.split('\n')) onLine(line, lines++);
    consumed += last + 1;
    carry = buf.subarray(last + 1);
  }
  return { consumed, lines, bytesRead };
}
