/** The stages of one job as a row of steps; the current one is marked for screen readers. */
import type { Stage } from '../../../src-main/shared/ipc';
import { STEPS, stepOf } from '../../stages';
import { STEP_WORDS } from '../../words';

export function StageStepper({ stage, local }: { stage: Stage; local: boolean }) {
  const { index, end } = stepOf(stage);
  const finished = stage === 'pushed';
  return (
    <ol className="stepper" aria-label="Stages">
      {STEPS.map((step, i) => {
        const state =
          end === 'blocked' && i === index
            ? 'problem'
            : i < index || (finished && i === index)
              ? 'done'
              : i === index
                ? 'current'
                : 'todo';
        const label = step === 'pushed' && local ? 'Saved locally' : STEP_WORDS[step];
        return (
          <li
            key={step}
            className={`step step-${state}`}
            aria-current={i === index && !finished ? 'step' : undefined}
          >
            <span className="step-dot" aria-hidden="true" />
            <span className="step-label">
              {label}
              {state === 'problem' && <span className="visually-hidden"> (problems found)</span>}
              {state === 'done' && <span className="visually-hidden"> (done)</span>}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
