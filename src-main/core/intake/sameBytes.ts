/**
 * "Hash when in doubt": a file whose identity changed while its size and mtime did not (a
 * `chmod`, a copy that kept the times, a restore) may hold the very bytes an earlier job took.
 * Hashing it tells; the same bytes are recorded as the same file and not taken again.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { JobRecord, Ledger } from '../ledger/ledger';
import { KEPT_STAGES } from '../ledger/ledger';
import type { SettledFile } from '../watch/watcher';

/** SHA-256 of a whole file, streamed; null when it cannot be read. */
export async function sha256OfFile(path: string): Promise<string | null> {
  const h = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 4 * 1024 * 1024 }))
      h.update(chunk as Buffer);
  } catch {
    return null;
  }
  return h.digest('hex');
}

/** The job that took this path with the same size and mtime (so, maybe the same bytes). */
export function doubtful(ledger: Ledger, f: SettledFile): JobRecord | null {
  const jobs = ledger.jobsAt(f.path);
  for (let i = jobs.length - 1; i >= 0; i--) {
    const j = jobs[i]!;
    if (
      j.source.sha256 &&
      (KEPT_STAGES.has(j.stage) || j.stage === 'skipped') &&
      j.source.bytes === f.size &&
      j.source.mtimeMs === f.mtimeMs
    )
      return j;
  }
  return null;
}

/**
 * Whether the file holds the bytes of the job that took it before: then its new identity is
 * recorded as that job's (a `same-file` event), so it is not hashed again either.
 */
export async function sameBytesAsBefore(ledger: Ledger, f: SettledFile): Promise<JobRecord | null> {
  const earlier = doubtful(ledger, f);
  if (!earlier) return null;
  const sha = await sha256OfFile(f.path);
  if (sha !== earlier.source.sha256) return null;
  ledger.sameFile(earlier.id, f.path, f.identity);
  return earlier;
}
