/**
 * The message shapes between a job and its workers: numbered requests, one reply each,
 * progress events in between. One protocol for every worker.
 */

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
}

export interface WorkerProgress {
  kind: 'progress';
  id: number;
  done: number;
  total: number;
}

export interface WorkerLog {
  kind: 'log';
  level: 'info' | 'warn' | 'error';
  message: string;
}

export type WorkerMessage = WorkerReply | WorkerProgress | WorkerLog;

/** An error whose message is meant for the coordinator (plain words, no stack). */
export class PlainError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
