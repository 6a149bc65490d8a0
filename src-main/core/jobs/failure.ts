/** How a job that threw ends: cancelled, or failed with its reason in plain words. */
import { CourierError, isErrno } from '../errors';
import type { JobRun } from './jobRun';
import type { JobResult } from './runJob';
import { sourceChanged } from './source';

/** Failures that mean "Courier could not read the file you gave": the CLI exits 2 for them. */
const UNREADABLE = new Set(['usage', 'not-a-file', 'not-found', 'permission']);

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
  } else {
    result.errorCode = code ?? 'internal';
    result.error = (e as Error)?.message || String(e);
  }
  result.unreadable = UNREADABLE.has(result.errorCode);
  return result;
}
