import { closeSync, openSync, readSync } from 'node:fs';
import { sniffDelimiter } from '../csv/dialect';

/** What a quick look at the first bytes says about loading the file as it is. */
export interface Sniff {
  delimiter: string;
  columns: number;
  newLine: 'lf' | 'crlf';
  /** The first line's names (no quotes in it, or there is no sniff). */
  header: string[];
}

export function sniffHead(path: string): Sniff | null {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(1024 * 1024);
    const n = readSync(fd, head, 0, head.length, 0);
    const b = head.subarray(0, n);
    if (n < 2 || b[0] === 0xef || b[0] === 0xff || b[0] === 0xfe || b.includes(0)) return null;
    const lf = b.indexOf(0x0a);
    if (lf <= 0) return null;
    const newLine = b[lf - 1] === 0x0d ? 'crlf' : 'lf';
    const delimiter = sniffDelimiter(b);
    const first = b.subarray(0, newLine === 'crlf' ? lf - 1 : lf);
    if (first.includes(0x22) || first.includes(0x0d)) return null; // let the full scan decide
    const header = first.toString('utf8').split(delimiter);
    return { delimiter, columns: header.length, newLine, header };
  } finally {
    closeSync(fd);
  }
}
