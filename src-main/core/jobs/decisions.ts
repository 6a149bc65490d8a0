/** Decisions a coordinator records in the ledger: overrides and tables not available. */
import { userInfo } from 'node:os';
import { overrideBlock } from '../../shared/sendable';
import type { DefinitionSet } from '../definitions/loader';
import type { JobRecord, Ledger } from '../ledger/ledger';
import { CourierError } from '../errors';

function who(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/**
 * Lets a blocked job be pushed despite its errors, as `courier override` does: the override
 * event (who and why), the job back to `ready`, and an audit record.
 */
export function overrideJob(ledger: Ledger, job: JobRecord, reason: string): void {
  // A file that is not a CSV, of an unknown table, or never converted has nothing to send.
  const why = overrideBlock({
    name: job.source.name,
    stage: job.stage,
    table: job.table,
    converted: job.artifact !== null,
  });
  if (why) throw new CourierError('conflict', why);
  const text = reason.trim();
  if (text.length < 5)
    throw new CourierError('invalid-args', 'Give a reason of at least a few words.');
  const at = new Date().toISOString();
  ledger.append({ type: 'override', id: job.id, at, by: who(), reason: text });
  ledger.append({ type: 'stage', id: job.id, at, stage: 'ready' });
  ledger.auditLog({
    op: 'override',
    jobId: job.id,
    sha256: job.source.sha256 ?? undefined,
    detail: 'pushed despite blocking errors',
  });
}

/**
 * Records that a table will not be part of a submission, and why; with `reason` null,
 * withdraws that mark (the table is expected after all).
 */
export function markNotAvailable(
  ledger: Ledger,
  defs: DefinitionSet,
  o: { cohort: string | null; protocolYear: number | null; table: string; reason: string | null },
): void {
  if (!defs.get(o.table))
    throw new CourierError('not-found', `There is no table named "${o.table}".`);
  ledger.append({
    type: 'not-available',
    at: new Date().toISOString(),
    cohort: o.cohort,
    protocolYear: o.protocolYear,
    table: o.table,
    reason: o.reason === null ? null : o.reason.trim(),
    ...(o.reason === null ? { cleared: true } : {}),
  });
}
