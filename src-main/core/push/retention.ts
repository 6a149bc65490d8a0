/** Local artifacts of pushed jobs are removed after the retention period (a setting). */
import { rm } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Ledger } from '../ledger/ledger';

/** Removes local artifacts of jobs pushed more than `days` days ago, and audits it. */
export async function applyRetention(ledger: Ledger, days: number): Promise<void> {
  const limit = Date.now() - days * 86_400_000;
  for (const j of ledger.jobs()) {
    if (j.stage !== 'pushed' || !j.artifact || !j.pushedAt || Date.parse(j.pushedAt) > limit)
      continue;
    await rm(dirname(j.artifact.path), { recursive: true, force: true });
    ledger.append({
      type: 'artifact-removed',
      id: j.id,
      at: new Date().toISOString(),
      reason: `pushed more than ${days} days ago`,
    });
    ledger.auditLog({
      op: 'deleted',
      jobId: j.id,
      file: basename(j.artifact.path),
      sha256: j.artifact.sha256,
    });
  }
}
