import { closeSync, openSync, readSync } from 'node:fs';
import { sniffDelimiter } from '../csv/dialect';
import { readSepLine } from '../csv/sepLine';

/** What a quick look at the first bytes says about loading the file as it is. */
export interface Sniff {
  delimiter: string;
  columns: number;
  newLine: 'lf' | 'crlf';
  /** The first line's names (no quotes in it, or there is no sniff). */
  header: string[];
  /** Lines before the header: 1 after Excel's `sep=` line, else 0. */
  skipLines: number;
}

export function sniffHead(path: string): Sniff | null {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(1024 * 1024);
    const n = readSync(fd, head, 0, head.length, 0);
    const whole = head.subarray(0, n);
    if (n < 2 || whole[0] === 0xef || whole[0] === 0xff || whole[0] === 0xfe || whole.includes(0))
      return null;
    // Excel's `sep=;` line: its delimiter, and the header on the next line.
    const sep = readSepLine(whole);
    if (sep && sep.terminator === 'cr') return null;
    const b = whole.subarray(sep?.length ?? 0);
    const lf = b.indexOf(0x0a);
    if (lf <= 0) return null;
    const newLine = b[lf - 1] === 0x0d ? 'crlf' : 'lf';
    if (sep && sep.terminator !== newLine) return null; // mixed line ends: the scan decides
    const delimiter = sep?.delimiter ?? sniffDelimiter(b);
    const first = b.subarray(0, newLine === 'crlf' ? lf - 1 : lf);
    if (first.includes(0x22) || first.includes(0x0d)) return null; // let the full scan decide
    const header = first.toString('utf8').split(delimiter);
    return { delimiter, columns: header.length, newLine, header, skipLines: sep ? 1 : 0 };
  } finally {
    closeSync(fd);
  }
}
