/**
 * The conversion queue: one job at a time, first in first out. Two conversions at once would
 * only compete for the same two cores and the same disk; one at a time finishes the first file
 * sooner and keeps memory bounded.
 */
import type { JobOrigin } from '../../shared/views';
import type { JobResult } from '../jobs/runJob';

/** A file waiting for (or in) its turn. */
export interface QueueItem {
  /** `pending:<n>` until the ledger id is known. */
  key: string;
  path: string;
  name: string;
  bytes: number;
  origin: JobOrigin;
  table: string | null;
  cohort: string | null;
  protocolYear: number | null;
  force: boolean;
  autoPush: boolean;
  /** A watched folder that moves finished files into its done/ or rejected/; else null. */
  moveFinishedIn: string | null;
  queuedAt: string;
  /** Set once the ledger has the job (its first progress event names it). */
  jobId: string | null;
  readonly controller: AbortController;
  /** Runs after the job, whatever its end (uploads remove their temporary copy). */
  cleanup: (() => Promise<void>) | null;
}

export type QueueInput = Omit<QueueItem, 'key' | 'queuedAt' | 'jobId' | 'controller'>;

type Runner = (item: QueueItem) => Promise<JobResult>;

/** A FIFO worked by one runner at a time. */
export class JobQueue {
  private readonly waiting: QueueItem[] = [];
  private current: QueueItem | null = null;
  private readonly waiters = new Map<string, (r: JobResult | null) => void>();
  private counter = 0;
  private closed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly run: Runner,
    private readonly changed: () => void,
  ) {}

  /** Queues a file; the promise settles with its result (null if cancelled before it ran). */
  add(input: QueueInput): { item: QueueItem; done: Promise<JobResult | null> } {
    const item: QueueItem = {
      ...input,
      key: `pending:${++this.counter}`,
      queuedAt: new Date().toISOString(),
      jobId: null,
      controller: new AbortController(),
    };
    const done = new Promise<JobResult | null>((resolve) => this.waiters.set(item.key, resolve));
    this.waiting.push(item);
    this.changed();
    this.pump();
    return { item, done };
  }

  /** Files not started yet, in order. */
  pending(): readonly QueueItem[] {
    return this.waiting;
  }

  running(): QueueItem | null {
    return this.current;
  }

  /**
   * Cancels a waiting file (it leaves the queue) or the running job (by key or ledger id).
   * Returns false when nothing matched.
   */
  cancel(id: string): boolean {
    const at = this.waiting.findIndex((i) => i.key === id);
    if (at >= 0) {
      const [item] = this.waiting.splice(at, 1);
      if (item) void this.finish(item, null);
      this.changed();
      return true;
    }
    const cur = this.current;
    if (cur && (cur.key === id || cur.jobId === id)) {
      cur.controller.abort();
      return true;
    }
    return false;
  }

  /** Resolves once nothing waits or runs. */
  idle(): Promise<void> {
    if (!this.current && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Cancels everything and waits for the running job to unwind. */
  async close(): Promise<void> {
    this.closed = true;
    for (const item of this.waiting.splice(0)) await this.finish(item, null);
    this.current?.controller.abort();
    await this.idle();
  }

  private pump(): void {
    if (this.closed || this.current) return;
    const item = this.waiting.shift();
    if (!item) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
      return;
    }
    this.current = item;
    this.changed();
    void this.run(item)
      .catch((e: unknown): JobResult => failure(item, e))
      .then(async (result) => {
        this.current = null;
        await this.finish(item, result);
        this.changed();
        this.pump();
        if (!this.current && this.waiting.length === 0) {
          for (const resolve of this.idleWaiters.splice(0)) resolve();
        }
      });
  }

  private async finish(item: QueueItem, result: JobResult | null): Promise<void> {
    await item.cleanup?.().catch(() => undefined);
    this.waiters.get(item.key)?.(result);
    this.waiters.delete(item.key);
  }
}

/** A runner that threw (it should not): the job ends failed, with the reason in plain words. */
function failure(item: QueueItem, e: unknown): JobResult {
  return {
    id: item.jobId ?? item.key,
    source: { name: item.name, path: item.path, bytes: item.bytes, sha256: '' },
    stage: 'failed',
    report: null,
    artifact: null,
    error: e instanceof Error ? e.message : String(e),
    errorCode: 'internal',
    unreadable: false,
    meta: null,
  };
}
