import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ConvertApi } from '../convert/convertApi';
import { CourierError } from '../errors';
import type { ScanApi } from '../scan/scanApi';
import type {
  ParamsOf,
  ProgressFn,
  ResultOf,
  WorkerApi,
  WorkerMessage,
  WorkerReply,
} from './protocol';

/** The workers there are, and the method map each answers. */
export interface WorkerApis {
  scan: ScanApi;
  convert: ConvertApi;
}
export type WorkerKind = keyof WorkerApis;

/** Where a worker's log lines and request timings go (the job's log). */
export interface WorkerSink {
  log: (level: 'info' | 'warn', message: string) => void;
  timing: (method: string, ms: number) => void;
}

const STDERR_SINK: WorkerSink = {
  log: (_level, message) => process.stderr.write(`[worker] ${message}\n`),
  timing: () => {},
};
/** Where messages of a worker no job holds go: stderr, or the desktop app's log. */
let fallbackSink: WorkerSink = STDERR_SINK;

/** Sends the messages of workers no job holds to `sink` (the desktop app's rotating log). */
export function setFallbackWorkerSink(sink: WorkerSink | null): void {
  fallbackSink = sink ?? STDERR_SINK;
}

/**
 * An error loading DuckDB's native binding (in a worker, or lazily in the main process): a
 * build made for another operating system or processor, said in words a coordinator can act on.
 */
export function duckdbLoadError(e: Error): Error {
  const text = `${e.message} ${(e as NodeJS.ErrnoException).code ?? ''}`;
  if (
    /node-bindings|duckdb\.node|ERR_DLOPEN_FAILED|invalid ELF|wrong ELF|not a valid Win32/i.test(
      text,
    )
  )
    return new CourierError(
      'build-mismatch',
      `This build of Courier does not match your computer (${process.platform}, ${process.arch}): its database engine cannot load. Install the Courier package made for this system.`,
    );
  return e;
}

/**
 * Where the built worker bundles live. They are built by scripts/build-node.mjs into
 * out/node; from source (tests) we walk up to the project root to find them.
 */
export function workerDir(): string {
  if (process.env.COURIER_WORKER_DIR) return process.env.COURIER_WORKER_DIR;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'scan.worker.mjs'))) return dir;
    const candidate = join(dir, 'out', 'node');
    if (existsSync(join(candidate, 'scan.worker.mjs'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('Courier worker bundles not found: run `npm run build:node` first.');
}

interface Pending {
  method: string;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onProgress?: ProgressFn;
}

/**
 * Main-thread side of the worker facade: requests typed by the worker's own method map,
 * numbered replies, progress callbacks, log lines and timings forwarded to the job's sink,
 * and a terminate that rejects whatever is still waiting.
 */
export class WorkerClient<K extends WorkerKind = WorkerKind> {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private exited = false;
  /** Set by whoever holds the worker (see `acquireWorker`). */
  sink: WorkerSink = fallbackSink;

  constructor(readonly kind: K) {
    this.worker = new Worker(join(workerDir(), `${kind}.worker.mjs`), {
      // DuckDB and the tokenizer keep their memory outside the JS heap; keep JS modest.
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    this.worker.on('message', (m: WorkerMessage) => this.onMessage(m));
    this.worker.on('error', (e) => this.failAll(duckdbLoadError(e)));
    this.worker.on('exit', (code) => {
      this.exited = true;
      this.failAll(
        new CourierError('worker-exit', `A ${kind} worker stopped unexpectedly (code ${code}).`),
      );
    });
  }

  /** Calls one of the worker's methods; the reply's type is the handler's result type. */
  request<M extends keyof WorkerApis[K] & string>(
    method: M,
    params: ParamsOf<WorkerApis[K] & WorkerApi, M>,
    onProgress?: ProgressFn,
  ): Promise<ResultOf<WorkerApis[K] & WorkerApi, M>> {
    return this.call(method, params, onProgress) as Promise<ResultOf<WorkerApis[K] & WorkerApi, M>>;
  }

  private call(method: string, params: unknown, onProgress?: ProgressFn): Promise<unknown> {
    if (this.exited)
      return Promise.reject(new CourierError('worker-exit', 'The worker has stopped.'));
    const id = this.nextId++;
    return new Promise<unknown>((resolve, reject) => {
      this.pending.set(id, { method, resolve, reject, onProgress });
      this.worker.postMessage({ kind: 'request', id, method, params });
    });
  }

  /** Resolves once no request is waiting (or after `ms`). */
  async whenIdle(ms: number): Promise<void> {
    const until = performance.now() + ms;
    while (this.pending.size > 0 && !this.exited && performance.now() < until) {
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /**
   * Stops a worker that may be inside native code: interrupts it, lets its requests settle,
   * asks it to close, and only then terminates the thread. Terminating a thread while DuckDB
   * is running a query aborts the whole process.
   */
  async shutdown(reuse = true): Promise<void> {
    if (this.exited) return;
    const interrupted = this.pending.size > 0;
    if (interrupted) {
      await this.call('interrupt', {}).catch(() => {});
      await this.whenIdle(10_000);
    }
    const closed = await this.call('close', {}).then(
      () => true,
      () => false,
    );
    // A worker whose query was interrupted is not trusted with another job.
    if (closed && reuse && !interrupted) await releaseWorker(this);
    else await this.terminate();
  }

  /** Still running and not answering anything: can take another job. */
  get reusable(): boolean {
    return !this.exited && this.pending.size === 0;
  }

  /** An idle worker must not keep the process alive. */
  setIdle(idle: boolean): void {
    if (idle) this.worker.unref();
    else this.worker.ref();
  }

  /** Stops the worker at once; waiting requests reject with `cancelled`. */
  async terminate(): Promise<void> {
    this.failAll(new CourierError('cancelled', 'Cancelled.'));
    if (!this.exited) {
      this.exited = true;
      await this.worker.terminate();
    }
  }

  private onMessage(m: WorkerMessage): void {
    if (m.kind === 'progress') this.pending.get(m.id)?.onProgress?.(m.done, m.total);
    else if (m.kind === 'reply') this.settle(m);
    else if (m.kind === 'log') this.sink.log(m.level, `${this.kind} worker: ${m.message}`);
  }

  private settle(m: WorkerReply): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    this.sink.timing(`${this.kind}.${p.method}`, m.ms);
    if (m.ok) p.resolve(m.value);
    else
      p.reject(new CourierError(m.error?.code ?? 'internal', m.error?.message ?? 'Worker error'));
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }
}

/**
 * Worker threads kept between jobs: starting a thread and loading its bundle costs tens of
 * milliseconds, which dominates small files. One idle worker of each kind is kept, unref'd.
 */
const idleWorkers: WorkerClient[] = [];

/** An idle worker of this kind, or a new one; its logs and timings go to `sink`. */
export function acquireWorker<K extends WorkerKind>(
  kind: K,
  sink: WorkerSink = fallbackSink,
): WorkerClient<K> {
  const i = idleWorkers.findIndex((w) => w.kind === kind && w.reusable);
  const w = (i >= 0 ? idleWorkers.splice(i, 1)[0]! : new WorkerClient(kind)) as WorkerClient<K>;
  w.sink = sink;
  w.setIdle(false);
  return w;
}

/** Gives a worker back after a job; one that is busy or broken is stopped instead. */
export async function releaseWorker(w: WorkerClient): Promise<void> {
  w.sink = fallbackSink;
  if (!w.reusable || idleWorkers.some((x) => x.kind === w.kind)) {
    await w.terminate();
    return;
  }
  w.setIdle(true);
  idleWorkers.push(w);
}

/**
 * Stops the idle workers. Call before the process ends: a thread that loaded DuckDB must be
 * stopped explicitly, not torn down by the process exit (which aborts the process).
 */
export async function shutdownWorkers(): Promise<void> {
  const all = idleWorkers.splice(0);
  await Promise.allSettled(all.map((w) => w.terminate()));
}
