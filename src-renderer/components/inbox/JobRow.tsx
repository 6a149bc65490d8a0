/**
 * One job in the inbox. First line: the file, its state and actions. Second line: what is
 * known of it: table, submission (cohort and year), rows, size, problems; or its live
 * progress. Third line: the stage stepper, and why it waits or cannot be sent.
 */
import { useTranslation } from 'react-i18next';
import type { JobView, Progress } from '../../../src-main/shared/ipc';
import { bytes } from '../../i18n/format';
import { t } from '../../i18n/i18n';
import { RUNNING } from '../../stages';
import { Badge } from '../common/Badge';
import { stageTone } from '../common/tones';
import { ProgressBar, progressWords } from './ProgressBar';
import { StageStepper } from './StageStepper';

export interface JobActions {
  open(id: string): void;
  cancel(id: string): void;
  send(id: string): void;
  remove(id: string): void;
  /** Checks the file again for the current settings' submission. */
  reingest(id: string): void;
}

/** What is known of the file: table, submission, rows, size, problems. */
export function jobFacts(job: JobView): string {
  const parts = [
    job.table ?? (job.pending || RUNNING.has(job.stage) ? null : t('job.noTable')),
    job.submission,
    job.rowsText,
    bytes(job.bytes),
    job.issues?.error ? t('job.problems', { count: job.issues.error }) : null,
    job.issues?.warning ? t('job.warnings', { count: job.issues.warning }) : null,
  ];
  return parts.filter(Boolean).join(' · ');
}

/** Why a job ended without a report to read, why a push waits, or why it cannot be sent. */
function reason(job: JobView): string | null {
  if (job.stage === 'failed') return job.error;
  if (job.stage === 'cancelled') return job.error && job.error !== 'Cancelled.' ? job.error : null;
  if (job.stage === 'skipped')
    return job.duplicateOfName ? t('job.sameBytes', { name: job.duplicateOfName }) : null;
  if (job.stage === 'push-queued') return job.push.lastError;
  if (job.stage === 'ready') return job.sendBlock;
  return null;
}

export function JobRow({
  job,
  progress,
  actions,
  noNas = false,
  assignTo = null,
}: {
  job: JobView;
  progress: Progress | undefined;
  actions: JobActions;
  /** No NAS configured: the last step is "saved locally", never "sent". */
  noNas?: boolean;
  /** The current settings' submission ("UW - Seattle · 2025"), when both are set. */
  assignTo?: string | null;
}) {
  const { t } = useTranslation();
  const live = progress && RUNNING.has(progress.stage) && !job.pending ? progress : undefined;
  const running = RUNNING.has(job.stage) || live !== undefined;
  const stage = live ? live.stage : job.stage;
  const why = reason(job);
  const ended = job.stage === 'failed' || job.stage === 'cancelled' || job.stage === 'skipped';
  const unassigned = job.cohort === null || job.protocolYear === null;
  // A file checked for no submission (or skipped as a duplicate of one) can be checked again
  // for the current one.
  const assign =
    assignTo && job.canReingest && !running && !job.pending && job.submission !== assignTo
      ? unassigned || job.stage === 'skipped'
      : false;
  return (
    <article className="job-row" aria-label={t('job.label', { name: job.name, state: job.state })}>
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
          <Badge tone={stageTone(stage)}>
            {live ? progressWords(live).split(' · ')[0] : job.state}
          </Badge>
        </div>
        <div className="job-actions">
          {job.stage === 'ready' && (
            <button
              type="button"
              className="button button-small button-send"
              onClick={() => actions.send(job.id)}
              disabled={job.sendBlock !== null}
              title={job.sendBlock ?? undefined}
              aria-label={t('job.sendLabel', { name: job.name, submission: job.submission })}
            >
              {job.sendBlock === null
                ? t('job.sendTo', { submission: job.submission })
                : t('job.send')}
            </button>
          )}
          {assign && (
            <button
              type="button"
              className="button button-small"
              onClick={() => actions.reingest(job.id)}
              aria-label={t('job.checkAgainLabel', { name: job.name, submission: assignTo })}
            >
              {t('job.checkAgainFor', { submission: assignTo })}
            </button>
          )}
          {(job.pending || running) && (
            <button
              type="button"
              className="button button-quiet button-small"
              onClick={() => actions.cancel(job.id)}
              aria-label={t('job.cancelLabel', { name: job.name })}
            >
              {t('fields.cancel')}
            </button>
          )}
          {job.hasReport && (
            <button
              type="button"
              className="button button-quiet button-small"
              onClick={() => actions.open(job.id)}
              aria-label={t('fields.reportOf', { name: job.name })}
            >
              {t('fields.report')}
            </button>
          )}
          {!job.pending && !running && job.stage !== 'pushing' && (
            <button
              type="button"
              className="button button-quiet button-small"
              onClick={() => actions.remove(job.id)}
              aria-label={t('job.removeLabel', { name: job.name })}
            >
              {t('fields.remove')}
            </button>
          )}
        </div>
      </div>
      <div className="job-facts">{live ? progressWords(live) : jobFacts(job)}</div>
      <div className="job-body">
        {ended ? (
          <span className="job-ended">{why ?? (job.stage === 'cancelled' ? '' : job.state)}</span>
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
