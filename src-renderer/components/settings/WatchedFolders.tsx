/** The watched folders: each with its own cohort, protocol year and options. */
import { useTranslation } from 'react-i18next';
import type { WatchedFolderView } from '../../../src-main/shared/ipc';
import { ChooseFolder } from './ChooseFolder';

export function WatchedFolders({
  folders,
  cohorts,
  years,
  problems,
  onChange,
}: {
  folders: WatchedFolderView[];
  cohorts: string[];
  years: { min: number; max: number };
  problems: { path: string; message: string }[];
  onChange(folders: WatchedFolderView[]): void;
}) {
  const { t } = useTranslation();
  const update = (i: number, patch: Partial<WatchedFolderView>): void =>
    onChange(folders.map((f, k) => (k === i ? { ...f, ...patch } : f)));
  return (
    <fieldset className="fieldset">
      <legend>{t('watched.legend')}</legend>
      <p className="field-help">{t('watched.help')}</p>
      {folders.length === 0 && <p className="quiet">{t('watched.none')}</p>}
      <ul className="watched-list">
        {folders.map((f, i) => {
          const problem = problems.find((p) => p.path === f.path);
          const n = i + 1;
          return (
            <li key={i} className="watched-item">
              <div className="watched-grid">
                <label className="field">
                  <span className="field-label">{t('watched.folder', { n })}</span>
                  <input
                    value={f.path}
                    onChange={(e) => update(i, { path: e.target.value })}
                    placeholder={t('watched.placeholder')}
                  />
                </label>
                <label className="field">
                  <span className="field-label">{t('fields.cohort')}</span>
                  <select
                    aria-label={t('watched.cohortOf', { n })}
                    value={f.cohort ?? ''}
                    onChange={(e) => update(i, { cohort: e.target.value || null })}
                  >
                    <option value="">{t('watched.same')}</option>
                    {cohorts.map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="field field-narrow">
                  <span className="field-label">{t('watched.year')}</span>
                  <input
                    aria-label={t('watched.yearOf', { n })}
                    type="number"
                    min={years.min}
                    max={years.max}
                    value={f.protocolYear ?? ''}
                    onChange={(e) =>
                      update(i, {
                        protocolYear: e.target.value === '' ? null : Number(e.target.value),
                      })
                    }
                  />
                </label>
              </div>
              <div className="watched-options">
                <label className="check">
                  <input
                    type="checkbox"
                    aria-label={t('watched.autoLabel', { n })}
                    checked={f.autoPush}
                    onChange={(e) => update(i, { autoPush: e.target.checked })}
                  />
                  {t('watched.auto')}
                </label>
                <label className="check">
                  <input
                    type="checkbox"
                    aria-label={t('watched.recursiveLabel', { n })}
                    checked={f.recursive}
                    onChange={(e) => update(i, { recursive: e.target.checked })}
                  />
                  {t('watched.recursive')}
                </label>
                <label className="check">
                  <input
                    type="checkbox"
                    aria-label={t('watched.moveLabel', { n })}
                    checked={f.moveFinished}
                    onChange={(e) => update(i, { moveFinished: e.target.checked })}
                  />
                  {t('watched.move')}
                </label>
                <label className="check">
                  <input
                    type="checkbox"
                    aria-label={t('watched.pollLabel', { n })}
                    checked={f.polling}
                    onChange={(e) => update(i, { polling: e.target.checked })}
                  />
                  {t('watched.poll')}
                </label>
                <ChooseFolder
                  purpose="watched"
                  label={t('watched.choose', { n })}
                  className="button button-quiet button-small"
                  onChosen={(path) => update(i, { path })}
                />
                <button
                  type="button"
                  className="button button-quiet button-small"
                  onClick={() => onChange(folders.filter((_, k) => k !== i))}
                  aria-label={t('watched.removeLabel', { n })}
                >
                  {t('fields.remove')}
                </button>
              </div>
              {problem && <p className="field-error">{problem.message}</p>}
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        className="button button-quiet"
        onClick={() =>
          onChange([
            ...folders,
            {
              path: '',
              cohort: null,
              protocolYear: null,
              autoPush: false,
              recursive: false,
              moveFinished: false,
              polling: false,
            },
          ])
        }
      >
        {t('watched.add')}
      </button>
    </fieldset>
  );
}
