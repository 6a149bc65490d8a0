/**
 * What one running job holds between its steps: its id and staging folder, its progress
 * events, its two workers, its cancellation, and its result taking shape.
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import type { Progress, Stage } from '../../shared/report';
import { CourierError } from '../errors';
import { Log } from '../log';
import { homeLayout, privateDir } from '../paths';
import type { WorkerClient, WorkerSink } from '../workers/client';
import { acquireWorker, releaseWorker } from '../workers/client';
import type { JobOptions, JobResult } from './runJob';
import { throttle } from './throttle';

/** Default DuckDB memory cap: with Node and the workers, the process stays under 1 GiB. */
export const DEFAULT_MEMORY_LIMIT = '384MB';

/** A ledger-style job id: UTC time to the second, then 8 random hex digits. */
export function newJobId(): string {
  const t = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${t}-${randomBytes(4).toString('hex')}`;
}

export class JobRun {
  readonly id: string;
  /** Private, named `<pid>-<id>` so any process can tell a dead job's leftovers from a live one's. */
  readonly staging: string;
  readonly result: JobResult;
  readonly scanner: WorkerClient<'scan'>;
  readonly threads: number;
  readonly memoryLimit: string;
  private converter: WorkerClient<'convert'> | null = null;
  private opened: Promise<WorkerClient<'convert'>> | null = null;
  /** Set once the job unwinds: a load still being started must not begin. */
  closing = false;
  private readonly emitThrottled: (p: Progress, force?: boolean) => void;
  private readonly timings = new Map<string, number>();
  private readonly log: Log;
  private readonly onAbort = (): void => {
    // The scan thread is pure JS and stops at once; DuckDB is interrupted and the job's own
    // flow then unwinds to `dispose`, which shuts the converter down in order.
    void this.scanner.terminate();
    void this.converter?.request('interrupt', {}).catch(() => {});
  };

  constructor(
    readonly path: string,
    readonly opts: JobOptions,
  ) {
    this.id = opts.id ?? newJobId();
    this.staging = privateDir(join(homeLayout(opts.home).staging, `${process.pid}-${this.id}`));
    this.result = {
      id: this.id,
      source: { name: basename(path), path, bytes: 0, sha256: '' },
      stage: 'queued',
      report: null,
      artifact: null,
      error: null,
      errorCode: null,
      unreadable: false,
      meta: null,
    };
    this.log = new Log(opts.home);
    this.emitThrottled = throttle(opts.onProgress ?? (() => {}), 100);
    this.threads = opts.threads ?? Math.max(1, availableParallelism());
    this.memoryLimit = opts.memoryLimit ?? DEFAULT_MEMORY_LIMIT;
    this.scanner = acquireWorker('scan', this.sink);
    opts.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Worker log lines go to Courier's log; request timings are summed for one line at the end. */
  private get sink(): WorkerSink {
    return {
      log: (level, message) => this.log[level](`job ${this.id} ${message}`),
      timing: (method, ms) => this.timings.set(method, (this.timings.get(method) ?? 0) + ms),
    };
  }

  get name(): string {
    return this.result.source.name;
  }

  get cancelled(): boolean {
    return this.opts.signal?.aborted === true;
  }

  /** Throws `cancelled` once the job was cancelled (between steps). */
  checkpoint(): void {
    if (this.cancelled) throw new CourierError('cancelled', 'Cancelled.');
  }

  /** Enters a stage (announced at once, whatever the throttle). */
  setStage(stage: Stage, total = 0): void {
    this.result.stage = stage;
    this.emitThrottled(
      { jobId: this.id, stage, done: 0, total, unit: 'bytes', ratePerSec: 0, etaSec: null },
      true,
    );
  }

  /** A progress callback for one stage, with its rate and time left. */
  progress(unit: 'bytes' | 'rows', stage: Stage): (done: number, total: number) => void {
    const t0 = performance.now();
    return (done, total) => {
      const secs = (performance.now() - t0) / 1000;
      const rate = secs > 0 ? done / secs : 0;
      this.emitThrottled(
        {
          jobId: this.id,
          stage,
          done,
          total,
          unit,
          ratePerSec: rate,
          etaSec: rate > 0 ? (total - done) / rate : null,
        },
        done >= total,
      );
    };
  }

  /**
   * The job's DuckDB worker, opened on the staging artifact. Started once; every caller waits
   * for the same `open` (the worker answers requests concurrently, so a load must not be sent
   * before the database is open).
   */
  startConverter(): Promise<WorkerClient<'convert'>> {
    if (this.opened) return this.opened;
    if (this.closing) return Promise.reject(new CourierError('cancelled', 'Cancelled.'));
    const c = acquireWorker('convert', this.sink);
    this.converter = c;
    this.opened = c
      .request('open', {
        dbPath: this.dbPath,
        tempDir: privateDir(join(this.staging, 'duckdb-tmp')),
        threads: this.threads,
        memoryLimit: this.memoryLimit,
      })
      .then(() => c);
    return this.opened;
  }

  /** The converter, which must have started by now. */
  get conv(): WorkerClient<'convert'> {
    if (!this.converter) throw new CourierError('internal', 'The converter did not start.');
    return this.converter;
  }

  get hasConverter(): boolean {
    return this.converter !== null;
  }

  /** Where the artifact is built. */
  get dbPath(): string {
    return join(this.staging, 'artifact.duckdb');
  }

  /** A file in the staging folder. */
  staged(name: string): string {
    return join(this.staging, name);
  }

  /** Ends the job: workers stopped (or kept for the next job), staging removed. */
  async dispose(): Promise<void> {
    this.opts.signal?.removeEventListener('abort', this.onAbort);
    this.closing = true;
    await Promise.allSettled([
      this.cancelled ? this.scanner.terminate() : releaseWorker(this.scanner),
      this.converter?.shutdown(!this.cancelled),
    ]);
    await rm(this.staging, { recursive: true, force: true });
    if (this.timings.size > 0) {
      const parts = [...this.timings].map(([m, ms]) => `${m}=${ms}ms`);
      this.log.info(`job ${this.id} worker timings ${parts.join(' ')}`);
    }
  }
}
