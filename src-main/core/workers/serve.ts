import { parentPort } from 'node:worker_threads';
import { CourierError } from '../errors';
import type { WorkerApi, WorkerMessage, WorkerRequest } from './protocol';

function post(m: WorkerMessage): void {
  parentPort?.postMessage(m);
}

/**
 * A line for Courier's log, from inside a worker (ids, counts, timings: never cell values).
 * The job's side writes it to the log file; a worker has no home folder of its own.
 */
export function workerLog(level: 'info' | 'warn', message: string): void {
  post({ kind: 'log', level, message });
}

/**
 * Worker side of the facade: answers numbered requests with the named handler's result,
 * forwarding its progress. Errors cross as `{ code, message }`, never as thrown objects.
 */
export function serveWorker(api: WorkerApi): void {
  const port = parentPort;
  if (!port) throw new Error('serveWorker must run inside a worker thread');
  port.on('message', (msg: WorkerRequest) => {
    const handler = Object.hasOwn(api, msg.method) ? api[msg.method] : undefined;
    const progress = (done: number, total: number): void =>
      post({ kind: 'progress', id: msg.id, done, total });
    const t0 = performance.now();
    const ms = (): number => Math.round(performance.now() - t0);
    void (async () => {
      try {
        if (!handler)
          throw new CourierError('unknown-method', `No such worker method: ${msg.method}`);
        const value = await handler(msg.params as never, progress);
        post({ kind: 'reply', id: msg.id, ok: true, value, ms: ms() });
      } catch (e) {
        const err = e as Error & { code?: unknown };
        post({
          kind: 'reply',
          id: msg.id,
          ok: false,
          error: {
            code:
              e instanceof CourierError
                ? e.code
                : typeof err.code === 'string'
                  ? err.code
                  : 'internal',
            message: err.message ?? String(e),
          },
          ms: ms(),
        });
      }
    })();
  });
}
