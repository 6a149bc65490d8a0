/**
 * The NAS folder: a path, _Test connection_ (what kind of folder it is, and what the share
 * supports), and, for an empty folder without Courier's marker, the question whether it is
 * the NAS share, with the fact that decides it (a network share, or this computer's disk).
 * Courier never creates the folder.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { t as word } from '../../i18n/i18n';
import { useSettings } from '../../stores/settings';
import { ChooseFolder } from './ChooseFolder';

/** Whether `path` can be saved as the NAS folder now, and why not. */
export function nasReady(path: string, saved: string | null): { ok: boolean; why: string | null } {
  const p = path.trim();
  if (p === '' || p === saved) return { ok: true, why: null };
  const test = useSettings.getState().test;
  if (test?.path === p && test.state === 'ready') return { ok: true, why: null };
  if (test?.path === p && test.state === 'new') return { ok: false, why: word('nas.whyAnswer') };
  if (test?.path === p) return { ok: false, why: word('nas.whyCannot') };
  return { ok: false, why: word('nas.whyTest') };
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
  const { t } = useTranslation();
  const s = useSettings();
  const id = useId();
  const path = value.trim();
  const test = s.test?.path === path ? s.test : null;
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {t('nas.label')}
        {optional && <span className="field-optional">{t('nas.optional')}</span>}
      </label>
      <div className="input-with-button">
        <input
          id={id}
          value={value}
          onChange={(e) => {
            onChange(e.target.value);
            useSettings.setState({ test: null });
          }}
          placeholder={t('nas.placeholder')}
          aria-describedby={`${id}-help`}
        />
        <ChooseFolder
          purpose="nas"
          label={t('nas.choose')}
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
          {s.testing ? t('nas.testing') : t('nas.test')}
        </button>
      </div>
      <p id={`${id}-help`} className="field-help">
        {t('nas.help', { outbox })}
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
          aria-label={t('nas.question')}
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
              {t('nas.yes')}
            </button>
            <button
              type="button"
              className="button button-quiet button-small"
              onClick={() => {
                onChange('');
                useSettings.setState({ test: null });
              }}
            >
              {t('nas.no')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
