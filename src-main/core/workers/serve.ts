import { parentPort } from 'node:worker_threads';
import type { WorkerMessage, WorkerRequest } from './protocol';
import { PlainError } from './protocol';

export type Handler = (params: never, progress: (done: number, total: number) => void) => unknown;

/**
 * Worker side of the facade: answers numbered requests with the named handler's result,
 * forwarding its progress. Errors cross as `{ code, message }`, never as thrown objects.
 */
export function serveWorker(handlers: Record<string, Handler>): void {
  const port = parentPort;
  if (!port) throw new Error('serveWorker must run inside a worker thread');
  const send = (m: WorkerMessage): void => port.postMessage(m);
  port.on('message', (msg: WorkerRequest) => {
    const handler = handlers[msg.method];
    const progress = (done: number, total: number): void =>
      send({ kind: 'progress', id: msg.id, done, total });
    void (async () => {
      try {
        if (!handler)
          throw new PlainError('unknown-method', `No such worker method: ${msg.method}`);
        const value = await handler(msg.params as never, progress);
        send({ kind: 'reply', id: msg.id, ok: true, value });
      } catch (e) {
        const err = e as Error & { code?: string };
        send({
          kind: 'reply',
          id: msg.id,
          ok: false,
          error: {
            code: e instanceof PlainError ? e.code : (err.code ?? 'internal'),
            message: err.message ?? String(e),
          },
        });
      }
    })();
  });
}
