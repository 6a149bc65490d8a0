/**
 * How events make a job record. Records are immutable: an event makes a new record that shares
 * what did not change, and every record is deep-frozen, so the index can hand its records out
 * without copying them and no caller can change what the next caller reads.
 */
import type { JobEvent, JobUpdateEvent, RecheckedJob } from './events';
import type { JobRecord } from './ledger';

const freeze = Object.freeze;

/** The record a job starts as, from its `job` event. */
export function newRecord(e: JobEvent): JobRecord {
  return freeze({
    id: e.id,
    pid: e.pid,
    proc: e.proc ?? null,
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
    supersedesJob: null,
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
  graceUntil: null,
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
        supersedesJob: e.supersedesJob ?? null,
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
    case 'push-scheduled':
      return freeze({ ...j, push: freeze({ ...j.push, graceUntil: e.notBefore }) });
  }
}

/**
 * The record after its part of a re-check: the report's status and counts and the unknown
 * patient IDs (in the summary and the manifest fields), all set from the event alone, so only
 * a job's last re-check matters for them; and the stage, when the re-check moved it and
 * nothing else did since (a push that ran meanwhile is not undone). Compaction keeps a job's
 * last re-check and every one that moved a stage (ledger/compact.ts).
 */
export function applyRecheck(j: JobRecord, r: RecheckedJob): JobRecord {
  const ids = (p: { distinct: number; unknown: number } | null | undefined) =>
    p && r.unknown !== null ? freeze({ distinct: p.distinct, unknown: r.unknown }) : (p ?? null);
  const summary = j.summary
    ? freeze({
        ...j.summary,
        status: r.status,
        issues: freeze({ ...r.issues }),
        patientIds: ids(j.summary.patientIds),
      })
    : null;
  const meta = j.meta
    ? freezeDeep({
        ...j.meta,
        patientIds: ids(j.meta.patientIds as { distinct: number; unknown: number } | null),
        precheck: { status: r.status, counts: { ...r.counts } },
      })
    : null;
  return freeze({
    ...j,
    summary,
    issues: summary ? summary.issues : j.issues,
    meta,
    stage: r.stage && j.stage === r.stage.from ? r.stage.to : j.stage,
  });
}

/** Freezes `value` and everything in it. */
function freezeDeep<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  freeze(value);
  for (const k in value) freezeDeep(value[k]);
  return value;
}
