/**
 * How events make a job record. Records are immutable: an event makes a new record that shares
 * what did not change, and every record is deep-frozen, so the index can hand its records out
 * without copying them and no caller can change what the next caller reads.
 */
import type { JobEvent, JobUpdateEvent } from './events';
import type { JobRecord } from './ledger';

const freeze = Object.freeze;

/** The record a job starts as, from its `job` event. */
export function newRecord(e: JobEvent): JobRecord {
  return freeze({
    id: e.id,
    pid: e.pid,
    source: freeze({ ...e.source, sha256: null }),
    table: e.table,
    cohort: e.cohort,
    protocolYear: e.protocolYear,
    site: e.site,
    stage: 'queued',
    error: null,
    summary: null,
    rows: null,
    rowsRejected: null,
    issues: null,
    reportPath: null,
    artifact: null,
    meta: null,
    duplicateOf: null,
    supersedes: null,
    override: null,
    createdAt: e.at,
    pushedAt: null,
    push: NO_PUSH,
  });
}

const NO_PUSH: JobRecord['push'] = freeze({
  dest: null,
  local: false,
  files: null,
  attempts: 0,
  lastError: null,
  nextAttemptAt: null,
});

/**
 * The record after one more event of its job. Only what the event brings is frozen here
 * (the new objects, and the event's own values, deeply): the rest is shared, frozen already.
 */
export function applyEvent(j: JobRecord, e: JobUpdateEvent): JobRecord {
  switch (e.type) {
    case 'stage':
      return freeze({ ...j, stage: e.stage, error: e.error ?? null });
    case 'result':
      return freeze({
        ...j,
        source: freeze({ ...j.source, sha256: e.sha256 }),
        summary: freezeDeep(e.summary),
        ...(e.summary
          ? {
              table: e.summary.table,
              rows: e.summary.rows,
              rowsRejected: e.summary.rowsRejected,
              issues: e.summary.issues,
            }
          : {}),
        reportPath: e.reportPath,
        artifact: freezeDeep(e.artifact),
        meta: freezeDeep(e.meta),
        duplicateOf: e.duplicateOf,
        supersedes: e.supersedes,
      });
    case 'override':
      return freeze({ ...j, override: freeze({ by: e.by, reason: e.reason, at: e.at }) });
    case 'pushed':
      return freeze({
        ...j,
        pushedAt: e.at,
        push: freeze({
          ...j.push,
          dest: e.dest,
          local: e.local,
          files: freezeDeep(e.files),
          lastError: null,
          nextAttemptAt: null,
        }),
      });
    case 'push-failed':
      return freeze({
        ...j,
        push: freeze({
          ...j.push,
          attempts: e.attempt,
          lastError: e.message,
          nextAttemptAt: e.nextAttemptAt,
        }),
      });
    case 'artifact-removed':
      return freeze({ ...j, artifact: null });
  }
}

/** Freezes `value` and everything in it. */
function freezeDeep<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  freeze(value);
  for (const k in value) freezeDeep(value[k]);
  return value;
}
