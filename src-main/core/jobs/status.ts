/** The one rule for a job's status: its report's, and the stage that follows from it. */
import type { Issue, Report } from '../../shared/report';

/** `fail` with any error, `warn` with any warning, else `pass` (Contract 1). */
export function reportStatus(issues: readonly Pick<Issue, 'severity'>[]): Report['status'] {
  if (issues.some((i) => i.severity === 'error')) return 'fail';
  if (issues.some((i) => i.severity === 'warning')) return 'warn';
  return 'pass';
}

/** A checked job waits for a fix (`blocked`) when its report fails, unless it was overridden. */
export function checkedStage(status: Report['status'], overridden: boolean): 'ready' | 'blocked' {
  return status === 'fail' && !overridden ? 'blocked' : 'ready';
}
