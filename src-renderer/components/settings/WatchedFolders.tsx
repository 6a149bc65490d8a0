/** The watched folders: each with its own cohort, protocol year and auto-push. */
import type { WatchedFolderView } from '../../../src-main/shared/ipc';

export function WatchedFolders({
  folders,
  cohorts,
  problems,
  onChange,
}: {
  folders: WatchedFolderView[];
  cohorts: string[];
  problems: { path: string; message: string }[];
  onChange(folders: WatchedFolderView[]): void;
}) {
  const update = (i: number, patch: Partial<WatchedFolderView>): void =>
    onChange(folders.map((f, k) => (k === i ? { ...f, ...patch } : f)));
  return (
    <fieldset className="fieldset">
      <legend>Watched folders</legend>
      <p className="field-help">
        Files that appear in these folders are checked once they stop changing. Courier never moves
        or changes them.
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
                    min={1990}
                    max={2100}
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
            { path: '', cohort: null, protocolYear: null, autoPush: false, recursive: false },
          ])
        }
      >
        Add a watched folder
      </button>
    </fieldset>
  );
}
