/**
 * The stages of one job as a row of steps. Each step has its word; done, current and problem
 * steps also differ by shape (a check, a ring, a cross), never by colour alone, and say so to
 * screen readers.
 */
import { useTranslation } from 'react-i18next';
import type { Stage } from '../../../src-main/shared/ipc';
import { STEPS, stepOf } from '../../stages';

export function StageStepper({ stage, local }: { stage: Stage; local: boolean }) {
  const { t } = useTranslation();
  const { index, end } = stepOf(stage);
  const finished = stage === 'pushed';
  return (
    <ol className="stepper" aria-label={t('steps.label')}>
      {STEPS.map((step, i) => {
        const state =
          end === 'blocked' && i === index
            ? 'problem'
            : i < index || (finished && i === index)
              ? 'done'
              : i === index
                ? 'current'
                : 'todo';
        const label = step === 'pushed' && local ? t('steps.savedLocally') : t(`steps.${step}`);
        return (
          <li
            key={step}
            className={`step step-${state}`}
            aria-current={i === index && !finished ? 'step' : undefined}
          >
            <span className="step-dot" aria-hidden="true" />
            <span className="step-label">
              {label}
              {state === 'problem' && (
                <span className="visually-hidden"> {t('steps.problems')}</span>
              )}
              {state === 'done' && <span className="visually-hidden"> {t('steps.done')}</span>}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
