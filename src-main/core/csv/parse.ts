import { CsvTokenizer, RecordKind, splitFields } from './tokenizer';

/** One record of an in-memory parse. */
export interface ParsedRecord {
  kind: RecordKind;
  line: number;
  fields: number;
  flags: number;
  /** Field values, for header and good records only. */
  values?: string[];
  /** The record's raw text (for rejected records). */
  raw?: string;
}

export interface ParseResult {
  header: string[] | null;
  headerLine: number;
  records: ParsedRecord[];
}

/**
 * Parses a whole in-memory CSV (UTF-8 bytes). For tests, previews and small files:
 * the streaming scan uses {@link CsvTokenizer} directly and never builds strings.
 */
export function parseCsv(
  input: Uint8Array | string,
  delimiter = ',',
  chunkSize = Number.MAX_SAFE_INTEGER,
): ParseResult {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const d = delimiter.charCodeAt(0);
  const dec = new TextDecoder('utf-8');
  const records: ParsedRecord[] = [];
  let header: string[] | null = null;
  let headerLine = 0;
  const tok = new CsvTokenizer(d, (kind, line, start, end, fields, flags) => {
    const slice = bytes.subarray(start, end);
    if (kind === RecordKind.header) {
      header = splitFields(slice, d).map((f) => dec.decode(f));
      headerLine = line;
      return;
    }
    const rec: ParsedRecord = { kind, line, fields, flags };
    if (kind === RecordKind.good) rec.values = splitFields(slice, d).map((f) => dec.decode(f));
    else if (kind !== RecordKind.blank) rec.raw = dec.decode(slice);
    records.push(rec);
  });
  // Feed in chunks like the streaming scan does, re-reading where the tokenizer asks.
  let offset = 0;
  for (;;) {
    while (offset < bytes.length) {
      const end = Math.min(bytes.length, offset + chunkSize);
      const r = tok.feed(bytes.subarray(offset, end), offset);
      offset = r >= 0 ? r : end;
    }
    const r = tok.finish(bytes.length);
    if (r < 0) break;
    offset = r;
  }
  return { header, headerLine, records };
}
