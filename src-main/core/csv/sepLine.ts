/**
 * Excel's first line naming the delimiter, `sep=;`: Excel writes it (and reads it) so that a
 * file opens in columns whatever the computer's list separator. It is not the header: the
 * scan, the sniff, the load and every re-read skip it and use the delimiter it names, while
 * line numbers stay physical (the header is then line 2).
 */

/** A `sep=` line at the start of some bytes. */
export interface SepLine {
  /** The delimiter it names. */
  delimiter: string;
  /** Bytes of the line with its terminator. */
  length: number;
  terminator: 'lf' | 'crlf' | 'cr';
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/** The `sep=X` line starting at `bytes[start]`, or null when there is none. */
export function readSepLine(bytes: Uint8Array, start = 0): SepLine | null {
  if (bytes.length < start + 6) return null;
  const word = String.fromCharCode(...bytes.subarray(start, start + 4)).toLowerCase();
  if (word !== 'sep=') return null;
  const d = bytes[start + 4]!;
  // One printable ASCII character or a tab, never a quote or a line break.
  if (!(d === 0x09 || (d >= 0x20 && d < 0x7f)) || d === QUOTE) return null;
  const after = bytes[start + 5];
  if (after === LF) return { delimiter: String.fromCharCode(d), length: 6, terminator: 'lf' };
  if (after !== CR) return null;
  return bytes[start + 6] === LF
    ? { delimiter: String.fromCharCode(d), length: 7, terminator: 'crlf' }
    : { delimiter: String.fromCharCode(d), length: 6, terminator: 'cr' };
}
