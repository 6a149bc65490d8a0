import { closeSync, fstatSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { fileIdentity, openIfExists } from './journal';
import type { Journal } from './journal';
import { readLines } from './lines';

/** Bytes read between two turns of the event loop in {@link JournalTail.syncInSlices}. */
const SLICE = 2 * 1024 * 1024;

function statIfExists(file: string): Stats | null {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}

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
  /** The file's size when last looked at (-1: look again). */
  private seenSize = -1;
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
    // The usual case, one system call: the same file, not grown since the last look.
    const now = statIfExists(this.journal.file);
    if (now && fileIdentity(now) === this.identity && now.size === this.seenSize) return;
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

  /**
   * {@link sync} in slices of a few MiB with a turn of the event loop between them: a first
   * read of a large journal then lets signals and timers in (a service told to stop while it
   * starts stops).
   */
  async syncInSlices(stop?: () => boolean): Promise<void> {
    const own = openIfExists(this.journal.file);
    if (own === null) return this.restart(null);
    try {
      const st = fstatSync(own);
      const identity = fileIdentity(st);
      if (identity !== this.identity || st.size < this.offset) this.restart(identity);
      while (this.offset < st.size && !stop?.()) {
        const end = Math.min(st.size, this.offset + SLICE);
        const consumed = this.readFrom(own, end < st.size ? end : st.size, identity);
        if (consumed === 0 && end < st.size) this.readFrom(own, st.size, identity); // a huge line
        if (consumed === 0 || end >= st.size) break;
        await new Promise((r) => setImmediate(r));
      }
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
    this.seenSize = st.size;
    if (st.size <= this.offset) return;
    this.readFrom(fd, st.size, identity);
  }

  /** Reads the complete lines from the offset up to `end`; returns the bytes consumed. */
  private readFrom(fd: number, end: number, identity: string): number {
    const r = readLines(fd, this.offset, end, (text, i) => {
      const e = this.journal.decode(text, this.line + i + 1, identity);
      if (e) this.sink.event(e);
    });
    this.offset += r.consumed;
    this.line += r.lines;
    this.bytesRead += r.bytesRead;
    return r.consumed;
  }

  private restart(identity: string | null): void {
    this.seenSize = -1;
    if (identity === this.identity && this.offset === 0) return;
    this.sink.reset();
    this.identity = identity;
    this.offset = 0;
    this.line = 0;
  }
}
