/**
 * What can be done with a checked file: send it to its submission, override its problems with
 * a reason, check it again (for the current settings' cohort and year), and export the
 * report. What cannot be done says why.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobView } from '../../../src-main/shared/ipc';
import { useInlineFocus } from '../common/useInlineFocus';

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
  const { t } = useTranslation();
  const [overriding, setOverriding] = useState(false);
  const [reason, setReason] = useState('');
  const reasonId = useId();
  const canSend = job.stage === 'ready' || job.stage === 'push-queued';
  const short = reason.trim().length < 5;
  const again =
    assignTo && assignTo !== job.submission
      ? t('actions.checkAgainFor', { submission: assignTo })
      : t('actions.checkAgain');
  // Why nothing can be sent, shown under the buttons (a disabled button alone says nothing).
  const why = canSend ? job.sendBlock : job.stage === 'blocked' ? job.overrideBlock : null;
  const focus = useInlineFocus<HTMLTextAreaElement>(overriding, () => setOverriding(false));
  // After an override the file becomes ready: focus goes to the Send button that appears.
  const send = useRef<HTMLButtonElement>(null);
  const focusSend = useRef(false);
  useEffect(() => {
    if (canSend && focusSend.current) {
      focusSend.current = false;
      send.current?.focus();
    }
  }, [canSend, overriding]);

  return (
    <div className="report-actions">
      <div className="action-row" role="group" aria-label={t('actions.label')}>
        {canSend && (
          <button
            ref={send}
            type="button"
            className="button button-primary"
            onClick={commands.send}
            disabled={busy || job.sendBlock !== null}
          >
            {t(job.stage === 'push-queued' ? 'actions.trySend' : 'actions.sendTo', {
              submission: job.submission,
            })}
          </button>
        )}
        {job.stage === 'blocked' && job.overrideBlock === null && !overriding && (
          <button
            ref={focus.opener}
            type="button"
            className="button"
            onClick={() => setOverriding(true)}
          >
            {t('actions.sendAnyway')}
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
          {t('actions.exportHtml')}
        </button>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => commands.exportAs('json')}
        >
          {t('actions.exportJson')}
        </button>
      </div>
      {why && (
        <p className="action-why" data-testid="action-why">
          {canSend ? t('actions.cannotSend', { why }) : why}
        </p>
      )}
      {overriding && (
        <form
          className="override-form"
          aria-label={t('actions.overrideForm')}
          onKeyDown={focus.onKeyDown}
          onSubmit={(e) => {
            e.preventDefault();
            if (short) return;
            void commands.override(reason.trim()).then((ok) => {
              if (ok) {
                focusSend.current = true;
                setOverriding(false);
                setReason('');
              }
            });
          }}
        >
          <label htmlFor={reasonId} className="field-label">
            {t('actions.reason')}
          </label>
          <p className="field-help">{t('actions.reasonHelp')}</p>
          <textarea
            ref={focus.inside}
            id={reasonId}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            rows={3}
            required
            minLength={5}
          />
          <div className="action-row">
            <button type="submit" className="button button-primary" disabled={short}>
              {t('actions.record')}
            </button>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => setOverriding(false)}
            >
              {t('fields.cancel')}
            </button>
            {short && <span className="field-help">{t('actions.short')}</span>}
          </div>
        </form>
      )}
    </div>
  );
}
