import { join } from 'node:path';
import type { Stage } from '../../shared/report';
import { Log } from '../log';
import { privateDir } from '../paths';
import { auditEventSchema, EVENT_VERSION, ledgerEventSchema } from './events';
import type { AuditEvent, LedgerEvent, ResultSummary } from './events';
import { Journal } from './journal';
import type { SkipReporter } from './journal';

/** One job as the ledger knows it (history, status, push queue). */
export interface JobRecord {
  id: string;
  pid: number;
  source: { name: string; path: string; bytes: number; sha256: string | null; mtimeMs?: number };
  table: string | null;
  cohort: string | null;
  protocolYear: number | null;
  site: string | null;
  stage: Stage;
  error: string | null;
  summary: ResultSummary | null;
  rows: number | null;
  rowsRejected: number | null;
  issues: { error: number; warning: number; info: number } | null;
  reportPath: string | null;
  artifact: { path: string; bytes: number; sha256: string } | null;
  meta: Record<string, unknown> | null;
  duplicateOf: string | null;
  supersedes: string | null;
  override: { by: string; reason: string; at: string } | null;
  createdAt: string;
  pushedAt: string | null;
  push: {
    dest: string | null;
    local: boolean;
    files: { artifact: string; manifest: string } | null;
    attempts: number;
    lastError: string | null;
    nextAttemptAt: string | null;
  };
}

/**
 * The error a recovered push carries: its writer is known dead, so the `.partial` it left is
 * stale at once (otherwise a young partial means another push is running).
 */
export const INTERRUPTED_PUSH =
  'The push was interrupted when Courier stopped; it will be retried.';

/** Stages of a job whose artifact counts for its submission. */
export const KEPT_STAGES: ReadonlySet<Stage> = new Set([
  'ready',
  'blocked',
  'push-queued',
  'pushing',
  'pushed',
]);

export const TERMINAL_STAGES: ReadonlySet<Stage> = new Set([
  'ready',
  'blocked',
  'failed',
  'cancelled',
  'skipped',
  'pushed',
  'push-queued',
]);

/** Whether a process still runs (EPERM: it does, as another user). */
export function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The durable local state under COURIER_HOME: an append-only journal of job events (see
 * {@link Journal}) folded into job records on read, and an append-only audit log.
 */
export class Ledger {
  private readonly journal: Journal<LedgerEvent>;
  private readonly audit: Journal<AuditEvent>;

  constructor(readonly home: string) {
    privateDir(home);
    // Opened on the first skipped line only: a healthy ledger writes no log.
    let log: Log | null = null;
    // The line number and the reason only: a line holds file names and paths.
    const skipped =
      (name: string): SkipReporter =>
      (line, reason) =>
        (log ??= new Log(home)).warn(`${name} line ${line} skipped: ${reason}`);
    this.journal = new Journal(join(home, 'ledger.jsonl'), {
      schema: ledgerEventSchema,
      version: EVENT_VERSION,
      what: 'a change to its job history',
      onSkip: skipped('ledger.jsonl'),
    });
    this.audit = new Journal(join(home, 'audit.jsonl'), {
      schema: auditEventSchema,
      version: EVENT_VERSION,
      what: 'a file operation in the audit log',
      onSkip: skipped('audit.jsonl'),
    });
  }

  append(event: LedgerEvent, durable = true): void {
    this.journal.append(event, durable);
  }

  auditLog(event: Omit<AuditEvent, 'at'>): void {
    this.audit.append({ at: new Date().toISOString(), ...event });
  }

  auditEvents(): AuditEvent[] {
    return this.audit.read();
  }

  events(): LedgerEvent[] {
    return this.journal.read();
  }

  /** Every job, oldest first. */
  jobs(): JobRecord[] {
    const map = new Map<string, JobRecord>();
    for (const e of this.journal.read()) {
      if (e.type === 'job') {
        map.set(e.id, {
          id: e.id,
          pid: e.pid,
          source: { ...e.source, sha256: null },
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
          push: {
            dest: null,
            local: false,
            files: null,
            attempts: 0,
            lastError: null,
            nextAttemptAt: null,
          },
        });
        continue;
      }
      if (e.type === 'not-available') continue;
      const j = map.get(e.id);
      if (!j) continue;
      switch (e.type) {
        case 'stage':
          j.stage = e.stage;
          j.error = e.error ?? null;
          break;
        case 'result':
          j.source.sha256 = e.sha256;
          j.summary = e.summary;
          if (e.summary) {
            j.table = e.summary.table;
            j.rows = e.summary.rows;
            j.rowsRejected = e.summary.rowsRejected;
            j.issues = e.summary.issues;
          }
          j.reportPath = e.reportPath;
          j.artifact = e.artifact;
          j.meta = e.meta;
          j.duplicateOf = e.duplicateOf;
          j.supersedes = e.supersedes;
          break;
        case 'override':
          j.override = { by: e.by, reason: e.reason, at: e.at };
          break;
        case 'pushed':
          j.pushedAt = e.at;
          j.push.dest = e.dest;
          j.push.local = e.local;
          j.push.files = e.files;
          j.push.lastError = null;
          j.push.nextAttemptAt = null;
          break;
        case 'push-failed':
          j.push.attempts = e.attempt;
          j.push.lastError = e.message;
          j.push.nextAttemptAt = e.nextAttemptAt;
          break;
        case 'artifact-removed':
          j.artifact = null;
          break;
      }
    }
    return [...map.values()];
  }

  job(id: string): JobRecord | null {
    return this.jobs().find((j) => j.id === id || j.id.endsWith(id)) ?? null;
  }

  /** Whether this exact file (path, size, mtime) became a job before that did not fail. */
  hasTaken(path: string, bytes: number, mtimeMs: number): boolean {
    return this.jobs().some(
      (j) =>
        j.source.path === path &&
        j.source.bytes === bytes &&
        j.source.mtimeMs === mtimeMs &&
        j.stage !== 'failed' &&
        j.stage !== 'cancelled',
    );
  }

  /** The artifact of the submission's latest kept patient table, if any. */
  latestPatientArtifact(
    cohort: string | null,
    protocolYear: number | null,
    jobs: JobRecord[] = this.jobs(),
  ): string | null {
    const j = [...jobs]
      .reverse()
      .find(
        (x) =>
          x.table === 'patient' &&
          x.cohort === cohort &&
          x.protocolYear === protocolYear &&
          KEPT_STAGES.has(x.stage) &&
          x.artifact,
      );
    return j?.artifact?.path ?? null;
  }

  /** Tables marked "not available" for a submission, with their reasons. */
  notAvailable(cohort: string | null, protocolYear: number | null): Map<string, string | null> {
    const out = new Map<string, string | null>();
    for (const e of this.journal.read()) {
      if (e.type !== 'not-available' || e.cohort !== cohort || e.protocolYear !== protocolYear)
        continue;
      if (e.cleared) out.delete(e.table);
      else out.set(e.table, e.reason);
    }
    return out;
  }

  /**
   * Recovery after a crash: jobs left mid-way by a process that no longer runs. Conversions
   * are marked failed (their staging is gone; the coordinator adds the file again); pushes
   * go back to the queue (pushing is idempotent). Returns the ids touched.
   */
  recover(): string[] {
    const touched: string[] = [];
    const now = new Date().toISOString();
    for (const j of this.jobs()) {
      if (isAlive(j.pid)) continue;
      if (j.stage === 'pushing') {
        this.append({
          type: 'stage',
          id: j.id,
          at: now,
          stage: 'push-queued',
          error: INTERRUPTED_PUSH,
        });
        touched.push(j.id);
      } else if (!TERMINAL_STAGES.has(j.stage)) {
        this.append({
          type: 'stage',
          id: j.id,
          at: now,
          stage: 'failed',
          error: 'Courier was stopped while processing this file. Add the file again.',
        });
        touched.push(j.id);
      }
    }
    return touched;
  }
}
