/**
 * Lines of structural findings, read again from the source file: the scan keeps only the first
 * 50 of each, and blank lines or control bytes leave no trace in the artifact. Only when the
 * file is still there, unchanged (same size and modification time as when it was checked).
 */
import { open, stat } from 'node:fs/promises';
import type { IssueCode, Report } from '../../shared/report';
import { readSepLine } from '../csv/sepLine';
import { CsvTokenizer, Flag, RecordKind } from '../csv/tokenizer';
import type { JobRecord } from '../ledger/ledger';

export const SOURCE_CODES: ReadonlySet<IssueCode> = new Set([
  'ragged-row',
  'unclosed-quote',
  'stray-quote',
  'blank-row',
  'nul-byte',
  'control-char',
]);

const CHUNK = 4 * 1024 * 1024;

/** Does this record carry the finding? (A header only its broken quoting, as in the scan.) */
function hit(code: IssueCode, kind: RecordKind, flags: number): boolean {
  if (kind === RecordKind.header)
    return (
      (code === 'unclosed-quote' && (flags & Flag.unclosedQuote) !== 0) ||
      (code === 'stray-quote' &&
        (flags & Flag.unclosedQuote) === 0 &&
        (flags & Flag.strayQuote) !== 0)
    );
  switch (code) {
    case 'ragged-row':
      return kind === RecordKind.ragged;
    case 'unclosed-quote':
      return kind === RecordKind.unclosedQuote;
    case 'stray-quote':
      return kind === RecordKind.strayQuote;
    case 'nul-byte':
      return (flags & Flag.nul) !== 0;
    case 'control-char':
      return (flags & Flag.control) !== 0;
    default:
      return false;
  }
}

/** Every line of `code` in the job's source file, or null when the file cannot be used. */
export async function sourceLines(
  job: JobRecord,
  report: Report,
  code: IssueCode,
): Promise<number[] | null> {
  const enc = report.file.encoding;
  if (enc === 'utf-16le' || enc === 'utf-16be') return null;
  const path = job.source.path;
  const st = await stat(path).catch(() => null);
  if (!st?.isFile() || st.size !== report.file.bytes) return null;
  if (job.source.mtimeMs !== undefined && st.mtimeMs !== job.source.mtimeMs) return null;

  const lines: number[] = [];
  let header = false;
  let blanks: number[] = [];
  const sink = (
    kind: RecordKind,
    line: number,
    _s: number,
    _e: number,
    _f: number,
    flags: number,
  ): void => {
    if (kind === RecordKind.blank) {
      // Blank lines count only between the header and a later record, as in the scan.
      if (header && code === 'blank-row') blanks.push(line);
      return;
    }
    if (kind === RecordKind.header) {
      header = true;
      if (hit(code, kind, flags)) lines.push(line);
      return;
    }
    if (blanks.length) {
      lines.push(...blanks);
      blanks = [];
    }
    if (hit(code, kind, flags)) lines.push(line);
  };
  const bom = enc === 'utf-8-bom' ? 3 : 0;
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    // Excel's `sep=` line is not the header: start past it, as the scan did.
    const { bytesRead: headRead } = await fh.read(buf, 0, Math.min(8, st.size), bom);
    const sep = readSepLine(buf.subarray(0, headRead));
    const start = bom + (sep?.length ?? 0);
    const tok = new CsvTokenizer(report.file.delimiter.charCodeAt(0), sink, start, sep ? 2 : 1);
    let pos = start;
    for (;;) {
      while (pos < st.size) {
        const { bytesRead } = await fh.read(buf, 0, Math.min(CHUNK, st.size - pos), pos);
        if (bytesRead <= 0) return null;
        const r = tok.feed(buf.subarray(0, bytesRead), pos);
        pos = r >= 0 ? r : pos + bytesRead;
      }
      const r = tok.finish(st.size);
      if (r < 0) break;
      pos = r;
    }
  } finally {
    await fh.close();
  }
  return lines;
}
