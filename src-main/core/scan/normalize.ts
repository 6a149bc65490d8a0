import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, writeSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { readSepLine } from '../csv/sepLine';
import { CsvTokenizer, RecordKind } from '../csv/tokenizer';
import { decodeCp1252 } from './cp1252';
import { CHUNK_BYTES, ChunkReader, everyTenth } from './reader';
import type { ScanResult } from './scan';
import { MAX_RECORD_BYTES } from './scan';

/** Name of the physical-line column in the normalized file (never a real header name). */
export const LINE_COLUMN = '__courier_line';

export interface NormalizeResult {
  goodRows: number;
  rejectedRows: number;
  /**
   * SHA-256 of the bytes this pass read, when it read the source itself (null when it read
   * the scan's private UTF-8 copy): equal to the scan's hash, it proves both read one file.
   */
  sha256: string | null;
}

/** A write buffer that flushes in large blocks. */
class Out {
  private buf = Buffer.allocUnsafe(CHUNK_BYTES);
  private len = 0;
  constructor(private readonly fd: number) {}
  write(b: Uint8Array): void {
    if (this.len + b.length > this.buf.length) this.flush();
    if (b.length > this.buf.length) {
      writeSync(this.fd, b);
      return;
    }
    this.buf.set(b, this.len);
    this.len += b.length;
  }
  str(s: string): void {
    this.write(Buffer.from(s, 'utf8'));
  }
  flush(): void {
    if (this.len) writeSync(this.fd, this.buf, 0, this.len);
    this.len = 0;
  }
}

const REPLACEMENT = Buffer.from('\uFFFD', 'utf8');

/**
 * The second pass for files DuckDB must not read as they are (another encoding, broken
 * records, blank lines, CR line ends, NUL bytes, quoted line breaks): writes every good
 * record as UTF-8, prefixed with its physical source line, to `dataPath`, and every rejected
 * record verbatim (as text) with its line to `rejectedPath`. Together they hold every record.
 */
export function normalizeFile(
  path: string,
  scan: ScanResult,
  dataPath: string,
  rejectedPath: string,
  onProgress?: (done: number, total: number) => void,
  oversizedPath: string = `${rejectedPath}.oversized`,
): NormalizeResult {
  const src = scan.utf8Path ?? path;
  const fd = openSync(src, 'r');
  const dataFd = openSync(dataPath, 'w', 0o600);
  const rejFd = openSync(rejectedPath, 'w', 0o600);
  const bigFd = openSync(oversizedPath, 'w', 0o600);
  try {
    const size = fstatSync(fd).size;
    const d = scan.delimiter.charCodeAt(0);
    const srcEncoding = scan.utf8Path ? 'utf-8' : scan.encoding;
    const decode: ((b: Uint8Array) => string) | null =
      srcEncoding === 'windows-1252'
        ? decodeCp1252
        : srcEncoding === 'iso-8859-1'
          ? (b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1')
          : null;
    const utf8Decoder = new TextDecoder('utf-8');
    const out = new Out(dataFd);
    const rej = new Out(rejFd);
    const big = new Out(bigFd);
    out.str(`${LINE_COLUMN}\n`);
    rej.str('line,raw\n');
    big.str('line,part,raw\n');
    const delim = Buffer.from([d]);
    const nl = Buffer.from('\n');

    const reader = new ChunkReader(fd, size);
    /** The record as valid UTF-8 without NUL bytes. */
    const toUtf8 = (raw: Uint8Array): Uint8Array => {
      let b: Uint8Array = raw;
      if (decode) b = Buffer.from(decode(raw), 'utf8');
      else if (!isUtf8(raw)) b = Buffer.from(utf8Decoder.decode(raw), 'utf8');
      if (b.includes(0)) {
        const parts: Uint8Array[] = [];
        let from = 0;
        for (let i = b.indexOf(0); i >= 0; i = b.indexOf(0, i + 1)) {
          parts.push(b.subarray(from, i), REPLACEMENT);
          from = i + 1;
        }
        parts.push(b.subarray(from));
        b = Buffer.concat(parts);
      }
      return b;
    };

    let good = 0;
    let rejected = 0;
    // Past the byte order mark and Excel's `sep=` line, as the scan read it.
    const bom = scan.utf8Path ? 0 : scan.bom ? 3 : 0;
    const sep =
      scan.sepLine === null ? null : readSepLine(reader.bytesAt(bom, Math.min(8, size - bom)));
    const tok = new CsvTokenizer(
      d,
      (kind, line, s, e) => {
        if (kind === RecordKind.header || kind === RecordKind.blank) return;
        if (e - s > MAX_RECORD_BYTES) {
          // Too large for DuckDB to parse: rejected, its text kept in pieces (raw NULL here).
          rejected++;
          rej.str(`${line},\n`);
          writePieces(big, line, s, e, reader, srcEncoding);
          return;
        }
        const raw = toUtf8(reader.bytesAt(s, e - s));
        if (kind === RecordKind.good) {
          good++;
          out.str(String(line));
          out.write(delim);
          out.write(raw);
          out.write(nl);
        } else {
          rejected++;
          const text = Buffer.from(raw).toString('utf8').replaceAll('"', '""');
          rej.str(`${line},"${text}"\n`);
        }
      },
      bom + (sep?.length ?? 0),
      sep ? 2 : 1,
    );

    const progress = everyTenth(onProgress);
    // Hashed in file order: a chunk re-read after a broken quote is hashed only past what was.
    const hash = scan.utf8Path ? null : createHash('sha256');
    let hashedTo = 0;
    if (hash && tok.pos > 0) {
      hash.update(reader.bytesAt(0, tok.pos)); // the BOM and `sep=` line the tokenizer skips
      hashedTo = tok.pos;
    }
    reader.drive(tok, (chunk, pos, next) => {
      const end = pos + chunk.length;
      if (hash && pos <= hashedTo && end > hashedTo) {
        hash.update(chunk.subarray(hashedTo - pos));
        hashedTo = end;
      }
      progress(next(), size);
    });
    out.flush();
    rej.flush();
    big.flush();
    onProgress?.(size, size);
    return {
      goodRows: good,
      rejectedRows: rejected,
      sha256: hash && hashedTo === size ? hash.digest('hex') : hash ? '' : null,
    };
  } finally {
    closeSync(fd);
    closeSync(dataFd);
    closeSync(rejFd);
    closeSync(bigFd);
  }
}

/** Bytes of a too-large record per piece: small enough for DuckDB to read as one field. */
export const PIECE_BYTES = 4 * 1024 * 1024;

/**
 * A record too large to parse, as UTF-8 text in numbered pieces (`line,part,"text"`): the
 * artifact keeps every byte of it (`_oversized_rows`), and concatenating its pieces in order
 * gives the record back. Pieces end on a character boundary; valid UTF-8 is copied as bytes
 * (quotes doubled), without building strings of megabytes.
 */
function writePieces(
  out: Out,
  line: number,
  start: number,
  end: number,
  reader: ChunkReader,
  encoding: string,
): void {
  const singleByte = encoding === 'windows-1252' || encoding === 'iso-8859-1';
  let part = 0;
  for (let pos = start; pos < end;) {
    let len = Math.min(PIECE_BYTES, end - pos);
    // Never cut a UTF-8 character: step back over continuation bytes (10xxxxxx).
    if (!singleByte && pos + len < end) {
      let k = 0;
      while (k < 3 && (reader.bytesAt(pos + len - k, 1)[0]! & 0xc0) === 0x80) k++;
      if (k < 3 || len - k > 0) len -= k;
    }
    const bytes = reader.bytesAt(pos, len);
    out.str(`${line},${part++},"`);
    if (!singleByte && isUtf8(bytes) && !bytes.includes(0)) writeQuoted(out, bytes);
    else {
      const text = singleByte
        ? encoding === 'windows-1252'
          ? decodeCp1252(bytes)
          : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
        : new TextDecoder('utf-8').decode(bytes);
      writeQuoted(out, Buffer.from(text.replaceAll('\u0000', '\uFFFD'), 'utf8'));
    }
    out.str('"\n');
    pos += len;
  }
}

/** Bytes inside a quoted CSV field: every `"` doubled (one pass into one buffer). */
function writeQuoted(out: Out, bytes: Uint8Array): void {
  const doubled = Buffer.allocUnsafe(bytes.length * 2);
  let k = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    doubled[k++] = b;
    if (b === 0x22) doubled[k++] = 0x22;
  }
  out.write(doubled.subarray(0, k));
}
