/** How a job that threw ends: cancelled, or failed with its reason in plain words. */
import { CourierError, isErrno, plainFsError } from '../errors';
import type { JobRun } from './jobRun';
import type { JobResult } from './runJob';
import { sourceChanged } from './source';

/**
 * Failures that are not the data's fault (the file could not be read, or the computer could
 * not hold the work): the CLI exits 2 for them, not 1.
 */
const UNREADABLE = new Set([
  'usage',
  'not-a-file',
  'not-found',
  'permission',
  'source-changed',
  'disk-full',
  'read-only',
  'out-of-memory',
]);

function isOutOfMemory(e: unknown): boolean {
  return /out of memory/i.test(e instanceof Error ? e.message : String(e));
}

/** Ends the job for a thrown error: sets its stage, reason and failure code. */
export function classifyFailure(run: JobRun, e: unknown): JobResult {
  const result = run.result;
  const code = e instanceof CourierError ? e.code : null;
  if (run.cancelled || code === 'cancelled') {
    result.stage = 'cancelled';
    result.error = 'Cancelled.';
    result.errorCode = 'cancelled';
    return result;
  }
  result.stage = 'failed';
  if (isErrno(e, 'ENOENT')) {
    result.errorCode = 'not-found';
    result.error = `${run.path}: no such file.`;
  } else if (isErrno(e, 'EACCES', 'EPERM')) {
    result.errorCode = 'permission';
    result.error = `${run.path}: permission denied.`;
  } else if (code === 'source-changed') {
    result.errorCode = code;
    result.error = sourceChanged(run.name).message;
  } else if (isOutOfMemory(e)) {
    result.errorCode = 'out-of-memory';
    result.error = `Courier ran out of memory converting ${run.name} (DuckDB may use ${run.memoryLimit}). Close other programs and add the file again; if it happens again, please report it with the log (Help → Open log folder).`;
  } else {
    // The disk filling up or turning read-only mid-job: plain words, not DuckDB's or Node's.
    const plain = plainFsError(
      e,
      `convert ${run.name}`,
      `Courier's data folder (${run.opts.home})`,
    );
    if (plain !== e) e = plain;
    const c = e instanceof CourierError ? e.code : null;
    result.errorCode = c ?? 'internal';
    result.error = (e as Error)?.message || String(e);
  }
  result.unreadable = UNREADABLE.has(result.errorCode);
  return result;
}
