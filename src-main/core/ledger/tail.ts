import { closeSync, fstatSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { fileIdentity, openIfExists } from './journal';
import type { Journal } from './journal';
import { readLines } from './lines';

/** Where the events go: `reset` when the reader starts over, then `event` for each one. */
export interface TailSink<E> {
  reset(): void;
  event(e: E): void;
}

/**
 * Follows a journal that several processes append to: each {@link sync} reads only the bytes
 * added since the last one (up to the last newline: a line still being written is read again
 * next time, whole). A file that shrank, or another file under the name (deleted and created
 * again, replaced), is read again from the start; a missing file reads as empty.
 */
export class JournalTail<E extends object> {
  /** The file the events so far came from; null when there was none. */
  identity: string | null = null;
  /** Bytes consumed, up to a newline. */
  private offset = 0;
  private line = 0;
  /** Bytes read from the file since this reader was made, for tests: growth only, not reread. */
  bytesRead = 0;

  constructor(
    private readonly journal: Journal<E>,
    private readonly sink: TailSink<E>,
  ) {}

  /**
   * Brings the sink up to the journal's current content: through `fd` (with its `st`) when the
   * caller holds one on the journal, else through the file's name.
   */
  sync(fd?: number, st?: Stats): void {
    if (fd !== undefined) {
      this.syncWith(fd, st ?? fstatSync(fd));
      return;
    }
    const own = openIfExists(this.journal.file);
    if (own === null) {
      this.restart(null);
      return;
    }
    try {
      this.syncWith(own, fstatSync(own));
    } finally {
      closeSync(own);
    }
  }

  /** Whether `st` is the file already read, at least up to where the reading stopped. */
  isCurrent(st: Stats): boolean {
    return fileIdentity(st) === this.identity && st.size >= this.offset;
  }

  private syncWith(fd: number, st: Stats): void {
    const identity = fileIdentity(st);
    if (identity !== this.identity || st.size < this.offset) this.restart(identity);
    if (st.size <= this.offset) return;
    const r = readLines(fd, this.offset, st.size, (text, i) => {
      const e = this.journal.decode(text, this.line + i + 1, identity);
      if (e) this.sink.event(e);
    });
    this.offset += r.consumed;
    this.line += r.lines;
    this.bytesRead += r.bytesRead;
  }

  private restart(identity: string | null): void {
    if (identity === this.identity && this.offset === 0) return;
    this.sink.reset();
    this.identity = identity;
    this.offset = 0;
    this.line = 0;
  }
}
