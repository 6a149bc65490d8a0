import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerMessage, WorkerReply } from './protocol';
import { PlainError } from './protocol';

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
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Main-thread side of the worker facade: typed requests with numbered replies, progress
 * callbacks, and a terminate that rejects whatever is still waiting.
 */
export class WorkerClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private exited = false;
  readonly kind: 'scan' | 'convert';

  constructor(name: 'scan' | 'convert') {
    this.kind = name;
    this.worker = new Worker(join(workerDir(), `${name}.worker.mjs`), {
      // DuckDB and the tokenizer keep their memory outside the JS heap; keep JS modest.
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    this.worker.on('message', (m: WorkerMessage) => this.onMessage(m));
    this.worker.on('error', (e) => this.failAll(e));
    this.worker.on('exit', (code) => {
      this.exited = true;
      this.failAll(
        new PlainError('worker-exit', `A ${name} worker stopped unexpectedly (code ${code}).`),
      );
    });
  }

  request<T>(
    method: string,
    params: unknown,
    onProgress?: (done: number, total: number) => void,
  ): Promise<T> {
    if (this.exited)
      return Promise.reject(new PlainError('worker-exit', 'The worker has stopped.'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
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
      await this.request('interrupt', {}).catch(() => {});
      await this.whenIdle(10_000);
    }
    const closed = await this.request('close', {}).then(
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
    this.failAll(new PlainError('cancelled', 'Cancelled.'));
    if (!this.exited) {
      this.exited = true;
      await this.worker.terminate();
    }
  }

  private onMessage(m: WorkerMessage): void {
    if (m.kind === 'progress') this.pending.get(m.id)?.onProgress?.(m.done, m.total);
    else if (m.kind === 'reply') this.settle(m);
    else if (m.kind === 'log') process.stderr.write(`[worker] ${m.message}\n`);
  }

  private settle(m: WorkerReply): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (m.ok) p.resolve(m.value);
    else p.reject(new PlainError(m.error?.code ?? 'internal', m.error?.message ?? 'Worker error'));
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

/** An idle worker of this kind, or a new one. */
export function acquireWorker(kind: 'scan' | 'convert'): WorkerClient {
  const i = idleWorkers.findIndex((w) => w.kind === kind && w.reusable);
  const w = i >= 0 ? idleWorkers.splice(i, 1)[0]! : new WorkerClient(kind);
  w.setIdle(false);
  return w;
}

/** Gives a worker back after a job; one that is busy or broken is stopped instead. */
export async function releaseWorker(w: WorkerClient): Promise<void> {
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
