/**
 * The message shapes between a job and its workers: numbered requests, one reply each,
 * progress events in between, log lines. One protocol for every worker; each worker's
 * methods are typed by its own handler map (see `scan/scanApi.ts`, `convert/convertApi.ts`).
 */

/** Reports progress of the request being answered. */
export type ProgressFn = (done: number, total: number) => void;

/** A worker's handler map: method name → handler of one parameter object. */
export type WorkerApi = Record<string, (params: never, progress: ProgressFn) => unknown>;

/** A method's parameter type. */
export type ParamsOf<A extends WorkerApi, M extends keyof A> = Parameters<A[M]>[0];

/** A method's result type (what the reply carries). */
export type ResultOf<A extends WorkerApi, M extends keyof A> = Awaited<ReturnType<A[M]>>;

export interface WorkerRequest {
  kind: 'request';
  id: number;
  method: string;
  params: unknown;
}

export interface WorkerReply {
  kind: 'reply';
  id: number;
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
  /** Time the worker spent answering, for the log. */
  ms: number;
}

export interface WorkerProgress {
  kind: 'progress';
  id: number;
  done: number;
  total: number;
}

export interface WorkerLog {
  kind: 'log';
  level: 'info' | 'warn';
  message: string;
}

export type WorkerMessage = WorkerReply | WorkerProgress | WorkerLog;
