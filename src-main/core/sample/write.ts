/**
 * Streams text to a file in ~1 MiB chunks, waiting for the disk when the stream asks for it,
 * so a multi-GB file is written with a small, constant amount of memory.
 *
 * Lines are encoded straight into a byte buffer: concatenating a megabyte of small strings
 * builds a long-lived rope that costs more garbage collection than generating the rows.
 */
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

/** Bytes handed to the file at a time: large enough that per-write overhead is negligible. */
export const CHUNK_BYTES = 1024 * 1024;
/** Room past a full chunk, so an ordinary line never has to be split or copied twice. */
const SLACK_BYTES = 64 * 1024;

/** A file written in chunks; call {@link add} per line and await {@link flush} when it says so. */
export class ChunkedWriter {
  private readonly stream: WriteStream;
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES + SLACK_BYTES);
  private used = 0;
  /** Full pieces waiting for the next flush (only when a line did not fit the buffer). */
  private pending: Buffer[] = [];
  private failure: Error | null = null;

  constructor(path: string) {
    this.stream = createWriteStream(path);
    // Kept so an error between two writes is not an unhandled 'error' event; rethrown later.
    this.stream.on('error', (e: Error) => {
      this.failure ??= e;
    });
  }

  /** Buffers `text` as UTF-8; true when a chunk is full and {@link flush} should be awaited. */
  add(text: string): boolean {
    // A UTF-16 code unit is at most 3 UTF-8 bytes: the test is cheap and never wrong.
    if (text.length * 3 > this.buffer.length - this.used) {
      this.setAside();
      if (text.length * 3 > this.buffer.length) {
        this.pending.push(Buffer.from(text, 'utf8'));
        return true;
      }
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
    return this.used >= CHUNK_BYTES || this.pending.length > 0;
  }

  /** Hands the buffered bytes to the file, waiting while the stream is over its high-water mark. */
  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    this.setAside();
    const pieces = this.pending;
    this.pending = [];
    for (const piece of pieces) {
      if (!this.stream.write(piece)) await once(this.stream, 'drain');
    }
  }

  /** Writes what is left and closes the file. */
  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
    if (this.failure) throw this.failure;
  }

  /** Closes the file after a failure elsewhere, without throwing. */
  async abort(): Promise<void> {
    this.stream.destroy();
    await finished(this.stream).catch(() => undefined);
  }

  /** Moves the filled part of the buffer to `pending`; the stream owns it from then on. */
  private setAside(): void {
    if (this.used === 0) return;
    this.pending.push(this.buffer.subarray(0, this.used));
    this.buffer = Buffer.allocUnsafe(CHUNK_BYTES + SLACK_BYTES);
    this.used = 0;
  }
}
