/** The plain words the window and the exported report use for a job's state. */
import type { JobResult } from '../jobs/runJob';

/** The sentence a notification or notice says when a job ends. */
export function finishedMessage(name: string, r: JobResult): string {
  const errors = r.report?.issues.filter((i) => i.severity === 'error').length ?? 0;
  switch (r.stage) {
    case 'ready':
      return `${name} was checked: ready to send.`;
    case 'blocked':
      return `${name} has ${errors} ${errors === 1 ? 'problem' : 'problems'} to fix before sending.`;
    case 'skipped':
      return `${name} was added before (same bytes): skipped.`;
    case 'cancelled':
      return `${name}: cancelled.`;
    case 'failed':
      return `${name} could not be checked: ${r.error ?? 'unknown reason'}`;
    default:
      return `${name}: ${r.stage}.`;
  }
}
