/**
 * The intake: every way a file becomes a job, behind one queue and one pusher. Dropped,
 * picked, uploaded and watched files wait in one FIFO and are converted one at a time;
 * watched folders hand over settled files; finished files of folders that ask for it are moved
 * into done/ or rejected/; ready files of auto-push folders are sent; queued pushes are retried
 * when due, from the start. The window's service and `courier watch` both run exactly this.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Progress } from '../../shared/report';
import type { PushView } from '../../shared/views';
import type { DefinitionSet } from '../definitions/loader';
import type { JobResult } from '../jobs/runJob';
import type { Ledger } from '../ledger/ledger';
import type { PushOutcome } from '../push/queue';
import { Pusher } from '../push/pusher';
import type { SettingsStore } from '../settings/settings';
import { moveInto } from '../watch/move';
import { fileInput } from './inputs';
import type { QueueInput, QueueItem } from './queue';
import { JobQueue } from './queue';
import type { PhiPolicy } from '../../shared/settings';
import { runItem } from './runItem';
import type { WatchedFolderPlan } from './watching';
import { Watching } from './watching';

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
  /** How often queued pushes are retried when due (default 30 s; 0: never). */
  retryMs?: number;
  /** The push destination (`courier watch --dest`); default: the setting, else the outbox. */
  dest?: string | null;
  /** `courier watch --phi-policy`: the identifier screen's severity, instead of the setting. */
  phiPolicy?: PhiPolicy;
  hooks?: IntakeHooks;
}

export class Intake {
  readonly queue: JobQueue;
  readonly pusher: Pusher;
  private readonly watching: Watching;
  private readonly hooks: IntakeHooks;
  private retryTimer: NodeJS.Timeout | null = null;
  private closed = false;

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
      onDone: (summary) => this.hooks.pushRunDone?.(summary),
    });
    this.watching = new Watching({
      stableMs: o.stableMs ?? 2000,
      rescanMs: o.rescanMs ?? 60_000,
      take: (path, folder) => this.takeWatched(path, folder),
      alreadyTaken: (path, size, mtimeMs) =>
        o.ledger.hasTaken(path, size, mtimeMs) || this.inQueue(path),
      onProblem: (message) => this.hooks.problem?.(message),
      onPolling: (folder, reason) => this.hooks.polling?.(folder, reason),
    });
  }

  /** Watches exactly these folders (a settings change replaces them). */
  watch(folders: readonly WatchedFolderPlan[]): Promise<void> {
    return this.watching.apply(folders);
  }

  get watchProblems(): { path: string; message: string }[] {
    return this.watching.problems;
  }

  /**
   * Sends at once what an earlier run left queued (a start is a new chance, whatever the
   * backoff said), then retries queued pushes on a timer as they fall due.
   */
  startRetries(): void {
    void this.pusher.retryAll()?.catch(() => undefined);
    const every = this.o.retryMs ?? 30_000;
    if (every > 0 && !this.retryTimer)
      this.retryTimer = setInterval(
        () => void this.pusher.retryDue()?.catch(() => undefined),
        every,
      );
  }

  /** Queues a file; resolves with its result once it ran (null: cancelled while waiting). */
  enqueue(input: QueueInput): { item: QueueItem; done: Promise<JobResult | null> } {
    return this.queue.add(input);
  }

  private takeWatched(path: string, folder: WatchedFolderPlan): void {
    if (this.closed) return;
    const s = this.o.settings.get();
    void stat(path).then(
      (st) =>
        this.enqueue(
          fileInput(s, {
            path,
            bytes: st.size,
            origin: 'watch',
            table: folder.table ?? null,
            cohort: folder.cohort ?? s.cohort,
            protocolYear: folder.protocolYear ?? s.protocolYear,
            autoPush: folder.autoPush,
            moveFinishedIn: folder.moveFinished ? folder.path : null,
          }),
        ),
      () => undefined, // gone before it was queued: nothing to do
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
        started: (i, id) => this.hooks.started?.(i, id),
        progress: (i, p) => this.hooks.progress?.(i, p),
      },
      item,
    );
    this.hooks.finished?.(item, result);
    await this.moveFinished(item, result);
    if (item.autoPush && result.stage === 'ready' && !this.closed)
      void this.pusher.push((j) => j.id === result.id).catch(() => undefined);
    return result;
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
        `${item.name} could not be moved out of the watched folder: ${(e as Error).message}`,
      );
    }
  }

  /** Resolves once no file waits or runs and no push runs. */
  async idle(): Promise<void> {
    await this.queue.idle();
    await this.pusher.idle();
  }

  /** Stops watching and retrying, cancels the running job cleanly, lets pushes finish. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.retryTimer) clearInterval(this.retryTimer);
    await this.watching.stop();
    await this.queue.close();
    await this.pusher.idle();
  }
}
