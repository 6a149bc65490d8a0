import { join } from 'node:path';
import { Log } from '../log';
import { privateDir } from '../paths';
import type { Stats } from 'node:fs';
import { auditEventSchema, EVENT_VERSION, ledgerEventSchema } from './events';
import type { AuditEvent, DeclaredEvent, JobEvent, LedgerEvent } from './events';
import { compactLines, worthCompacting } from './compact';
import { JobIndex } from './jobIndex';
import type { Claim } from './jobIndex';
import { findJob } from './jobLookup';
import { Journal } from './journal';
import type { SkipReporter } from './journal';
import { KEPT_STAGES, TERMINAL_STAGES } from './record';
import type { JobRecord } from './record';
import { JournalTail } from './tail';
import { isAlive } from './owner';

export { KEPT_STAGES, TERMINAL_STAGES } from './record';
export type { JobRecord } from './record';

/**
 * The error a recovered push carries: its writer is known dead, so the `.partial` it left is
 * stale at once (otherwise a young partial means another push is running).
 */
export const INTERRUPTED_PUSH =
  'The push was interrupted when Courier stopped; it will be retried.';

export { isAlive, ownStart } from './owner';

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

  /**
   * Reads the journal in slices, letting the event loop turn between them (a large journal
   * read at a service's start does not hold off a stop); `stop` ends it early.
   */
  warmUp(stop?: () => boolean): Promise<void> {
    return this.tail.syncInSlices(stop);
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
    const ids =
      event.type === 'recheck'
        ? event.jobs.map((j) => j.id)
        : event.type === 'not-available' || event.type === 'sealed' || event.type === 'declared'
          ? []
          : [event.id];
    this.journal.append(
      event,
      durable,
      ids.length === 0 ? undefined : (fd, st) => this.restate(ids, fd, st),
    );
  }

  /** The `job` events of jobs `ids` that the journal open on `fd` does not have. */
  private restate(ids: readonly string[], fd: number, st: Stats): LedgerEvent[] {
    // The usual case, with no read: the file already read, and the jobs in it.
    if (this.tail.isCurrent(st) && ids.every((id) => this.index.has(id))) return [];
    // Another file, or a part not read yet: read it through the appending descriptor, which
    // holds the very file the event goes to.
    this.tail.sync(fd, st);
    const out: LedgerEvent[] = [];
    for (const id of ids) {
      const job = this.index.has(id) ? undefined : this.remembered.get(id);
      if (!job) continue;
      this.log().warn(
        `ledger.jsonl was deleted or replaced while job ${id} ran: its job event is written again`,
      );
      out.push(job);
    }
    return out;
  }

  auditLog(event: Omit<AuditEvent, 'at'>): void {
    this.audit.append({ at: new Date().toISOString(), ...event });
  }

  auditEvents(): AuditEvent[] {
    return this.audit.read();
  }

  /**
   * Compacts the journal (see compact.ts) while other processes go on appending to it.
   * Returns false when another process is compacting it already.
   */
  compact(): boolean {
    const done = this.journal.rewrite((read) => compactLines(read));
    if (done) this.log().info('ledger.jsonl compacted');
    return done;
  }

  /**
   * Compacts the journal when most of its lines are history a fold no longer needs (a
   * journal of 20,000 lines or more, over 6 a job); a failure is logged, never thrown.
   */
  compactIfWorthIt(): boolean {
    const index = this.current();
    if (!worthCompacting(index.events, index.size)) return false;
    try {
      return this.compact();
    } catch (e) {
      this.log().warn(`ledger.jsonl could not be compacted: ${(e as Error).message}`);
      return false;
    }
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

  /**
   * Whether this exact file (its identity, see watch/identity.ts) became a job before that
   * did not fail. Jobs of earlier versions, which recorded no identity, are matched by path,
   * size and mtime.
   */
  hasTaken(identity: string, path: string, bytes: number, mtimeMs: number): boolean {
    return this.current().hasTaken(identity, path, bytes, mtimeMs);
  }

  /** The jobs of one source path, oldest first. */
  jobsAt(path: string): JobRecord[] {
    return this.current().atPath(path);
  }

  /** Whether the process that runs (or ran) job `j` still runs it. */
  ownerAlive(j: JobRecord): boolean {
    return !TERMINAL_STAGES.has(j.stage) && isAlive(j.pid, j.proc);
  }

  /**
   * The job that has this file before job `id` does: one whose identity claim (its `job`
   * event) is kept, or earlier in the journal and still running. Null: `id` has it.
   */
  fileClaimedBefore(id: string, identity: string): JobRecord | null {
    const index = this.current();
    return this.firstClaim(index, id, index.identityClaims(identity));
  }

  /**
   * Claims the bytes job `id` read (their SHA-256) before it converts them, and answers who
   * has them: a kept job with the same bytes (the newest), or a running one that claimed them
   * earlier in the journal. The journal's append order is the same for every process, so of
   * two jobs claiming at once, exactly the later one sees the other. Null: `id` has them.
   */
  claimBytes(id: string, sha256: string): JobRecord | null {
    this.append({ type: 'claim', id, at: new Date().toISOString(), sha256 });
    const index = this.current();
    return this.firstClaim(index, id, index.hashClaims(sha256));
  }

  private firstClaim(index: JobIndex, id: string, claims: readonly Claim[]): JobRecord | null {
    const mine = claims.find((c) => c.id === id)?.seq ?? Infinity;
    let kept: JobRecord | null = null;
    for (const c of claims) {
      if (c.id === id) continue;
      const j = index.get(c.id);
      if (!j) continue;
      if (KEPT_STAGES.has(j.stage))
        kept = j; // the newest kept one
      else if (!kept && c.seq < mine && this.ownerAlive(j)) return j;
    }
    return kept;
  }

  /** Records that a file's new identity holds job `id`'s bytes (see `same-file`). */
  sameFile(id: string, path: string, identity: string): void {
    this.append({ type: 'same-file', id, at: new Date().toISOString(), path, identity });
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
      // By PID and start time: a PID in use again (PID 1 in a container, a reboot) is not
      // the process that ran the job.
      if ((!pushing && TERMINAL_STAGES.has(j.stage)) || isAlive(j.pid, j.proc)) continue;
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
