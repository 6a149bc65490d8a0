/**
 * A streaming, byte-level RFC 4180 tokenizer that knows where every record starts.
 *
 * It never builds strings for data records: it reports each record's physical start line,
 * byte range, field count and flags, so a multi-GB file is tokenized in one pass with
 * constant memory. Field values are extracted only where needed (the header, rejected rows,
 * tests) by {@link splitFields}.
 *
 * Works on UTF-8, Windows-1252 and ISO-8859-1 bytes alike: in all three the structural
 * characters (delimiter, quote, CR, LF) are single ASCII bytes that never occur inside a
 * multi-byte sequence. UTF-16 input is transcoded to UTF-8 before it gets here.
 *
 * Broken quoting never swallows the rest of a file: a record whose quoted field ran across a
 * line break and then turned out wrong (field count, text after the closing quote, end of
 * file, or a span above {@link MAX_QUOTED_SPAN}) is rejected as an unclosed quote *at the
 * line where it opened*, and tokenizing re-synchronises at the next physical line.
 */

export const RecordKind = {
  header: 0,
  good: 1,
  ragged: 2,
  unclosedQuote: 3,
  strayQuote: 4,
  blank: 5,
} as const;
export type RecordKind = (typeof RecordKind)[keyof typeof RecordKind];

/** Record flags (bit set). */
export const Flag = {
  nul: 1,
  control: 2,
  /** A quoted field of this record contains a line break. */
  multiline: 4,
  /** Header only: a quote inside an unquoted name, or text after a closing quote. */
  strayQuote: 8,
  /** Header only: a quote opened and not closed on the header's line. */
  unclosedQuote: 16,
} as const;

/** Largest span (bytes) a quoted field may run across line breaks before it counts as unclosed. */
export const MAX_QUOTED_SPAN = 64 * 1024 * 1024;

export interface RecordSink {
  /**
   * One record (or blank line). `start`/`end` are absolute byte offsets of the record's
   * text without its line terminator; `line` is the 1-based physical line where it starts.
   */
  (kind: RecordKind, line: number, start: number, end: number, fields: number, flags: number): void;
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

// Byte classes for the hot loop: one table lookup per byte.
const C_PLAIN = 0;
const C_DELIM = 1;
const C_QUOTE = 2;
const C_LF = 3;
const C_CR = 4;
const C_NUL = 5;
const C_CTRL = 6;

// States.
const S_START = 0; // at the start of a field
const S_UNQ = 1; // inside an unquoted field
const S_Q = 2; // inside a quoted field
const S_QQ = 3; // inside a quoted field, just after a quote (closing, or first of "")
const S_STRAY = 4; // after a quoting error: rest of the field taken literally

function classTable(delimiter: number): Uint8Array {
  const t = new Uint8Array(256);
  for (let b = 1; b < 0x20; b++) t[b] = C_CTRL;
  t[0x7f] = C_CTRL;
  t[0x09] = C_PLAIN; // tab is ordinary text unless it is the delimiter
  t[0] = C_NUL;
  t[LF] = C_LF;
  t[CR] = C_CR;
  t[QUOTE] = C_QUOTE;
  t[delimiter] = C_DELIM;
  return t;
}

/** Counts of physical line terminators (inside quotes too). */
export interface TerminatorCounts {
  lf: number;
  crlf: number;
  cr: number;
}

export class CsvTokenizer {
  readonly delimiter: number;
  private readonly cls: Uint8Array;
  private readonly sink: RecordSink;

  /** Absolute offset of the next byte to process. */
  pos: number;
  /** Physical line (1-based) of the byte at `pos`. */
  line = 1;
  /** Field count of the header record, once seen. */
  expected = -1;
  readonly terminators: TerminatorCounts = { lf: 0, crlf: 0, cr: 0 };
  /** Longest record in bytes (for the loader's line-size limit). */
  maxRecordBytes = 0;

  private state = S_START;
  private prevCR = false;
  private skipLF = false;
  private recStart: number;
  private recLine = 1;
  private fields = 1;
  private flags = 0;
  private stray = false;
  private quoteStart = -1;
  /** First line break met inside quotes in this record: where to resync if it goes wrong. */
  private firstQnlOffset = -1;
  private firstQnlLine = -1;
  private firstQnlCRLF = false;
  private strayAfterQnl = false;
  private firstQnlLF = false;
  /** Fields counted when the first quoted line break was met (a broken header's width). */
  private firstQnlFields = 0;
  private countsAtQnl: TerminatorCounts | null = null;

  /**
   * @param startOffset where tokenizing starts (past a byte order mark or a `sep=` line)
   * @param startLine the physical line at `startOffset`
   */
  constructor(delimiter: number, sink: RecordSink, startOffset = 0, startLine = 1) {
    if (delimiter === QUOTE || delimiter === LF || delimiter === CR) {
      throw new Error('The delimiter cannot be a quote or a line break.');
    }
    this.delimiter = delimiter;
    this.cls = classTable(delimiter);
    this.sink = sink;
    this.pos = startOffset;
    this.recStart = startOffset;
    this.line = startLine;
    this.recLine = startLine;
  }

  /**
   * Tokenize `buf`, whose first byte sits at absolute offset `bufOffset`.
   *
   * Returns -1 when the buffer was consumed, or an absolute offset the caller must re-read
   * from (a re-synchronisation point before this buffer) and feed again.
   */
  feed(buf: Uint8Array, bufOffset: number): number {
    if (this.pos < bufOffset) return this.pos;
    const cls = this.cls;
    const n = buf.length;
    let i = this.pos - bufOffset;
    let state = this.state;
    let line = this.line;
    let prevCR = this.prevCR;

    if (this.skipLF && i < n) {
      this.skipLF = false;
      if (buf[i] === LF) {
        // Second byte of a CRLF terminator that straddled two buffers.
        this.terminators.cr--;
        this.terminators.crlf++;
        i++;
        this.recStart = bufOffset + i;
      }
    }

    while (i < n) {
      if (state === S_UNQ || state === S_START) {
        // Hot path, unquoted text: nearly every byte of a clean file is plain or a delimiter.
        let fields = this.fields;
        let c = 0;
        while (i < n) {
          c = cls[buf[i]!]!;
          if (c === C_PLAIN) state = S_UNQ;
          else if (c === C_DELIM) {
            fields++;
            state = S_START;
          } else break;
          i++;
        }
        this.fields = fields;
        prevCR = false;
        if (i >= n) break;
      }
      const b = buf[i]!;
      const c = cls[b]!;

      if (c === C_PLAIN) {
        if (state === S_START) state = S_UNQ;
        else if (state === S_QQ) {
          // Text after a closing quote: "abc"x
          state = S_STRAY;
          this.markStray();
        }
        prevCR = false;
        i++;
        continue;
      }

      switch (c) {
        case C_DELIM:
          if (state === S_Q) break;
          this.fields++;
          state = S_START;
          break;
        case C_QUOTE:
          if (state === S_START) {
            state = S_Q;
            this.quoteStart = bufOffset + i;
          } else if (state === S_Q) state = S_QQ;
          else if (state === S_QQ)
            state = S_Q; // "" escaped quote
          else if (state === S_UNQ) {
            state = S_STRAY;
            this.markStray();
          }
          break;
        case C_LF:
        case C_CR: {
          const isLF = c === C_LF;
          if (isLF && prevCR) {
            // LF completing a CRLF inside quotes (outside quotes the record end handles it).
            if (bufOffset + i - 1 === this.firstQnlOffset) this.firstQnlCRLF = true;
            this.terminators.cr--;
            this.terminators.crlf++;
            prevCR = false;
            i++;
            continue;
          }
          if (isLF) this.terminators.lf++;
          else this.terminators.cr++;
          const at = bufOffset + i;
          if (state === S_Q) {
            if (this.firstQnlOffset < 0) {
              this.firstQnlOffset = at;
              this.firstQnlLine = line;
              this.firstQnlCRLF = !isLF && i + 1 < n && buf[i + 1] === LF;
              this.firstQnlLF = isLF;
              this.firstQnlFields = this.fields;
              this.countsAtQnl = { ...this.terminators };
              if (isLF) this.countsAtQnl.lf--;
              else this.countsAtQnl.cr--;
            }
            this.flags |= Flag.multiline;
            line++;
            prevCR = !isLF;
            i++;
            if (at - this.quoteStart > MAX_QUOTED_SPAN) {
              const r = this.resync(bufOffset);
              if (r.reread) {
                this.prevCR = false;
                return r.offset;
              }
              i = r.offset - bufOffset;
              state = S_START;
              line = this.line;
              prevCR = false;
            }
            continue;
          }
          // End of record.
          this.line = line;
          const r = this.endRecord(at, bufOffset, state);
          if (r !== null) {
            if (r.reread) {
              this.state = S_START;
              this.prevCR = false;
              return r.offset;
            }
            i = r.offset - bufOffset;
            state = S_START;
            line = this.line;
            prevCR = false;
            continue;
          }
          line++;
          state = S_START;
          i++;
          this.recStart = bufOffset + i;
          this.recLine = line;
          if (!isLF) {
            // A CR ends the record; a following LF belongs to the same terminator.
            if (i < n) {
              if (buf[i] === LF) {
                this.terminators.cr--;
                this.terminators.crlf++;
                i++;
                this.recStart = bufOffset + i;
              }
            } else this.skipLF = true;
          }
          prevCR = false;
          continue;
        }
        case C_NUL:
          this.flags |= Flag.nul;
          if (state === S_START) state = S_UNQ;
          else if (state === S_QQ) {
            state = S_STRAY;
            this.markStray();
          }
          break;
        case C_CTRL:
          this.flags |= Flag.control;
          if (state === S_START) state = S_UNQ;
          else if (state === S_QQ) {
            state = S_STRAY;
            this.markStray();
          }
          break;
      }
      prevCR = false;
      i++;
    }
    this.save(state, line, prevCR);
    this.pos = bufOffset + n;
    return -1;
  }

  /**
   * End of input at absolute offset `size`. Returns -1 when done, or an offset to re-read
   * from (then feed and finish again).
   */
  finish(size: number): number {
    this.skipLF = false;
    if (this.state === S_Q && this.firstQnlOffset >= 0) {
      const r = this.resync(size);
      this.state = S_START;
      if (r.offset < size) return r.offset;
      return -1;
    }
    if (this.recStart >= size && this.state === S_START && this.fields === 1) return -1;
    if (this.state === S_Q) {
      // Quote opened on the last line and never closed.
      const header = this.expected < 0;
      if (header) this.expected = this.fields;
      this.emit(
        header ? RecordKind.header : RecordKind.unclosedQuote,
        this.recLine,
        this.recStart,
        size,
        this.fields,
        header ? this.flags | Flag.unclosedQuote : this.flags,
      );
      this.resetRecord(size, this.line);
      return -1;
    }
    const r = this.endRecord(size, size, this.state);
    if (r !== null && r.offset < size) return r.offset;
    this.resetRecord(size, this.line);
    return -1;
  }

  private save(state: number, line: number, prevCR: boolean): void {
    this.state = state;
    this.line = line;
    this.prevCR = prevCR;
  }

  private markStray(): void {
    this.stray = true;
    if (this.firstQnlOffset >= 0) this.strayAfterQnl = true;
  }

  /** Completes the record ending at `end`; returns a resync point when it must backtrack. */
  private endRecord(
    end: number,
    bufOffset: number,
    state: number,
  ): { offset: number; reread: boolean } | null {
    const start = this.recStart;
    if (end === start && this.fields === 1 && state === S_START) {
      this.emit(RecordKind.blank, this.recLine, start, end, 0, 0);
      return null;
    }
    const multiline = this.firstQnlOffset >= 0;
    if (this.expected < 0) {
      // The header is held to the same quoting rules; a broken one is still the header
      // (its first line), flagged so that the scan reports it at its line.
      if (multiline && this.strayAfterQnl) return this.resync(bufOffset);
      this.expected = this.fields;
      const flags = this.stray ? this.flags | Flag.strayQuote : this.flags;
      this.emit(RecordKind.header, this.recLine, start, end, this.fields, flags);
      return null;
    }
    if (multiline && (this.fields !== this.expected || this.strayAfterQnl)) {
      return this.resync(bufOffset);
    }
    let kind: RecordKind = RecordKind.good;
    if (this.stray) kind = RecordKind.strayQuote;
    else if (this.fields !== this.expected) kind = RecordKind.ragged;
    this.emit(kind, this.recLine, start, end, this.fields, this.flags);
    return null;
  }

  /**
   * Rejects the current record as an unclosed quote up to the end of the line where its
   * first quoted line break is, and restarts at the next line.
   */
  private resync(bufOffset: number): { offset: number; reread: boolean } {
    const end = this.firstQnlOffset;
    const restart = end + (this.firstQnlCRLF ? 2 : 1);
    const restartLine = this.firstQnlLine + 1;
    // Line breaks past the restart point will be counted again when re-read.
    if (this.countsAtQnl) {
      const t = this.terminators;
      t.lf = this.countsAtQnl.lf;
      t.crlf = this.countsAtQnl.crlf;
      t.cr = this.countsAtQnl.cr;
      if (this.firstQnlCRLF) t.crlf++;
      else if (this.firstQnlLF) t.lf++;
      else t.cr++;
    }
    const header = this.expected < 0;
    if (header) this.expected = this.firstQnlFields;
    this.emit(
      header ? RecordKind.header : RecordKind.unclosedQuote,
      this.recLine,
      this.recStart,
      end,
      header ? this.firstQnlFields : this.fields,
      header ? (this.flags & ~Flag.multiline) | Flag.unclosedQuote : this.flags & ~Flag.multiline,
    );
    this.resetRecord(restart, restartLine);
    this.pos = restart;
    return { offset: restart, reread: restart < bufOffset };
  }

  private resetRecord(start: number, line: number): void {
    this.recStart = start;
    this.recLine = line;
    this.line = line;
    this.fields = 1;
    this.flags = 0;
    this.stray = false;
    this.quoteStart = -1;
    this.firstQnlOffset = -1;
    this.firstQnlLine = -1;
    this.firstQnlCRLF = false;
    this.strayAfterQnl = false;
    this.firstQnlLF = false;
    this.firstQnlFields = 0;
    this.countsAtQnl = null;
    this.state = S_START;
  }

  private emit(
    kind: RecordKind,
    line: number,
    start: number,
    end: number,
    fields: number,
    flags: number,
  ): void {
    if (end - start > this.maxRecordBytes) this.maxRecordBytes = end - start;
    this.sink(kind, line, start, end, fields, flags);
    // Reset per-record state (the caller positions recStart).
    this.fields = 1;
    this.flags = 0;
    this.stray = false;
    this.quoteStart = -1;
    this.firstQnlOffset = -1;
    this.firstQnlLine = -1;
    this.firstQnlCRLF = false;
    this.strayAfterQnl = false;
    this.firstQnlLF = false;
    this.countsAtQnl = null;
  }
}

/**
 * Splits one well-formed record's bytes into field byte slices (quotes removed, `""`
 * unescaped). Used for the header, tests and rejected rows; never on the hot path.
 */
export function splitFields(bytes: Uint8Array, delimiter: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let i = 0;
  const n = bytes.length;
  for (;;) {
    if (i < n && bytes[i] === QUOTE) {
      const parts: number[] = [];
      i++;
      while (i < n) {
        const b = bytes[i]!;
        if (b === QUOTE) {
          if (bytes[i + 1] === QUOTE) {
            parts.push(QUOTE);
            i += 2;
            continue;
          }
          i++;
          break;
        }
        parts.push(b);
        i++;
      }
      // Lenient: keep any text after the closing quote up to the delimiter.
      while (i < n && bytes[i] !== delimiter) parts.push(bytes[i++]!);
      out.push(Uint8Array.from(parts));
    } else {
      let j = i;
      while (j < n && bytes[j] !== delimiter) j++;
      out.push(bytes.subarray(i, j));
      i = j;
    }
    if (i >= n) break;
    i++; // delimiter
    if (i === n) {
      out.push(new Uint8Array(0));
      break;
    }
  }
  return out;
}
