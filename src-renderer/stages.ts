/** The stage stepper's steps, and where a job's stage puts it. */
import type { Stage } from '../src-main/shared/ipc';

export const STEPS = [
  'queued',
  'scanning',
  'converting',
  'checking',
  'ready',
  'pushing',
  'pushed',
] as const;
export type StageStep = (typeof STEPS)[number];

/** The step a stage belongs to (`push-queued` waits at "pushing"), and how it ended. */
export function stepOf(stage: Stage): {
  index: number;
  end: 'blocked' | 'failed' | 'cancelled' | 'skipped' | null;
} {
  switch (stage) {
    case 'push-queued':
      return { index: STEPS.indexOf('pushing'), end: null };
    case 'blocked':
      return { index: STEPS.indexOf('checking'), end: 'blocked' };
    case 'failed':
    case 'cancelled':
    case 'skipped':
      return { index: 0, end: stage };
    default:
      return { index: STEPS.indexOf(stage), end: null };
  }
}

/** Running stages: the job shows live progress and can be cancelled. */
export const RUNNING: ReadonlySet<Stage> = new Set(['scanning', 'converting', 'checking']);
