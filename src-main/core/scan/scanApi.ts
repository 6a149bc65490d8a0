import type { ProgressFn } from '../workers/protocol';
import { normalizeFile } from './normalize';
import type { ScanResult } from './scan';
import { scanFile } from './scan';
import { sniffHead } from './sniff';

/** The scan worker's methods: one pass over the bytes (hash, encoding, structure), and the normalizing pass. */
export const scanApi = {
  sniff: (p: { path: string }) => sniffHead(p.path),
  scan: (p: { path: string; utf8CopyPath: string; delimiter?: string }, progress: ProgressFn) =>
    scanFile(p.path, {
      utf8CopyPath: p.utf8CopyPath,
      delimiter: p.delimiter,
      onProgress: progress,
    }),
  normalize: (
    p: {
      path: string;
      scan: ScanResult;
      dataPath: string;
      rejectedPath: string;
      oversizedPath: string;
    },
    progress: ProgressFn,
  ) => normalizeFile(p.path, p.scan, p.dataPath, p.rejectedPath, progress, p.oversizedPath),
};

export type ScanApi = typeof scanApi;
