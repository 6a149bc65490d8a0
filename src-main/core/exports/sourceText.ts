/**
 * The raw text of a source file's physical lines, read forward once (lines asked for in
 * ascending order), decoded as the scan found the file encoded. For the local "every line"
 * export only: used when the source is still there unchanged.
 */
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { Report } from '../../shared/report';
import type { JobRecord } from '../ledger/ledger';

const CHUNK = 1024 * 1024;
/** A source line longer than this is cut (a broken quote can make one line of a whole file). */
const MAX_LINE = 10_000;

const DECODERS: Record<Report['file']['encoding'], string> = {
  'utf-8': 'utf-8',
  'utf-8-bom': 'utf-8',
  'windows-1252': 'windows-1252',
  'iso-8859-1': 'latin1',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
};

export interface SourceText {
  /** The text of physical line `n` (1-based), without its line end; '' past the end. */
  lineAt(n: number): Promise<string>;
  close(): Promise<void>;
}

/** Opens the job's source when it is still the file that was checked; else null. */
export async function openSourceText(job: JobRecord, report: Report): Promise<SourceText | null> {
  const path = job.source.path;
  const st = await stat(path).catch(() => null);
  if (!st?.isFile() || st.size !== report.file.bytes) return null;
  if (job.source.mtimeMs !== undefined && st.mtimeMs !== job.source.mtimeMs) return null;
  const fh = await open(path, 'r').catch(() => null);
  return fh ? reader(fh, st.size, report.file.encoding) : null;
}

function reader(fh: FileHandle, size: number, encoding: Report['file']['encoding']): SourceText {
  const decoder = new TextDecoder(DECODERS[encoding], { ignoreBOM: false });
  const buf = Buffer.allocUnsafe(CHUNK);
  let pos = 0;
  let pending = '';
  let line = 1;
  let current = '';
  let ended = false;

  /** Reads until line `n` is complete in `current` (or the file ends). */
  async function advance(n: number): Promise<void> {
    for (;;) {
      // Take every complete line out of `pending`.
      for (;;) {
        const m = /\r\n|\n|\r/.exec(pending);
        // A CR at the very end may be the first half of a CRLF: wait for more.
        if (!m || (m[0] === '\r' && m.index === pending.length - 1 && !ended)) break;
        if (line === n) {
          current = pending.slice(0, Math.min(m.index, MAX_LINE));
          pending = pending.slice(m.index + m[0].length);
          line++;
          return;
        }
        pending = pending.slice(m.index + m[0].length);
        line++;
      }
      if (pending.length > MAX_LINE * 4 && line < n) pending = pending.slice(-MAX_LINE);
      if (ended) {
        current = line === n ? pending.slice(0, MAX_LINE) : '';
        if (line === n) {
          pending = '';
          line++;
        }
        return;
      }
      const { bytesRead } = await fh.read(buf, 0, Math.min(CHUNK, size - pos), pos);
      pos += bytesRead;
      if (bytesRead <= 0 || pos >= size) {
        pending += decoder.decode(buf.subarray(0, Math.max(0, bytesRead)));
        ended = true;
      } else pending += decoder.decode(buf.subarray(0, bytesRead), { stream: true });
    }
  }

  return {
    async lineAt(n) {
      if (n < line) return n === line - 1 ? current : '';
      await advance(n);
      return current;
    },
    close: () => fh.close(),
  };
}
