import { join } from 'node:path';
import { Log } from '../log';
import { privateDir } from '../paths';
import type { Stats } from 'node:fs';
import { auditEventSchema, EVENT_VERSION, ledgerEventSchema } from './events';
import type { AuditEvent, DeclaredEvent, JobEvent, LedgerEvent } from './events';
import { JobIndex } from './jobIndex';
import { findJob } from './jobLookup';
import { Journal } from './journal';
import type { SkipReporter } from './journal';
import { KEPT_STAGES, TERMINAL_STAGES } from './record';
import type { JobRecord } from './record';
import { JournalTail } from './tail';

export { KEPT_STAGES, TERMINAL_STAGES } from './record';
export type { JobRecord } from './record';

/**
 * The error a recovered push carries: its writer is known dead, so the `.partial` it left is
 * stale at once (otherwise a young partial means another push is running).
 */
export const INTERRUPTED_PUSH =
  'The push was interrupted when Courier stopped; it will be retried.';

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
 * {@link Journal}) and an append-only audit log.
 *
 * The jobs are folded into an index kept in memory ({@link JobIndex}), brought up to date on
 * every question by reading only what the journal gained since the last one: its size says
 * whether it grew (another process appended) or must be read again (it shrank, or another
 * file took its name). The index's records are frozen, shared, never copied.
 */
export class Ledger {
  private readonly journal: Journal<LedgerEvent>;
  private readonly audit: Journal<AuditEvent>;
  private index = new JobIndex();
  private readonly tail: JournalTail<LedgerEvent>;
  /**
   * `job` events the journal may no longer have: those this process wrote, and those of a
   * journal that was deleted or replaced since it was read (see {@link restate}).
   */
  private readonly remembered = new Map<string, JobEvent>();
  private readonly log: () => Log;

  constructor(readonly home: string) {
    privateDir(home);
    // Opened when there is something to say only: a healthy ledger writes no log.
    let log: Log | null = null;
    this.log = () => (log ??= new Log(home));
    // The line number and the reason only: a line holds file names and paths.
    const skipped =
      (name: string): SkipReporter =>
      (line, reason) =>
        this.log().warn(`${name} line ${line} skipped: ${reason}`);
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
    this.tail = new JournalTail(this.journal, {
      reset: () => {
        for (const e of this.index.jobEvents()) this.remembered.set(e.id, e);
        this.index = new JobIndex();
      },
      event: (e) => this.index.apply(e),
    });
  }

  /** Bytes of the journal read since this ledger was opened (for tests: growth, not rereads). */
  get bytesRead(): number {
    return this.tail.bytesRead;
  }

  /**
   * Appends an event. An event of a job whose `job` event is not in the journal (deleted or
   * replaced while the job ran) would be ignored by every reader: the `job` event is written
   * again first, from memory, so the job keeps its history from there on.
   */
  append(event: LedgerEvent, durable = true): void {
    if (event.type === 'job') {
      this.remembered.set(event.id, event);
      this.journal.append(event, durable);
      return;
    }
    const id = event.type === 'not-available' || event.type === 'declared' ? null : event.id;
    this.journal.append(
      event,
      durable,
      id === null ? undefined : (fd, st) => this.restate(id, fd, st),
    );
  }

  /** The `job` event of job `id` if the journal open on `fd` does not have it. */
  private restate(id: string, fd: number, st: Stats): LedgerEvent[] {
    // The usual case, with no read: the file already read, and the job in it.
    if (this.tail.isCurrent(st) && this.index.has(id)) return [];
    // Another file, or a part not read yet: read it through the appending descriptor, which
    // holds the very file the event goes to.
    this.tail.sync(fd, st);
    if (this.index.has(id)) return [];
    const job = this.remembered.get(id);
    if (!job) return [];
    this.log().warn(
      `ledger.jsonl was deleted or replaced while job ${id} ran: its job event is written again`,
    );
    return [job];
  }

  auditLog(event: Omit<AuditEvent, 'at'>): void {
    this.audit.append({ at: new Date().toISOString(), ...event });
  }

  auditEvents(): AuditEvent[] {
    return this.audit.read();
  }

  /** Every valid event of the journal, read afresh. */
  events(): LedgerEvent[] {
    return this.journal.read();
  }

  /** The index, brought up to the journal's current content. */
  private current(): JobIndex {
    this.tail.sync();
    return this.index;
  }

  /** Every job, oldest first: a new array of frozen records. */
  jobs(): JobRecord[] {
    return this.current().all();
  }

  /**
   * The job with this exact id, or the only one whose id begins with it (see
   * {@link findJob}); null when none does.
   * @throws JobIdError for an empty or too short id, or one that begins several ids.
   */
  job(id: string): JobRecord | null {
    return findJob(this.current(), id);
  }

  /** The job with exactly this id (ids the program holds, never what a person typed). */
  exact(id: string): JobRecord | null {
    return this.current().get(id) ?? null;
  }

  /** Whether this exact file (path, size, mtime) became a job before that did not fail. */
  hasTaken(path: string, bytes: number, mtimeMs: number): boolean {
    return this.current().hasTaken(path, bytes, mtimeMs);
  }

  /**
   * The artifact of the submission's latest kept patient table, if any; among `jobs` when
   * given (oldest first), else among all.
   */
  latestPatientArtifact(
    cohort: string | null,
    protocolYear: number | null,
    jobs?: JobRecord[],
  ): string | null {
    if (!jobs) return this.current().latestPatientArtifact(cohort, protocolYear);
    for (let i = jobs.length - 1; i >= 0; i--) {
      const x = jobs[i]!;
      if (
        x.table === 'patient' &&
        x.cohort === cohort &&
        x.protocolYear === protocolYear &&
        KEPT_STAGES.has(x.stage) &&
        x.artifact
      )
        return x.artifact.path;
    }
    return null;
  }

  /** The latest declaration of a submission made from this data folder, if any. */
  lastDeclaration(cohort: string, protocolYear: number): DeclaredEvent | null {
    return this.current().lastDeclaration(cohort, protocolYear);
  }

  /** Tables marked "not available" for a submission, with their reasons. */
  notAvailable(cohort: string | null, protocolYear: number | null): Map<string, string | null> {
    return this.current().notAvailable(cohort, protocolYear);
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
      // The stage first: most jobs are finished, and asking whether a process runs is a
      // system call.
      const pushing = j.stage === 'pushing';
      if ((!pushing && TERMINAL_STAGES.has(j.stage)) || isAlive(j.pid)) continue;
      if (pushing) {
        this.append({
          type: 'stage',
          id: j.id,
          at: now,
          stage: 'push-queued',
          error: INTERRUPTED_PUSH,
        });
      } else {
        this.append({
          type: 'stage',
          id: j.id,
          at: now,
          stage: 'failed',
          error: 'Courier was stopped while processing this file. Add the file again.',
        });
      }
      touched.push(j.id);
    }
    return touched;
  }
}
