import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import type { Encoding, LineEnding } from '../../shared/report';
import { MAX_ISSUE_LINES } from '../../shared/report';
import { sniffDelimiter } from '../csv/dialect';
import { readSepLine } from '../csv/sepLine';
import { CsvTokenizer, Flag, RecordKind, splitFields } from '../csv/tokenizer';
import { decodeCp1252 } from './cp1252';
import { checkEncodingChunk, linesOf } from './encoding';
import { CHUNK_BYTES, ChunkReader, everyTenth, SourceChangedError } from './reader';

export { CHUNK_BYTES, SourceChangedError };
import { detectNotCsv, detectUtf16NoBom, looksBinary } from './magic';

/** Courier's documented column limit: wider headers are refused before anything is built. */
export const MAX_COLUMNS = 2048;

/**
 * The largest record DuckDB is given to parse (bytes). A larger one cannot be read within its
 * memory cap (one 250 MB field needs buffers of twice that), so it is set aside: rejected,
 * kept verbatim in the artifact in pieces (`_oversized_rows`), and reported with its line.
 */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

/** Count, first lines and a few examples of one kind of finding. */
export interface Finding {
  count: number;
  lines: number[];
  examples: string[];
}

export interface ScanResult {
  bytes: number;
  sha256: string;
  /** What the file is when it is not CSV text ("a PDF document"), else null. */
  notCsv: string | null;
  encoding: Encoding;
  bom: boolean;
  lineEnding: LineEnding;
  terminators: { lf: number; crlf: number; cr: number };
  delimiter: string;
  header: string[] | null;
  /** 1-based header columns whose name holds a NUL byte or another control character. */
  headerControl: number[];
  headerLine: number;
  /** The header broke the quoting rules (reported at its line; its names read as they stand). */
  headerQuote: 'stray' | 'unclosed' | null;
  /** The delimiter an Excel `sep=` first line named (the header is then line 2), or null. */
  sepLine: string | null;
  /** Data records: header and blank lines excluded. */
  rows: number;
  goodRows: number;
  ragged: Finding;
  unclosedQuote: Finding;
  strayQuote: Finding;
  /** Blank lines between the header and the last record. */
  blank: Finding;
  /** Blank lines anywhere (trailing ones included): they keep the fast path off. */
  blankLinesTotal: number;
  nul: Finding;
  control: Finding;
  invalidEncoding: Finding;
  multilineRecords: number;
  /** The longest record DuckDB will parse (records above MAX_RECORD_BYTES excluded). */
  maxRecordBytes: number;
  /** Good records too large to parse within the memory cap (`field-too-large`). */
  tooLarge: Finding;
  tooManyColumns: boolean;
  /** The bytes can be loaded by DuckDB as they are (no normalizing pass needed). */
  fastPath: boolean;
  /** For UTF-16 sources: the UTF-8 copy the later passes read. */
  utf8Path: string | null;
  scanMs: number;
}

export interface ScanOptions {
  /** Where a UTF-16 source's UTF-8 copy goes (private staging). */
  utf8CopyPath: string;
  onProgress?: (done: number, total: number) => void;
  /** Force a delimiter instead of sniffing. */
  delimiter?: string;
}

function finding(): Finding {
  return { count: 0, lines: [], examples: [] };
}

function add(f: Finding, line: number, example?: string): void {
  f.count++;
  if (f.lines.length < MAX_ISSUE_LINES) f.lines.push(line);
  if (example !== undefined && f.examples.length < 5 && !f.examples.includes(example))
    f.examples.push(example);
}

function lineEndingOf(t: { lf: number; crlf: number; cr: number }): LineEnding {
  const kinds = (t.lf > 0 ? 1 : 0) + (t.crlf > 0 ? 1 : 0) + (t.cr > 0 ? 1 : 0);
  if (kinds > 1) return 'mixed';
  if (t.crlf > 0) return 'crlf';
  if (t.cr > 0) return 'cr';
  return 'lf';
}

/**
 * Scans a source file once: SHA-256, encoding, BOM, line endings, control bytes, and the
 * CSV structure with physical line numbers. Synchronous on purpose: it runs in a worker.
 */
export function scanFile(path: string, opts: ScanOptions): ScanResult {
  const t0 = performance.now();
  const fd = openSync(path, 'r');
  try {
    const st0 = fstatSync(fd);
    if (!st0.isFile()) throw new Error('This is not a regular file.');
    const size = st0.size;
    const head = Buffer.alloc(Math.min(size, 65536));
    readSync(fd, head, 0, head.length, 0);

    const base = emptyResult(size);
    if (size === 0) {
      base.sha256 = createHash('sha256').digest('hex');
      base.scanMs = performance.now() - t0;
      return base;
    }

    let encoding: Encoding = 'utf-8';
    let bomLen = 0;
    if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
      encoding = 'utf-8-bom';
      bomLen = 3;
    } else if (head[0] === 0xff && head[1] === 0xfe) {
      encoding = 'utf-16le';
      bomLen = 2;
    } else if (head[0] === 0xfe && head[1] === 0xff) {
      encoding = 'utf-16be';
      bomLen = 2;
    } else {
      const u16 = detectUtf16NoBom(head);
      if (u16) encoding = u16;
    }
    const utf16 = encoding === 'utf-16le' || encoding === 'utf-16be';
    if (!utf16) {
      const what = detectNotCsv(head) ?? (looksBinary(head) ? 'binary data, not text' : null);
      if (what) {
        base.notCsv = what;
        base.sha256 = hashWhole(fd, size);
        base.scanMs = performance.now() - t0;
        return base;
      }
    }

    const result = utf16
      ? scanUtf16(fd, size, encoding as 'utf-16le' | 'utf-16be', bomLen, opts, base)
      : scanBytes(fd, size, bomLen, encoding, opts, base);
    const st1 = fstatSync(fd);
    if (st1.size !== size || st1.mtimeMs !== st0.mtimeMs) throw new SourceChangedError();
    result.scanMs = performance.now() - t0;
    return result;
  } finally {
    closeSync(fd);
  }
}

function emptyResult(size: number): ScanResult {
  return {
    bytes: size,
    sha256: '',
    notCsv: null,
    encoding: 'utf-8',
    bom: false,
    lineEnding: 'lf',
    terminators: { lf: 0, crlf: 0, cr: 0 },
    delimiter: ',',
    header: null,
    headerControl: [],
    headerLine: 0,
    headerQuote: null,
    sepLine: null,
    rows: 0,
    goodRows: 0,
    ragged: finding(),
    unclosedQuote: finding(),
    strayQuote: finding(),
    blank: finding(),
    blankLinesTotal: 0,
    nul: finding(),
    control: finding(),
    invalidEncoding: finding(),
    multilineRecords: 0,
    maxRecordBytes: 0,
    tooLarge: finding(),
    tooManyColumns: false,
    fastPath: false,
    utf8Path: null,
    scanMs: 0,
  };
}

function hashWhole(fd: number, size: number): string {
  const h = createHash('sha256');
  const buf = Buffer.allocUnsafe(CHUNK_BYTES);
  let pos = 0;
  while (pos < size) {
    const n = readSync(fd, buf, 0, Math.min(buf.length, size - pos), pos);
    if (n <= 0) throw new SourceChangedError();
    h.update(buf.subarray(0, n));
    pos += n;
  }
  return h.digest('hex');
}

/** Shared record bookkeeping for both byte paths. */
class Collector {
  header: Uint8Array | null = null;
  headerLine = 0;
  headerFields = 0;
  headerQuote: ScanResult['headerQuote'] = null;
  rows = 0;
  goodRows = 0;
  multiline = 0;
  ragged = finding();
  unclosed = finding();
  stray = finding();
  blank = finding();
  blankTotal = 0;
  private pendingBlank: number[] = [];
  nul = finding();
  control = finding();
  tooLarge = finding();
  maxRecordBytes = 0;

  constructor(private readonly headerBytes: (start: number, end: number) => Uint8Array) {}

  onRecord = (
    kind: RecordKind,
    line: number,
    start: number,
    end: number,
    fields: number,
    flags: number,
  ): void => {
    if (kind === RecordKind.blank) {
      this.blankTotal++;
      // Only blank lines followed by a record count as "inside the data".
      if (this.header !== null) this.pendingBlank.push(line);
      return;
    }
    if (kind === RecordKind.header) {
      this.header = this.headerBytes(start, end);
      this.headerLine = line;
      this.headerFields = fields;
      if (flags & Flag.unclosedQuote) this.headerQuote = 'unclosed';
      else if (flags & Flag.strayQuote) this.headerQuote = 'stray';
      return;
    }
    if (this.pendingBlank.length) {
      for (const b of this.pendingBlank) add(this.blank, b);
      this.pendingBlank.length = 0;
    }
    this.rows++;
    if (flags & Flag.nul) add(this.nul, line);
    if (flags & Flag.control) add(this.control, line);
    // A record too large for DuckDB is set aside whole; a good one is reported as too large,
    // a broken one as what is broken.
    const bytes = end - start;
    const oversized = bytes > MAX_RECORD_BYTES;
    if (!oversized && bytes > this.maxRecordBytes) this.maxRecordBytes = bytes;
    if (oversized && kind === RecordKind.good) {
      add(this.tooLarge, line, `${Math.round(bytes / (1024 * 1024))} MB in one record`);
      return;
    }
    switch (kind) {
      case RecordKind.good:
        this.goodRows++;
        if (flags & Flag.multiline) this.multiline++;
        break;
      case RecordKind.ragged:
        add(this.ragged, line, `${fields} fields, expected ${this.headerFields}`);
        break;
      case RecordKind.unclosedQuote:
        add(this.unclosed, line, 'a quote opens a field and is not closed on this line');
        break;
      case RecordKind.strayQuote:
        add(this.stray, line, 'a quote inside an unquoted field, or text after a closing quote');
        break;
    }
  };
}

function scanBytes(
  fd: number,
  size: number,
  bomLen: number,
  encoding: Encoding,
  opts: ScanOptions,
  base: ScanResult,
): ScanResult {
  const head = Buffer.alloc(Math.min(size - bomLen, 1024 * 1024));
  readSync(fd, head, 0, head.length, bomLen);
  // Excel's `sep=;` line: its delimiter is used and tokenizing starts on the next line.
  const sep = readSepLine(head);
  const start = bomLen + (sep?.length ?? 0);
  const delimiter = opts.delimiter ?? sep?.delimiter ?? sniffDelimiter(head);
  const d = delimiter.charCodeAt(0);

  const hash = createHash('sha256');
  let hashedTo = 0;
  const reader = new ChunkReader(fd, size);
  const col = new Collector((s, e) => Uint8Array.from(reader.bytesAt(s, e - s)));
  const tok = new CsvTokenizer(d, col.onRecord, start, sep ? 2 : 1);
  if (sep) tok.terminators[sep.terminator]++;

  // Encoding evidence, gathered chunk by chunk.
  let invalidCount = 0;
  const invalidLines: number[] = [];
  let multibyte = 0;
  let hasC1 = false;
  const undefined1252 = finding();
  let carry: Buffer = Buffer.alloc(0);

  if (start > 0) {
    // The byte order mark and the `sep=` line (plain ASCII): hashed, never tokenized.
    hash.update(reader.bytesAt(0, start));
    hashedTo = start;
  }
  const progress = everyTenth(opts.onProgress);
  reader.drive(tok, (chunk, pos) => {
    const end = pos + chunk.length;
    if (end > hashedTo) {
      // First time these bytes are seen (not a re-read): hash and validate them.
      const fresh = chunk.subarray(hashedTo - pos);
      hash.update(fresh);
      const lineAtFresh = tok.line;
      const ev = checkEncodingChunk(fresh, carry, end >= size);
      carry = ev.carry;
      multibyte += ev.multibyte;
      if (ev.hasC1) hasC1 = true;
      if (ev.bad.length || ev.undef.length) {
        const lines = linesOf(fresh, lineAtFresh, [...ev.bad, ...ev.undef]);
        ev.bad.forEach((_, k) => {
          invalidCount++;
          if (invalidLines.length < 1000) invalidLines.push(lines[k]!);
        });
        ev.undef.forEach((_, k) => add(undefined1252, lines[ev.bad.length + k]!));
      }
      hashedTo = end;
    }
    progress(Math.min(hashedTo, size), size);
  });
  opts.onProgress?.(size, size);

  const res = base;
  res.sha256 = hash.digest('hex');
  res.delimiter = delimiter;
  res.bom = bomLen > 0;
  res.sepLine = sep?.delimiter ?? null;
  // Decide the encoding from the whole file, not a sample.
  if (invalidCount === 0) res.encoding = encoding;
  else if (multibyte > 0) {
    res.encoding = encoding;
    for (const l of invalidLines) add(res.invalidEncoding, l);
    res.invalidEncoding.count = invalidCount;
  } else if (hasC1) {
    res.encoding = 'windows-1252';
    res.invalidEncoding = undefined1252;
  } else res.encoding = 'iso-8859-1';
  res.invalidEncoding.lines = [...new Set(res.invalidEncoding.lines)].sort((a, b) => a - b);
  return finishResult(res, tok, col);
}

function scanUtf16(
  fd: number,
  size: number,
  encoding: 'utf-16le' | 'utf-16be',
  bomLen: number,
  opts: ScanOptions,
  base: ScanResult,
): ScanResult {
  // Pass 1: hash the original bytes and write a UTF-8 copy (private staging).
  const hash = createHash('sha256');
  const decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: false });
  const out = openSync(opts.utf8CopyPath, 'w', 0o600);
  const buf = Buffer.allocUnsafe(CHUNK_BYTES);
  let pos = 0;
  let replaced = 0;
  try {
    while (pos < size) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, size - pos), pos);
      if (n <= 0) throw new SourceChangedError();
      const chunk = buf.subarray(0, n);
      hash.update(chunk);
      pos += n;
      const text = decoder.decode(chunk, { stream: pos < size });
      for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) replaced++;
      writeSync(out, Buffer.from(text, 'utf8'));
      opts.onProgress?.(pos / 2, size);
    }
  } finally {
    closeSync(out);
  }
  // Pass 2: the structure, on the UTF-8 copy.
  const fd2 = openSync(opts.utf8CopyPath, 'r');
  try {
    const size2 = fstatSync(fd2).size;
    const res = scanBytes(
      fd2,
      size2,
      0,
      'utf-8',
      { ...opts, onProgress: (d) => opts.onProgress?.(size / 2 + d / 2, size) },
      base,
    );
    res.sha256 = hash.digest('hex');
    res.bytes = size;
    res.encoding = encoding;
    res.bom = bomLen > 0;
    res.utf8Path = opts.utf8CopyPath;
    if (replaced > 0) {
      res.invalidEncoding.count = replaced;
      res.invalidEncoding.examples = ['unpaired UTF-16 surrogate or odd byte count'];
    }
    res.fastPath = false;
    return res;
  } finally {
    closeSync(fd2);
  }
}

function finishResult(res: ScanResult, tok: CsvTokenizer, col: Collector): ScanResult {
  res.terminators = { ...tok.terminators };
  res.lineEnding = lineEndingOf(tok.terminators);
  res.maxRecordBytes = col.maxRecordBytes;
  res.tooLarge = col.tooLarge;
  res.headerLine = col.headerLine;
  res.headerQuote = col.headerQuote;
  if (col.header) {
    const utf8 = new TextDecoder('utf-8');
    const dec = {
      decode: (b: Uint8Array): string =>
        res.encoding === 'windows-1252'
          ? decodeCp1252(b)
          : res.encoding === 'iso-8859-1'
            ? Buffer.from(b).toString('latin1')
            : utf8.decode(b),
    };
    if (col.headerFields > MAX_COLUMNS) {
      res.tooManyColumns = true;
      res.header = null;
    } else {
      const names = splitFields(col.header, res.delimiter.charCodeAt(0)).map((f) => dec.decode(f));
      // eslint-disable-next-line no-control-regex -- control characters are what is looked for
      const control = /[\u0000-\u001f\u007f]/;
      res.headerControl = names.flatMap((n, i) => (control.test(n) ? [i + 1] : []));
      res.header = names.map((n) => n.replaceAll('\u0000', '\uFFFD'));
    }
  }
  res.rows = col.rows;
  res.goodRows = col.goodRows;
  res.ragged = col.ragged;
  res.unclosedQuote = col.unclosed;
  res.strayQuote = col.stray;
  res.blank = col.blank;
  res.blankLinesTotal = col.blankTotal;
  res.nul = col.nul;
  res.control = col.control;
  res.multilineRecords = col.multiline;
  res.fastPath =
    res.header !== null &&
    res.headerLine === (res.sepLine === null ? 1 : 2) &&
    res.headerQuote === null &&
    !res.bom &&
    res.encoding === 'utf-8' &&
    res.invalidEncoding.count === 0 &&
    (res.lineEnding === 'lf' || res.lineEnding === 'crlf') &&
    res.goodRows === res.rows &&
    res.blankLinesTotal === 0 &&
    res.nul.count === 0 &&
    res.multilineRecords === 0;
  return res;
}
