/**
 * Settings: the submission (site, cohort, protocol year), where files go (the NAS, tested and
 * confirmed before saving), the patient ID policy, the definitions folder, retention, watched
 * folders. Changes are a draft until saved: the save bar stays in view, and leaving with
 * unsaved changes asks first. Main validates and may refuse with a plain reason.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { SettingsData } from '../../../src-main/shared/ipc';
import { useApp } from '../../stores/app';
import { useSettings } from '../../stores/settings';
import { Dialog } from '../common/Dialog';
import { ChooseFolder } from './ChooseFolder';
import { NasField, nasReady } from './NasField';
import { Recipes } from './Recipes';
import { WatchedFolders } from './WatchedFolders';

function numberOrNull(v: string): number | null {
  return v.trim() === '' ? null : Number(v);
}

/** The draft as it would be saved (trimmed, empty watched folders dropped). */
function cleaned(draft: SettingsData): SettingsData {
  return {
    ...draft,
    site: draft.site?.trim() || null,
    nasPath: draft.nasPath?.trim() || null,
    definitionsDir: draft.definitionsDir?.trim() || null,
    watchedFolders: draft.watchedFolders.filter((f) => f.path.trim() !== ''),
  };
}

function LeaveDialog({ onSave, saving }: { onSave(): Promise<boolean>; saving: boolean }) {
  const resolve = useApp((a) => a.resolveLeave);
  return (
    <Dialog title="Leave without saving?" onClose={() => resolve(false)} testId="leave-settings">
      <p className="dialog-text">
        Your changes to the settings are not saved yet. They are lost if you leave now.
      </p>
      <div className="dialog-actions">
        <span className="action-spacer" />
        <button type="button" className="button button-quiet" onClick={() => resolve(false)}>
          Stay
        </button>
        <button type="button" className="button" onClick={() => resolve(true)}>
          Leave without saving
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={saving}
          onClick={() => void onSave().then((ok) => ok && resolve(true))}
        >
          Save and leave
        </button>
      </div>
    </Dialog>
  );
}

export function SettingsView() {
  const s = useSettings();
  const [draft, setDraft] = useState<SettingsData | null>(null);
  const pending = useApp((a) => a.pendingRoute);
  const dirtyRef = useRef(false);
  const ids = {
    site: useId(),
    cohort: useId(),
    year: useId(),
    threshold: useId(),
    defs: useId(),
    retention: useId(),
  };

  useEffect(() => {
    void useSettings.getState().load();
    // Leaving with unsaved changes asks first (the app keeps where the coordinator wanted to go).
    useApp.getState().setLeaveGuard(() => dirtyRef.current);
    return () => useApp.getState().setLeaveGuard(null);
  }, []);
  useEffect(() => {
    if (s.view) setDraft(structuredClone(s.view.settings));
  }, [s.view]);
  const dirty =
    draft !== null &&
    s.view !== null &&
    JSON.stringify(cleaned(draft)) !== JSON.stringify(cleaned(s.view.settings));
  dirtyRef.current = dirty;

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
  const nas = nasReady(draft.nasPath ?? '', s.view.settings.nasPath);
  const save = (): Promise<boolean> => (nas.ok ? s.save(cleaned(draft)) : Promise.resolve(false));
  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    void save();
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
          <NasField
            value={draft.nasPath ?? ''}
            onChange={(nasPath) => set({ nasPath })}
            outbox={s.view.outbox}
          />
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
            <div className="field field-retention">
              <label htmlFor={ids.retention} className="field-label">
                Keep sent files (days)
              </label>
              <input
                id={ids.retention}
                type="number"
                min={0}
                value={draft.retentionDays}
                aria-describedby={`${ids.retention}-help`}
                onChange={(e) => set({ retentionDays: Math.max(0, Number(e.target.value) || 0) })}
              />
              <p id={`${ids.retention}-help`} className="field-help">
                Courier’s converted copy (the .duckdb file) of each sent file is deleted from this
                computer after this many days. Your CSV files and the NAS are never touched.
              </p>
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

        <div className={`save-bar${dirty ? ' save-bar-dirty' : ''}`} data-testid="save-bar">
          <button
            type="submit"
            className="button button-primary"
            disabled={s.saving || !dirty || !nas.ok}
          >
            {s.saving ? 'Saving…' : 'Save settings'}
          </button>
          <button
            type="button"
            className="button button-quiet"
            disabled={!dirty}
            onClick={() => {
              setDraft(structuredClone(s.view!.settings));
              useSettings.setState({ test: null, problem: null });
            }}
          >
            Discard changes
          </button>
          <span
            role="status"
            className={
              s.problem || (dirty && !nas.ok) ? 'field-error' : dirty ? 'field-help' : 'field-ok'
            }
          >
            {s.problem ??
              (dirty && !nas.ok
                ? nas.why
                : dirty
                  ? 'You have unsaved changes.'
                  : s.saved
                    ? 'Settings saved.'
                    : '')}
          </span>
        </div>
      </form>
      <Recipes />
      {pending && <LeaveDialog onSave={save} saving={s.saving} />}
    </div>
  );
}
