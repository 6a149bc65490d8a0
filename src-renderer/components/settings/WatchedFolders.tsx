/** The watched folders: each with its own cohort, protocol year and options. */
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
  const update = (i: number, patch: Partial<WatchedFolderView>): void =>
    onChange(folders.map((f, k) => (k === i ? { ...f, ...patch } : f)));
  return (
    <fieldset className="fieldset">
      <legend>Watched folders</legend>
      <p className="field-help">
        Files that appear in these folders are checked once they stop changing. Courier never
        changes them, and moves them only if you ask it to.
      </p>
      {folders.length === 0 && <p className="quiet">No folder is watched.</p>}
      <ul className="watched-list">
        {folders.map((f, i) => {
          const problem = problems.find((p) => p.path === f.path);
          const n = i + 1;
          return (
            <li key={i} className="watched-item">
              <div className="watched-grid">
                <label className="field">
                  <span className="field-label">Folder {n}</span>
                  <input
                    value={f.path}
                    onChange={(e) => update(i, { path: e.target.value })}
                    placeholder="/path/to/exports"
                  />
                </label>
                <label className="field">
                  <span className="field-label">Cohort</span>
                  <select
                    aria-label={`Cohort of folder ${n}`}
                    value={f.cohort ?? ''}
                    onChange={(e) => update(i, { cohort: e.target.value || null })}
                  >
                    <option value="">Same as above</option>
                    {cohorts.map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="field field-narrow">
                  <span className="field-label">Year</span>
                  <input
                    aria-label={`Protocol year of folder ${n}`}
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
                    aria-label={`Send files from folder ${n} without errors automatically`}
                    checked={f.autoPush}
                    onChange={(e) => update(i, { autoPush: e.target.checked })}
                  />
                  Send files without errors automatically
                </label>
                <label className="check">
                  <input
                    type="checkbox"
                    aria-label={`Include the subfolders of folder ${n}`}
                    checked={f.recursive}
                    onChange={(e) => update(i, { recursive: e.target.checked })}
                  />
                  Include subfolders
                </label>
                <label className="check">
                  <input
                    type="checkbox"
                    aria-label={`Move finished files of folder ${n} into done or rejected`}
                    checked={f.moveFinished}
                    onChange={(e) => update(i, { moveFinished: e.target.checked })}
                  />
                  Move finished files into done/ or rejected/
                </label>
                <label className="check">
                  <input
                    type="checkbox"
                    aria-label={`Check folder ${n} by polling (network drives)`}
                    checked={f.polling}
                    onChange={(e) => update(i, { polling: e.target.checked })}
                  />
                  Poll for changes (network drives)
                </label>
                <ChooseFolder
                  purpose="watched"
                  label={`Choose folder ${n}`}
                  className="button button-quiet button-small"
                  onChosen={(path) => update(i, { path })}
                />
                <button
                  type="button"
                  className="button button-quiet button-small"
                  onClick={() => onChange(folders.filter((_, k) => k !== i))}
                  aria-label={`Stop watching folder ${n}`}
                >
                  Remove
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
        Add a watched folder
      </button>
    </fieldset>
  );
}
