/**
 * Undo of a guided fix: the fixed job is withdrawn (its stage `cancelled`, with the reason), so
 * it is no version any more and the unfixed job counts again and is the one sent. Both stay in
 * the history. A fixed artifact already sent cannot be withdrawn from the NAS by Courier (it
 * never deletes there): that is refused in plain words.
 */
import type { Report } from '../../shared/report';
import { readFileSync } from 'node:fs';
import { CourierError } from '../errors';
import type { Ledger } from '../ledger/ledger';
import { supersededBy } from '../ledger/versions';

/** Withdraws the fixed job; returns the id of the unfixed job that counts again. */
export function undoFix(ledger: Ledger, fixedJobId: string): string {
  const job = ledger.job(fixedJobId);
  const report =
    job?.reportPath && job.artifact
      ? (JSON.parse(readFileSync(job.reportPath, 'utf8')) as Report)
      : null;
  if (!job || !report?.fixedFrom)
    throw new CourierError('usage', `Job ${fixedJobId} is not a job fixed by Courier.`);
  if (job.stage === 'cancelled')
    throw new CourierError('usage', `The fix of job ${fixedJobId} was undone already.`);
  if (job.pushedAt || job.stage === 'pushing')
    throw new CourierError(
      'usage',
      `Job ${fixedJobId} was sent already: Courier never removes files from the NAS. Ask the central team to disregard it, then ingest the file again.`,
    );
  const newer = supersededBy(ledger.jobs()).get(job.id);
  if (newer)
    throw new CourierError(
      'usage',
      `Job ${fixedJobId} was replaced by job ${newer} since: undo that one instead.`,
    );
  ledger.append({
    type: 'stage',
    id: job.id,
    at: new Date().toISOString(),
    stage: 'cancelled',
    error: `Fix undone: job ${job.supersedesJob ?? report.fixedFrom.job} counts again.`,
  });
  return job.supersedesJob ?? report.fixedFrom.job;
}
