/**
 * One job in the inbox. First line: the file, what is known of it (or its live progress), its
 * state and actions. Second line: the stage stepper. A running job's progress also runs along
 * the bottom edge of the row.
 */
import type { JobView, Progress } from '../../../src-main/shared/ipc';
import { RUNNING } from '../../stages';
import { bytes, count, jobStateWords } from '../../words';
import { Badge } from '../common/Badge';
import { stageTone } from '../common/tones';
import { ProgressBar, progressWords } from './ProgressBar';
import { StageStepper } from './StageStepper';

export interface JobActions {
  open(id: string): void;
  cancel(id: string): void;
  send(id: string): void;
}

/** What is known of the file: its table and size, then rows and problems once checked. */
function facts(job: JobView): string {
  const parts = [
    job.table ?? (job.pending || RUNNING.has(job.stage) ? null : 'table not recognised'),
    bytes(job.bytes),
    job.rows !== null ? count(job.rows, 'row') : null,
    job.issues?.error ? count(job.issues.error, 'problem') : null,
    job.issues?.warning ? count(job.issues.warning, 'warning') : null,
  ];
  return parts.filter(Boolean).join(' · ');
}

/** Why a job ended without a report to read, or why a push waits. */
function reason(job: JobView): string | null {
  if (job.stage === 'failed' || job.stage === 'cancelled') return job.error;
  if (job.stage === 'skipped')
    return job.duplicateOfName ? `Same bytes as ${job.duplicateOfName}, added before.` : null;
  if (job.stage === 'push-queued') return job.push.lastError;
  return null;
}

export function JobRow({
  job,
  progress,
  actions,
  noNas = false,
}: {
  job: JobView;
  progress: Progress | undefined;
  actions: JobActions;
  /** No NAS configured: the last step is "saved locally", never "sent". */
  noNas?: boolean;
}) {
  const live = progress && RUNNING.has(progress.stage) && !job.pending ? progress : undefined;
  const running = RUNNING.has(job.stage) || live !== undefined;
  const stage = live ? live.stage : job.stage;
  const why = reason(job);
  const ended = job.stage === 'failed' || job.stage === 'cancelled' || job.stage === 'skipped';
  return (
    <article className="job-row" aria-label={`${job.name}: ${jobStateWords(job)}`}>
      <div className="job-head">
        <div className="job-title">
          {job.hasReport ? (
            <button
              type="button"
              className="link-button job-name"
              onClick={() => actions.open(job.id)}
            >
              {job.name}
            </button>
          ) : (
            <span className="job-name">{job.name}</span>
          )}
          <span className="job-facts">{live ? progressWords(live) : facts(job)}</span>
        </div>
        <Badge tone={stageTone(stage)}>{jobStateWords({ ...job, stage })}</Badge>
        <div className="job-actions">
          {job.stage === 'ready' && (
            <button
              type="button"
              className="button button-small"
              onClick={() => actions.send(job.id)}
              aria-label={`Send ${job.name}`}
            >
              Send
            </button>
          )}
          {(job.pending || running) && (
            <button
              type="button"
              className="button button-quiet button-small"
              onClick={() => actions.cancel(job.id)}
              aria-label={`Cancel ${job.name}`}
            >
              Cancel
            </button>
          )}
          {job.hasReport && (
            <button
              type="button"
              className="button button-quiet button-small"
              onClick={() => actions.open(job.id)}
              aria-label={`Open the report of ${job.name}`}
            >
              Report
            </button>
          )}
        </div>
      </div>
      <div className="job-body">
        {ended ? (
          <span className="job-ended">{why ?? jobStateWords(job)}</span>
        ) : (
          <>
            <StageStepper stage={stage} local={job.stage === 'pushed' ? job.push.local : noNas} />
            {why && <span className="job-why">{why}</span>}
          </>
        )}
      </div>
      {live && <ProgressBar progress={live} name={job.name} />}
    </article>
  );
}
