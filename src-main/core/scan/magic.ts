/**
 * Recognises files that are not CSV text by their first bytes, and says what they are in
 * words a coordinator knows ("an Excel workbook (.xlsx)"), so the report can tell them to
 * export CSV instead.
 */

function startsWith(b: Uint8Array, sig: number[], at = 0): boolean {
  if (b.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[at + i] !== sig[i]) return false;
  return true;
}

function ascii(b: Uint8Array, max = 4096): string {
  let s = '';
  const n = Math.min(b.length, max);
  for (let i = 0; i < n; i++) s += String.fromCharCode(b[i]!);
  return s;
}

/** What a non-CSV file is, or null when the bytes may be CSV text. */
export function detectNotCsv(head: Uint8Array): string | null {
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    const s = ascii(head, 65536);
    if (s.includes('xl/') || s.includes('[Content_Types].xml')) return 'an Excel workbook (.xlsx)';
    if (s.includes('opendocument.spreadsheet')) return 'an OpenDocument spreadsheet (.ods)';
    if (s.includes('word/')) return 'a Word document (.docx)';
    return 'a ZIP archive';
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    return 'an old-format Excel workbook (.xls) or other Office document';
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) return 'a PDF document';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47])) return 'a PNG image';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'a JPEG image';
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return 'a GIF image';
  if (startsWith(head, [0x1f, 0x8b])) return 'a gzip-compressed file';
  if (startsWith(head, [0x42, 0x5a, 0x68])) return 'a bzip2-compressed file';
  if (startsWith(head, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return 'an xz-compressed file';
  if (startsWith(head, [0x28, 0xb5, 0x2f, 0xfd])) return 'a zstd-compressed file';
  if (startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return 'a 7-Zip archive';
  if (startsWith(head, [0x52, 0x61, 0x72, 0x21])) return 'a RAR archive';
  if (startsWith(head, [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66]))
    return 'an SQLite database';
  if (startsWith(head, [0x44, 0x55, 0x43, 0x4b], 8)) return 'a DuckDB database';
  if (startsWith(head, [0x50, 0x41, 0x52, 0x31])) return 'a Parquet file';
  if (startsWith(head, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return 'an RTF document';
  const text = ascii(head, 1024)
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (text.startsWith('<!doctype html') || text.startsWith('<html')) return 'an HTML page';
  if (text.startsWith('<?xml')) return 'an XML document';
  return null;
}

/**
 * UTF-16 without a BOM shows as a zero byte in every other position of ASCII-range text.
 * Returns the byte order, or null.
 */
export function detectUtf16NoBom(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZero++;
    if (head[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

/**
 * Binary data that is none of the known formats: many NULs or control bytes up front. Small
 * samples need more evidence, so a short CSV with a stray control character stays a CSV
 * (reported as `control-char`).
 */
export function looksBinary(head: Uint8Array): boolean {
  const n = Math.min(head.length, 8192);
  if (n < 64) return false;
  let nul = 0;
  let ctrl = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b === 0) nul++;
    else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) ctrl++;
  }
  return nul + ctrl > n * 0.1;
}
