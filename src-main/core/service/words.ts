/** The plain words the window and the exported report use for a job's state. */
import type { Report } from '../../shared/report';
import type { JobView } from '../../shared/views';
import type { JobResult } from '../jobs/runJob';

/** The banner sentence: what the coordinator should know first. */
export function statusWords(
  job: Pick<JobView, 'stage' | 'push' | 'override'>,
  report: Report,
): string {
  const errors = report.issues.filter((i) => i.severity === 'error').length;
  if (job.stage === 'pushed')
    return job.push.local ? 'Saved locally (no NAS configured)' : 'Sent to the NAS';
  if (job.stage === 'skipped') return 'Already checked: these exact bytes were added before';
  if (job.stage === 'failed') return 'Could not be checked';
  if (errors > 0 && !job.override)
    return `${errors} ${errors === 1 ? 'problem' : 'problems'} to fix before sending`;
  if (errors > 0) return 'Allowed to be sent despite its problems (override recorded)';
  return 'Ready to send';
}

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
