/** Turns ledger records and queued files into the window's job views (plain JSON). */
import { existsSync } from 'node:fs';
import type { Progress } from '../../shared/report';
import type { JobOrigin, JobView } from '../../shared/views';
import type { JobRecord } from '../ledger/ledger';
import type { QueueItem } from './queue';

/** A ledger job as the window shows it. */
export function jobView(
  j: JobRecord,
  extra: {
    progress: Progress | null;
    origin: JobOrigin | null;
    duplicateOfName: string | null;
    hasReport: boolean;
  },
): JobView {
  return {
    id: j.id,
    pending: false,
    name: j.source.name,
    bytes: j.source.bytes,
    table: j.table,
    cohort: j.cohort,
    protocolYear: j.protocolYear,
    stage: j.stage,
    error: j.error ?? j.push.lastError,
    rows: j.rows,
    rowsRejected: j.rowsRejected,
    issues: j.issues,
    duplicateOf: j.duplicateOf,
    duplicateOfName: extra.duplicateOfName,
    override: j.override,
    createdAt: j.createdAt,
    pushedAt: j.pushedAt,
    push: {
      local: j.push.local,
      dest: j.push.dest,
      attempts: j.push.attempts,
      lastError: j.push.lastError,
      nextAttemptAt: j.push.nextAttemptAt,
    },
    progress: extra.progress,
    origin: extra.origin,
    hasReport: extra.hasReport,
    canReingest: existsSync(j.source.path),
  };
}

/** A file still waiting for its turn. */
export function pendingView(item: QueueItem): JobView {
  return {
    id: item.key,
    pending: true,
    name: item.name,
    bytes: item.bytes,
    table: item.table,
    cohort: item.cohort,
    protocolYear: item.protocolYear,
    stage: 'queued',
    error: null,
    rows: null,
    rowsRejected: null,
    issues: null,
    duplicateOf: null,
    duplicateOfName: null,
    override: null,
    createdAt: item.queuedAt,
    pushedAt: null,
    push: { local: false, dest: null, attempts: 0, lastError: null, nextAttemptAt: null },
    progress: null,
    origin: item.origin,
    hasReport: false,
    canReingest: false,
  };
}
