import { serveWorker } from '../workers/serve';
import { normalizeFile } from './normalize';
import type { ScanResult } from './scan';
import { scanFile } from './scan';
import { sniffHead } from './sniff';

/** Scan worker: one pass over the bytes (hash, encoding, structure), and the normalizing pass. */
serveWorker({
  sniff: (p: { path: string }) => sniffHead(p.path),
  scan: (p: { path: string; utf8CopyPath: string; delimiter?: string }, progress) =>
    scanFile(p.path, {
      utf8CopyPath: p.utf8CopyPath,
      delimiter: p.delimiter,
      onProgress: progress,
    }),
  normalize: (
    p: { path: string; scan: ScanResult; dataPath: string; rejectedPath: string },
    progress,
  ) => normalizeFile(p.path, p.scan, p.dataPath, p.rejectedPath, progress),
});
