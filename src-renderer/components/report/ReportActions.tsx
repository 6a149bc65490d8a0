/**
 * What can be done with a checked file: send it to its submission, override its problems with
 * a reason, check it again (for the current settings' cohort and year), and export the
 * report. What cannot be done says why.
 */
import { useId, useState } from 'react';
import type { JobView } from '../../../src-main/shared/ipc';

export interface ReportCommands {
  send(): void;
  override(reason: string): Promise<boolean>;
  reingest(): void;
  exportAs(kind: 'html' | 'json'): void;
}

export function ReportActions({
  job,
  busy,
  commands,
  assignTo = null,
}: {
  job: JobView;
  busy: boolean;
  commands: ReportCommands;
  /** The current settings' submission ("UW - Seattle · 2025"), when both are set. */
  assignTo?: string | null;
}) {
  const [overriding, setOverriding] = useState(false);
  const [reason, setReason] = useState('');
  const reasonId = useId();
  const canSend = job.stage === 'ready' || job.stage === 'push-queued';
  const short = reason.trim().length < 5;
  const again =
    assignTo && assignTo !== job.submission ? `Check again for ${assignTo}` : 'Check again';
  // Why nothing can be sent, shown under the buttons (a disabled button alone says nothing).
  const why = canSend ? job.sendBlock : job.stage === 'blocked' ? job.overrideBlock : null;

  return (
    <div className="report-actions">
      <div className="action-row" role="group" aria-label="Actions">
        {canSend && (
          <button
            type="button"
            className="button button-primary"
            onClick={commands.send}
            disabled={busy || job.sendBlock !== null}
          >
            {job.stage === 'push-queued'
              ? `Try sending to ${job.submission} now`
              : `Send to ${job.submission}`}
          </button>
        )}
        {job.stage === 'blocked' && job.overrideBlock === null && !overriding && (
          <button type="button" className="button" onClick={() => setOverriding(true)}>
            Send anyway…
          </button>
        )}
        {job.canReingest && (
          <button type="button" className="button button-quiet" onClick={commands.reingest}>
            {again}
          </button>
        )}
        <span className="action-spacer" />
        <button
          type="button"
          className="button button-quiet"
          onClick={() => commands.exportAs('html')}
        >
          Export report (HTML)
        </button>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => commands.exportAs('json')}
        >
          Export report (JSON)
        </button>
      </div>
      {why && (
        <p className="action-why" data-testid="action-why">
          {canSend ? 'Cannot be sent: ' : ''}
          {why}
        </p>
      )}
      {overriding && (
        <form
          className="override-form"
          aria-label="Send despite the problems"
          onSubmit={(e) => {
            e.preventDefault();
            if (short) return;
            void commands.override(reason.trim()).then((ok) => {
              if (ok) {
                setOverriding(false);
                setReason('');
              }
            });
          }}
        >
          <label htmlFor={reasonId} className="field-label">
            Why should this file be sent despite its problems?
          </label>
          <p className="field-help">
            Your reason is recorded with the file and in the audit log, and the central team sees
            it.
          </p>
          <textarea
            id={reasonId}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            rows={3}
            required
            minLength={5}
            autoFocus
          />
          <div className="action-row">
            <button type="submit" className="button button-primary" disabled={short}>
              Record the override
            </button>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => setOverriding(false)}
            >
              Cancel
            </button>
            {short && <span className="field-help">A reason of at least 5 characters.</span>}
          </div>
        </form>
      )}
    </div>
  );
}
