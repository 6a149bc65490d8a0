/**
 * The intake: every way a file becomes a job, behind one queue and one pusher. Dropped,
 * picked, uploaded and watched files wait in one FIFO and are converted one at a time;
 * watched folders hand over settled files; finished files of folders that ask for it are moved
 * into done/ or rejected/; ready files of auto-push folders are sent once their grace period
 * is over (a newer version arriving meanwhile is sent instead); queued pushes are retried
 * when due, from the start. The window's service and `courier watch` both run exactly this.
 */
import type { Recipe } from '../jobs/recipes';
import { join } from 'node:path';
import type { Progress } from '../../shared/report';
import type { PushView } from '../../shared/views';
import type { DefinitionSet } from '../definitions/loader';
import type { JobResult } from '../jobs/runJob';
import type { JobRecord, Ledger } from '../ledger/ledger';
import { isAlive } from '../ledger/ledger';
import { heldBack, supersededBy } from '../ledger/versions';
import type { PushOutcome } from '../push/queue';
import { Pusher } from '../push/pusher';
import type { SettingsStore } from '../settings/settings';
import { moveInto } from '../watch/move';
import type { SettledFile } from '../watch/watcher';
import { fileInput } from './inputs';
import type { QueueInput, QueueItem } from './queue';
import { JobQueue } from './queue';
import type { PhiPolicy } from '../../shared/settings';
import { runItem } from './runItem';
import { sameBytesAsBefore } from './sameBytes';
import type { WatchedFolderPlan } from './watching';
import { missingMessage, Watching } from './watching';

/** What the intake tells whoever runs it (the service's events, the command's log lines). */
export interface IntakeHooks {
  queueChanged?: () => void;
  /** A queued file's job has its ledger id. */
  started?: (item: QueueItem, jobId: string) => void;
  progress?: (item: QueueItem, p: Progress) => void;
  finished?: (item: QueueItem, result: JobResult) => void;
  moved?: (item: QueueItem, to: string) => void;
  pushed?: (jobId: string, outcome: PushOutcome) => void;
  pushRunDone?: (summary: PushView) => void;
  /** Something went wrong that no job owns (a watcher error, a file that could not be moved). */
  problem?: (message: string) => void;
  polling?: (folder: string, reason: string) => void;
  /** A watched folder disappeared, or is back (without this hook: a `problem` when it goes). */
  folder?: (path: string, present: boolean) => void;
  /** A ready file's automatic push waits until `until` for a newer version. */
  scheduled?: (jobId: string, until: string) => void;
  /** A ready file is not sent after all: a newer version of it arrived. */
  replaced?: (jobId: string, by: JobRecord) => void;
  /** A file changed its identity but not its bytes: not taken again. */
  unchanged?: (path: string, job: JobRecord) => void;
}

export interface IntakeOptions {
  home: string;
  ledger: Ledger;
  settings: SettingsStore;
  definitions: () => DefinitionSet;
  /** Watched files are taken once unchanged this long (default 2 s). */
  stableMs?: number;
  /** Watched folders are listed again this often, for missed events (default 60 s; 0: never). */
  rescanMs?: number;
  /** The longest wait between looks at the push queue (default 30 s; 0: no retries). */
  retryMs?: number;
  /** Grace period of automatic pushes (default: the setting `autoPushGraceSec`). */
  graceMs?: number;
  /** The push destination (`courier watch --dest`); default: the setting, else the outbox. */
  dest?: string | null;
  /** `courier watch --phi-policy`: the identifier screen's severity, instead of the setting. */
  phiPolicy?: PhiPolicy;
  /** A recipe applied to every file (`courier watch --recipe`); default: the saved ones. */
  recipe?: Recipe | 'saved' | null;
  hooks?: IntakeHooks;
}

export class Intake {
  readonly queue: JobQueue;
  readonly pusher: Pusher;
  private readonly watching: Watching;
  private readonly hooks: IntakeHooks;
  private retryTimer: NodeJS.Timeout | null = null;
  private retrying = false;
  private readonly graceTimers = new Set<NodeJS.Timeout>();
  /** Replaced jobs already reported as not sent. */
  private readonly toldReplaced = new Set<string>();
  private closed = false;
  /** When the journal was last looked at for compaction (0: not yet in this process). */
  private compactedAt = 0;
  private readonly maintenance: NodeJS.Timeout;

  constructor(private readonly o: IntakeOptions) {
    this.hooks = o.hooks ?? {};
    this.queue = new JobQueue(
      (item) => this.run(item),
      () => this.hooks.queueChanged?.(),
    );
    this.pusher = new Pusher({
      ledger: o.ledger,
      settings: o.settings,
      home: o.home,
      dest: o.dest ?? null,
      onJob: (id, outcome) => this.hooks.pushed?.(id, outcome),
      onDone: (summary) => {
        this.hooks.pushRunDone?.(summary);
        this.armRetry();
      },
    });
    // Compaction between jobs, never while one runs: a service starts fast and compacts
    // when it has a moment (and hourly after that).
    this.maintenance = setInterval(() => {
      if (!this.queue.running() && this.queue.pending().length === 0) this.compactNowAndThen();
    }, 60_000);
    this.maintenance.unref();
    this.watching = new Watching({
      stableMs: o.stableMs ?? 2000,
      rescanMs: o.rescanMs ?? 60_000,
      take: (file, folder) => void this.takeWatched(file, folder),
      alreadyTaken: (f) =>
        o.ledger.hasTaken(f.identity, f.path, f.size, f.mtimeMs) || this.inQueue(f.path),
      onProblem: (message) => this.hooks.problem?.(message),
      onPolling: (folder, reason) => this.hooks.polling?.(folder, reason),
      onFolder: (path, present) => {
        if (this.hooks.folder) this.hooks.folder(path, present);
        else if (!present) this.hooks.problem?.(missingMessage(path));
      },
    });
  }

  /** Watches exactly these folders (a settings change replaces them). */
  watch(folders: readonly WatchedFolderPlan[]): Promise<void> {
    return this.watching.apply(folders);
  }

  /** Watched folders that cannot be found now. */
  get watchProblems(): { path: string; message: string }[] {
    return this.watching.problems;
  }

  /**
   * Sends at once what an earlier run left queued (a start is a new chance, whatever the
   * backoff said) and what waited out its grace period meanwhile, then looks at the queue
   * again exactly when the next retry or grace period falls due.
   */
  startRetries(): void {
    this.retrying = (this.o.retryMs ?? 30_000) > 0;
    const jobs = this.o.ledger.jobs();
    const held = heldBack(jobs);
    if (jobs.some((j) => j.stage === 'push-queued' && !held.has(j.id)))
      void this.pusher
        .push((j) => j.stage === 'push-queued' && !held.has(j.id))
        .catch(() => undefined);
    this.sendDue(jobs);
    this.armRetry();
  }

  /** Queues a file; resolves with its result once it ran (null: cancelled while waiting). */
  enqueue(input: QueueInput): { item: QueueItem; done: Promise<JobResult | null> } {
    return this.queue.add(input);
  }

  private async takeWatched(file: SettledFile, folder: WatchedFolderPlan): Promise<void> {
    if (this.closed) return;
    // Hash when in doubt: a new identity with the old size and mtime may be the old bytes.
    const same = await sameBytesAsBefore(this.o.ledger, file).catch(() => null);
    if (same) {
      this.hooks.unchanged?.(file.path, same);
      return;
    }
    if (this.closed || this.inQueue(file.path)) return;
    const s = this.o.settings.get();
    this.enqueue(
      fileInput(s, {
        path: file.path,
        bytes: file.size,
        origin: 'watch',
        table: folder.table ?? null,
        cohort: folder.cohort ?? s.cohort,
        protocolYear: folder.protocolYear ?? s.protocolYear,
        autoPush: folder.autoPush,
        moveFinishedIn: folder.moveFinished ? folder.path : null,
      }),
    );
  }

  private inQueue(path: string): boolean {
    const running = this.queue.running();
    return (
      this.queue.pending().some((i) => i.path === path) ||
      (running !== null && running.path === path)
    );
  }

  private async run(item: QueueItem): Promise<JobResult> {
    const result = await runItem(
      {
        home: this.o.home,
        ledger: this.o.ledger,
        settings: this.o.settings,
        definitions: this.o.definitions,
        phiPolicy: this.o.phiPolicy,
        recipe: this.o.recipe ?? null,
        started: (i, id) => this.hooks.started?.(i, id),
        progress: (i, p) => this.hooks.progress?.(i, p),
      },
      item,
    );
    this.hooks.finished?.(item, result);
    this.compactNowAndThen();
    // A file that changed while it was read is taken again once it is stable.
    if (item.origin === 'watch' && result.errorCode === 'source-changed' && !this.closed)
      this.watching.forget(item.path);
    await this.moveFinished(item, result);
    if (item.autoPush && result.stage === 'ready' && !this.closed) this.autoPush(result.id);
    return result;
  }

  /**
   * A long-running process (a service runs for months) compacts the journal now and then,
   * between jobs, when that is worth it (ledger/compact.ts); one-off commands do it when they
   * open the data folder (core/home.ts).
   */
  private compactNowAndThen(): void {
    const now = Date.now();
    if (now - this.compactedAt < 3_600_000) return;
    this.compactedAt = now;
    this.o.ledger.compactIfWorthIt();
  }

  /** Grace period of automatic pushes, in ms. */
  private get graceMs(): number {
    return this.o.graceMs ?? this.o.settings.get().autoPushGraceSec * 1000;
  }

  /**
   * Sends a ready file of an auto-push folder: after its grace period, during which a newer
   * version of the file (the writer had only paused; a corrected export) replaces it.
   */
  private autoPush(id: string): void {
    const grace = this.graceMs;
    if (grace <= 0) {
      this.sendNow([id]);
      return;
    }
    const until = new Date(Date.now() + grace).toISOString();
    this.o.ledger.append({
      type: 'push-scheduled',
      id,
      at: new Date().toISOString(),
      notBefore: until,
    });
    this.hooks.scheduled?.(id, until);
    const timer = setTimeout(() => {
      this.graceTimers.delete(timer);
      if (!this.closed) this.sendDue();
    }, grace);
    this.graceTimers.add(timer);
  }

  /** Pushes these jobs unless a newer version replaced them (said once per job). */
  private sendNow(ids: readonly string[], replaced = supersededBy(this.o.ledger.jobs())): void {
    const send = new Set<string>();
    for (const id of ids) {
      const by = replaced.get(id);
      if (!by) send.add(id);
      else if (!this.toldReplaced.has(id)) {
        this.toldReplaced.add(id);
        const newer = this.o.ledger.exact(by);
        if (newer) this.hooks.replaced?.(id, newer);
      }
    }
    if (send.size > 0) void this.pusher.push((j) => send.has(j.id)).catch(() => undefined);
  }

  /**
   * Ready jobs whose grace period is over and that nobody sent: those of this process, and
   * those of a process that stopped meanwhile (a restart sends them).
   */
  private sendDue(jobs = this.o.ledger.jobs(), now = Date.now()): void {
    const due = jobs.filter(
      (j) =>
        j.stage === 'ready' &&
        !j.pushedAt &&
        j.push.graceUntil !== null &&
        Date.parse(j.push.graceUntil) <= now &&
        !this.toldReplaced.has(j.id) &&
        (j.pid === process.pid || !isAlive(j.pid, j.proc)),
    );
    if (due.length > 0)
      this.sendNow(
        due.map((j) => j.id),
        supersededBy(jobs),
      );
  }

  /** Queued pushes whose retry time has come (a job a newer version replaced is not one). */
  private retryDue(jobs: readonly JobRecord[], now: number): boolean {
    if (this.pusher.busy) return false;
    const held = heldBack(jobs, now);
    const due = new Set(
      jobs
        .filter(
          (j) =>
            j.stage === 'push-queued' &&
            !held.has(j.id) &&
            (j.push.nextAttemptAt === null || Date.parse(j.push.nextAttemptAt) <= now),
        )
        .map((j) => j.id),
    );
    if (due.size === 0) return false;
    void this.pusher.push((j) => due.has(j.id), true).catch(() => undefined);
    return true;
  }

  /**
   * Sets the timer for the next look at the queue: when the earliest retry or grace period
   * falls due, and at least every `retryMs` (other processes queue pushes too).
   */
  private armRetry(): void {
    if (!this.retrying || this.closed) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const now = Date.now();
    const jobs = this.o.ledger.jobs();
    const held = supersededBy(jobs);
    let next = now + (this.o.retryMs ?? 30_000);
    for (const j of jobs) {
      if (held.has(j.id)) continue;
      const at =
        j.stage === 'push-queued'
          ? j.push.nextAttemptAt
          : j.stage === 'ready' && !j.pushedAt
            ? j.push.graceUntil
            : null;
      const t = at ? Date.parse(at) : NaN;
      // A grace period already over was dealt with when it ended.
      if (j.stage === 'ready' && !(t > now)) continue;
      if (t) next = Math.min(next, Math.max(now + 1000, t));
    }
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.closed) return;
      const all = this.o.ledger.jobs();
      this.sendDue(all);
      // A push run sets the timer again when it ends; otherwise it is set here.
      if (!this.retryDue(all, Date.now())) this.armRetry();
    }, next - now);
  }

  /**
   * A watched folder that asks for it gets its finished files out of the way: into done/, or
   * rejected/ when they failed or have problems to fix. A file that was cancelled, or that
   * changed while it was read, stays where it is (it is taken again once it is stable).
   */
  private async moveFinished(item: QueueItem, result: JobResult): Promise<void> {
    if (!item.moveFinishedIn || this.closed) return;
    if (result.stage === 'cancelled' || result.errorCode === 'source-changed') return;
    const bad = result.stage === 'failed' || result.stage === 'blocked';
    try {
      const to = await moveInto(item.path, join(item.moveFinishedIn, bad ? 'rejected' : 'done'));
      this.hooks.moved?.(item, to);
    } catch (e) {
      this.hooks.problem?.(
        `${JSON.stringify(item.name)} could not be moved out of the watched folder: ${(e as Error).message}`,
      );
    }
  }

  /** Resolves once no file waits or runs and no push runs. */
  async idle(): Promise<void> {
    await this.queue.idle();
    await this.pusher.idle();
  }

  /**
   * Stops watching and retrying and cancels the running job cleanly; resolves once it has
   * unwound and a push under way has ended. A caller in a hurry (SIGTERM) need not wait:
   * whatever is cut short is recovered at the next start.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    clearInterval(this.maintenance);
    for (const t of this.graceTimers) clearTimeout(t);
    await this.watching.stop();
    await this.queue.close();
    await this.pusher.idle();
  }
}
