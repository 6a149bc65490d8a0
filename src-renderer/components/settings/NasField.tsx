/**
 * The NAS folder: a path, _Test connection_ (what kind of folder it is, and what the share
 * supports), and, for an empty folder without Courier's marker, the question whether it is
 * the NAS share, with the fact that decides it (a network share, or this computer's disk).
 * Courier never creates the folder.
 */
import { useId } from 'react';
import { useSettings } from '../../stores/settings';
import { ChooseFolder } from './ChooseFolder';

/** Whether `path` can be saved as the NAS folder now, and why not. */
export function nasReady(path: string, saved: string | null): { ok: boolean; why: string | null } {
  const p = path.trim();
  if (p === '' || p === saved) return { ok: true, why: null };
  const test = useSettings.getState().test;
  if (test?.path === p && test.state === 'ready') return { ok: true, why: null };
  if (test?.path === p && test.state === 'new')
    return { ok: false, why: 'Answer whether the NAS folder is the NAS share first.' };
  if (test?.path === p)
    return { ok: false, why: 'Courier cannot use this NAS folder (see above).' };
  return { ok: false, why: 'Test the connection to the new NAS folder first.' };
}

export function NasField({
  value,
  onChange,
  outbox,
  optional = false,
}: {
  value: string;
  onChange(path: string): void;
  outbox: string;
  /** Say it can be left for later (the first start). */
  optional?: boolean;
}) {
  const s = useSettings();
  const id = useId();
  const path = value.trim();
  const test = s.test?.path === path ? s.test : null;
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        NAS folder
        {optional && <span className="field-optional"> (optional: you can set it later)</span>}
      </label>
      <div className="input-with-button">
        <input
          id={id}
          value={value}
          onChange={(e) => {
            onChange(e.target.value);
            useSettings.setState({ test: null });
          }}
          placeholder="The mounted NAS share, e.g. /mnt/naaccord or Z:\courier"
          aria-describedby={`${id}-help`}
        />
        <ChooseFolder
          purpose="nas"
          label="Choose the NAS folder"
          onChosen={(chosen) => {
            onChange(chosen);
            useSettings.setState({ test: null });
          }}
        />
        <button
          type="button"
          className="button"
          disabled={!path || s.testing}
          onClick={() => void s.testNas(path)}
        >
          {s.testing ? 'Testing…' : 'Test connection'}
        </button>
      </div>
      <p id={`${id}-help`} className="field-help">
        Leave empty to keep files on this computer ({outbox}) until a NAS is configured: they are
        then “saved locally”, not sent. Courier never creates this folder: it must be the mounted
        share.
      </p>
      {test && test.state !== 'new' && (
        <div
          className={test.ok ? 'nas-result nas-ok' : 'nas-result nas-problem'}
          role="status"
          data-testid="nas-result"
        >
          <p>{test.message}</p>
          {test.details && test.details.length > 0 && (
            <ul className="nas-details">
              {test.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {test?.state === 'new' && (
        <div
          className={`nas-result nas-question${test.network === false ? ' nas-local' : ''}`}
          role="group"
          aria-label="Is it the NAS share?"
          data-testid="nas-confirm"
        >
          <p>{test.message}</p>
          <div className="action-row">
            <button
              type="button"
              className="button button-primary button-small"
              disabled={s.testing}
              onClick={() => void s.setupNas(path)}
            >
              Yes, it is the NAS share: set it up
            </button>
            <button
              type="button"
              className="button button-quiet button-small"
              onClick={() => {
                onChange('');
                useSettings.setState({ test: null });
              }}
            >
              No, leave the NAS empty
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
