import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, writeSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { readSepLine } from '../csv/sepLine';
import { CsvTokenizer, RecordKind } from '../csv/tokenizer';
import { decodeCp1252 } from './cp1252';
import { CHUNK_BYTES, ChunkReader, everyTenth } from './reader';
import type { ScanResult } from './scan';

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
): NormalizeResult {
  const src = scan.utf8Path ?? path;
  const fd = openSync(src, 'r');
  const dataFd = openSync(dataPath, 'w', 0o600);
  const rejFd = openSync(rejectedPath, 'w', 0o600);
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
    out.str(`${LINE_COLUMN}\n`);
    rej.str('line,raw\n');
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
  }
}
