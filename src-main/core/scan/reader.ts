import { readSync } from 'node:fs';
import type { CsvTokenizer } from '../csv/tokenizer';
import { CourierError } from '../errors';

/** Bytes read per step: large chunks keep the per-call overhead negligible. */
export const CHUNK_BYTES = 4 * 1024 * 1024;

/** The file changed under us: the job reports it as its `source-changed` failure. */
export class SourceChangedError extends CourierError {
  constructor() {
    super(
      'source-changed',
      'The file changed while Courier was reading it. Wait until the export has finished writing it, then add it again.',
    );
  }
}

/**
 * Reads a file in large chunks for a tokenizer, re-reading from wherever the tokenizer asks
 * (its re-synchronisation after a broken quote), and hands out record bytes from the current
 * chunk when it can. Synchronous on purpose: it runs in a worker thread.
 */
export class ChunkReader {
  private buf = Buffer.allocUnsafe(CHUNK_BYTES);
  private bufOffset = -1;
  private bufLen = 0;

  constructor(
    private readonly fd: number,
    readonly size: number,
  ) {}

  /** Bytes [pos, pos + len): a view of the current chunk when they lie in it, else a read. */
  bytesAt(pos: number, len: number): Uint8Array {
    if (pos >= this.bufOffset && pos + len <= this.bufOffset + this.bufLen) {
      return this.buf.subarray(pos - this.bufOffset, pos - this.bufOffset + len);
    }
    const out = Buffer.allocUnsafe(len);
    this.fill(out, len, pos);
    return out;
  }

  private fill(target: Buffer, len: number, pos: number): void {
    let got = 0;
    while (got < len) {
      const n = readSync(this.fd, target, got, len - got, pos + got);
      if (n <= 0) throw new SourceChangedError();
      got += n;
    }
  }

  /**
   * Feeds the whole file from `tok.pos` to the tokenizer, chunk by chunk, following its
   * re-read requests. `onChunk` sees each chunk before the tokenizer does.
   */
  drive(
    tok: CsvTokenizer,
    onChunk?: (chunk: Uint8Array, pos: number, nextPos: () => number) => void,
  ): void {
    let pos = tok.pos;
    for (;;) {
      while (pos < this.size) {
        const want = Math.min(CHUNK_BYTES, this.size - pos);
        if (this.buf.length < want) this.buf = Buffer.allocUnsafe(want);
        this.fill(this.buf, want, pos);
        this.bufOffset = pos;
        this.bufLen = want;
        const chunk = this.buf.subarray(0, want);
        let next = pos + want;
        onChunk?.(chunk, pos, () => next);
        const r = tok.feed(chunk, pos);
        if (r >= 0) next = r;
        pos = next;
      }
      const r = tok.finish(this.size);
      if (r < 0) break;
      pos = r;
    }
  }
}

/** Calls `fn(done, total)` at most every 100 ms. */
export function everyTenth(
  fn?: (done: number, total: number) => void,
): (done: number, total: number) => void {
  let last = 0;
  return (done, total) => {
    const now = performance.now();
    if (fn && now - last > 100) {
      last = now;
      fn(done, total);
    }
  };
}
