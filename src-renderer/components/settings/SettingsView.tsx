/**
 * Settings: the submission (site, cohort, protocol year), where files go (the NAS, tested
 * before saving), the patient ID policy, the definitions folder, retention, watched folders.
 * Changes are a draft until saved; main validates and may refuse with a plain reason.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { SettingsData } from '../../../src-main/shared/ipc';
import { useSettings } from '../../stores/settings';
import { ChooseFolder } from './ChooseFolder';
import { WatchedFolders } from './WatchedFolders';

function numberOrNull(v: string): number | null {
  return v.trim() === '' ? null : Number(v);
}

export function SettingsView() {
  const s = useSettings();
  const [draft, setDraft] = useState<SettingsData | null>(null);
  const ids = {
    site: useId(),
    cohort: useId(),
    year: useId(),
    nas: useId(),
    threshold: useId(),
    defs: useId(),
    retention: useId(),
  };

  useEffect(() => {
    void useSettings.getState().load();
  }, []);
  useEffect(() => {
    if (s.view) setDraft(structuredClone(s.view.settings));
  }, [s.view]);

  if (!draft || !s.view)
    return (
      <div className="page">
        <div className="page-head">
          <h2 id="page-title">Settings</h2>
        </div>
        <p className="quiet">{s.problem ?? 'Loading…'}</p>
      </div>
    );

  const set = (patch: Partial<SettingsData>): void => {
    setDraft({ ...draft, ...patch });
    useSettings.setState({ saved: false });
  };
  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    void s.save({
      ...draft,
      site: draft.site?.trim() || null,
      nasPath: draft.nasPath?.trim() || null,
      definitionsDir: draft.definitionsDir?.trim() || null,
      watchedFolders: draft.watchedFolders.filter((f) => f.path.trim() !== ''),
    });
  };

  return (
    <div className="page">
      <div className="page-head">
        <h2 id="page-title">Settings</h2>
        <p className="page-summary">
          Your site, where files are sent, and the folders Courier watches.
        </p>
      </div>
      <form className="settings-form" onSubmit={onSubmit} aria-label="Settings">
        <fieldset className="fieldset">
          <legend>Submission</legend>
          <div className="field-grid">
            <div className="field">
              <label htmlFor={ids.cohort} className="field-label">
                Cohort
              </label>
              <select
                id={ids.cohort}
                value={draft.cohort ?? ''}
                onChange={(e) => set({ cohort: e.target.value || null })}
              >
                <option value="">(choose your cohort)</option>
                {s.view.cohorts.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={ids.site} className="field-label">
                Site
              </label>
              <input
                id={ids.site}
                value={draft.site ?? ''}
                onChange={(e) => set({ site: e.target.value })}
              />
            </div>
            <div className="field field-narrow">
              <label htmlFor={ids.year} className="field-label">
                Protocol year
              </label>
              <input
                id={ids.year}
                type="number"
                min={s.view.limits.protocolYear.min}
                max={s.view.limits.protocolYear.max}
                value={draft.protocolYear ?? ''}
                onChange={(e) => set({ protocolYear: numberOrNull(e.target.value) })}
              />
            </div>
          </div>
        </fieldset>

        <fieldset className="fieldset">
          <legend>Destination</legend>
          <div className="field">
            <label htmlFor={ids.nas} className="field-label">
              NAS folder
            </label>
            <div className="input-with-button">
              <input
                id={ids.nas}
                value={draft.nasPath ?? ''}
                onChange={(e) => {
                  set({ nasPath: e.target.value });
                  useSettings.setState({ test: null });
                }}
                placeholder="The mounted NAS share, e.g. /mnt/naaccord or Z:\\courier"
                aria-describedby={`${ids.nas}-help`}
              />
              <ChooseFolder
                purpose="nas"
                label="Choose the NAS folder"
                onChosen={(nasPath) => {
                  set({ nasPath });
                  useSettings.setState({ test: null });
                }}
              />
              <button
                type="button"
                className="button"
                disabled={!draft.nasPath?.trim() || s.testing}
                onClick={() => void s.testNas(draft.nasPath!.trim())}
              >
                {s.testing ? 'Testing…' : 'Test connection'}
              </button>
            </div>
            <p id={`${ids.nas}-help`} className="field-help">
              Leave empty to keep files on this computer ({s.view.outbox}) until a NAS is
              configured: they are then “saved locally”, not sent.
            </p>
            {s.test && (
              <p className={s.test.ok ? 'field-ok' : 'field-error'} role="status">
                {s.test.message}
              </p>
            )}
          </div>
        </fieldset>

        <fieldset className="fieldset">
          <legend>Patient IDs not in the patient table</legend>
          <div className="radio-row">
            <label className="check">
              <input
                type="radio"
                name="policy"
                checked={draft.patientPolicy.mode === 'strict'}
                onChange={() => set({ patientPolicy: { ...draft.patientPolicy, mode: 'strict' } })}
              />
              Strict: any unknown ID is an error
            </label>
            <label className="check">
              <input
                type="radio"
                name="policy"
                checked={draft.patientPolicy.mode === 'permissive'}
                onChange={() =>
                  set({ patientPolicy: { ...draft.patientPolicy, mode: 'permissive' } })
                }
              />
              Permissive: a warning, up to
            </label>
            <label htmlFor={ids.threshold} className="visually-hidden">
              Most unknown IDs accepted as a warning
            </label>
            <input
              id={ids.threshold}
              type="number"
              min={0}
              className="input-small"
              disabled={draft.patientPolicy.mode !== 'permissive'}
              value={draft.patientPolicy.threshold}
              onChange={(e) =>
                set({
                  patientPolicy: {
                    ...draft.patientPolicy,
                    threshold: Math.max(0, Number(e.target.value) || 0),
                  },
                })
              }
            />
            <span aria-hidden="true">distinct IDs</span>
          </div>
        </fieldset>

        <fieldset className="fieldset">
          <legend>Advanced</legend>
          <div className="field-grid">
            <div className="field">
              <label htmlFor={ids.defs} className="field-label">
                Definitions folder (optional)
              </label>
              <div className="input-with-button">
                <input
                  id={ids.defs}
                  value={draft.definitionsDir ?? ''}
                  onChange={(e) => set({ definitionsDir: e.target.value })}
                  placeholder="Uses the bundled NA-ACCORD definitions when empty"
                />
                <ChooseFolder
                  purpose="definitions"
                  label="Choose the definitions folder"
                  onChosen={(definitionsDir) => set({ definitionsDir })}
                />
              </div>
            </div>
            <div className="field field-narrow">
              <label htmlFor={ids.retention} className="field-label">
                Keep sent files (days)
              </label>
              <input
                id={ids.retention}
                type="number"
                min={0}
                value={draft.retentionDays}
                onChange={(e) => set({ retentionDays: Math.max(0, Number(e.target.value) || 0) })}
              />
            </div>
          </div>
        </fieldset>

        <WatchedFolders
          folders={draft.watchedFolders}
          cohorts={s.view.cohorts}
          years={s.view.limits.protocolYear}
          problems={s.view.watchProblems}
          onChange={(watchedFolders) => set({ watchedFolders })}
        />

        <div className="form-footer">
          <button type="submit" className="button button-primary" disabled={s.saving}>
            {s.saving ? 'Saving…' : 'Save settings'}
          </button>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => setDraft(structuredClone(s.view!.settings))}
          >
            Discard changes
          </button>
          <span role="status" className={s.problem ? 'field-error' : 'field-ok'}>
            {s.problem ?? (s.saved ? 'Settings saved.' : '')}
          </span>
        </div>
      </form>
    </div>
  );
}
