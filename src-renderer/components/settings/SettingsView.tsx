/**
 * Settings: the submission (site, cohort, protocol year), where files go (the NAS, tested and
 * confirmed before saving), the patient ID policy, the definitions folder, retention, watched
 * folders. Changes are a draft until saved: the save bar stays in view, and leaving with
 * unsaved changes asks first. Main validates and may refuse with a plain reason.
 */
import { CohortField, SiteField, YearField } from '../common/SubmissionFields';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsData } from '../../../src-main/shared/ipc';
import { LANGUAGE_CHOICES, type LanguageChoice } from '../../../src-main/shared/i18n/lang';
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

/**
 * The draft as it would be saved (trimmed, empty watched folders dropped). The language is
 * not part of it: choosing one saves and applies it at once.
 */
function cleaned(draft: SettingsData): SettingsData {
  const { language: _language, ...rest } = draft;
  return {
    ...rest,
    site: draft.site?.trim() || null,
    nasPath: draft.nasPath?.trim() || null,
    definitionsDir: draft.definitionsDir?.trim() || null,
    watchedFolders: draft.watchedFolders.filter((f) => f.path.trim() !== ''),
  };
}

/** The language of the window and of the reports' messages: applied as soon as it is chosen. */
function LanguageField() {
  const { t } = useTranslation();
  const s = useSettings();
  const id = useId();
  const value: LanguageChoice = s.view?.settings.language ?? 'auto';
  return (
    <fieldset className="fieldset">
      <legend>{t('settings.language')}</legend>
      <div className="field">
        <label htmlFor={id} className="field-label">
          {t('settings.languageLabel')}
        </label>
        <select
          id={id}
          value={value}
          aria-describedby={`${id}-help`}
          data-testid="language"
          onChange={(e) => void s.setLanguage(e.target.value as LanguageChoice)}
        >
          {LANGUAGE_CHOICES.map((c) => (
            // Each language is named in itself, so a coordinator finds theirs in any window.
            <option key={c} value={c} lang={c === 'auto' ? undefined : c}>
              {t(`settings.languages.${c}`)}
            </option>
          ))}
        </select>
        <p id={`${id}-help`} className="field-help">
          {t('settings.languageHelp')}
        </p>
      </div>
    </fieldset>
  );
}

function LeaveDialog({ onSave, saving }: { onSave(): Promise<boolean>; saving: boolean }) {
  const { t } = useTranslation();
  const resolve = useApp((a) => a.resolveLeave);
  return (
    <Dialog
      title={t('settings.leave.title')}
      onClose={() => resolve(false)}
      testId="leave-settings"
    >
      <p className="dialog-text">{t('settings.leave.text')}</p>
      <div className="dialog-actions">
        <span className="action-spacer" />
        <button type="button" className="button button-quiet" onClick={() => resolve(false)}>
          {t('settings.leave.stay')}
        </button>
        <button type="button" className="button" onClick={() => resolve(true)}>
          {t('settings.leave.leave')}
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={saving}
          onClick={() => void onSave().then((ok) => ok && resolve(true))}
        >
          {t('settings.leave.save')}
        </button>
      </div>
    </Dialog>
  );
}

export function SettingsView() {
  const { t } = useTranslation();
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
    grace: useId(),
  };

  useEffect(() => {
    void useSettings.getState().load();
    // Leaving with unsaved changes asks first (the app keeps where the coordinator wanted to go).
    useApp.getState().setLeaveGuard(() => dirtyRef.current);
    return () => useApp.getState().setLeaveGuard(null);
  }, []);
  useEffect(() => {
    // A language chosen meanwhile must not drop the draft's unsaved changes.
    if (s.view)
      setDraft((d) =>
        d && dirtyRef.current
          ? { ...d, language: s.view!.settings.language }
          : structuredClone(s.view!.settings),
      );
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
          <h2 id="page-title">{t('sections.settings.label')}</h2>
        </div>
        <p className="quiet">{s.problem ?? t('app.loading')}</p>
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
        <h2 id="page-title">{t('sections.settings.label')}</h2>
        <p className="page-summary">{t('sections.settings.summary')}</p>
      </div>
      <LanguageField />
      <form className="settings-form" onSubmit={onSubmit} aria-label={t('settings.form')}>
        <fieldset className="fieldset">
          <legend>{t('settings.submission')}</legend>
          <div className="field-grid">
            <CohortField
              id={ids.cohort}
              value={draft.cohort ?? ''}
              cohorts={s.view.cohorts}
              onChange={(cohort) => set({ cohort: cohort || null })}
            />
            <SiteField id={ids.site} value={draft.site ?? ''} onChange={(site) => set({ site })} />
            <YearField
              id={ids.year}
              value={draft.protocolYear === null ? '' : String(draft.protocolYear)}
              limits={s.view.limits.protocolYear}
              onChange={(text) => set({ protocolYear: numberOrNull(text) })}
            />
          </div>
        </fieldset>

        <fieldset className="fieldset">
          <legend>{t('settings.destination')}</legend>
          <NasField
            value={draft.nasPath ?? ''}
            onChange={(nasPath) => set({ nasPath })}
            outbox={s.view.outbox}
          />
        </fieldset>

        <fieldset className="fieldset">
          <legend>{t('settings.patients')}</legend>
          <div className="radio-row">
            <label className="check">
              <input
                type="radio"
                name="policy"
                checked={draft.patientPolicy.mode === 'strict'}
                onChange={() => set({ patientPolicy: { ...draft.patientPolicy, mode: 'strict' } })}
              />
              {t('settings.strict')}
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
              {t('settings.permissive')}
            </label>
            <label htmlFor={ids.threshold} className="visually-hidden">
              {t('settings.threshold')}
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
            <span aria-hidden="true">{t('settings.distinctIds')}</span>
          </div>
        </fieldset>

        <fieldset className="fieldset">
          <legend>{t('settings.advanced')}</legend>
          <div className="field-grid">
            <div className="field">
              <label htmlFor={ids.defs} className="field-label">
                {t('settings.definitions')}
              </label>
              <div className="input-with-button">
                <input
                  id={ids.defs}
                  value={draft.definitionsDir ?? ''}
                  onChange={(e) => set({ definitionsDir: e.target.value })}
                  placeholder={t('settings.definitionsPlaceholder')}
                />
                <ChooseFolder
                  purpose="definitions"
                  label={t('settings.chooseDefinitions')}
                  onChosen={(definitionsDir) => set({ definitionsDir })}
                />
              </div>
            </div>
            <div className="field field-retention">
              <label htmlFor={ids.retention} className="field-label">
                {t('settings.retention')}
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
                {t('settings.retentionHelp')}
              </p>
            </div>
            <div className="field field-retention">
              <label htmlFor={ids.grace} className="field-label">
                {t('settings.grace')}
              </label>
              <input
                id={ids.grace}
                type="number"
                min={0}
                max={3600}
                value={draft.autoPushGraceSec ?? 60}
                aria-describedby={`${ids.grace}-help`}
                onChange={(e) =>
                  set({
                    autoPushGraceSec: Math.min(
                      3600,
                      Math.max(0, Math.round(Number(e.target.value) || 0)),
                    ),
                  })
                }
              />
              <p id={`${ids.grace}-help`} className="field-help">
                {t('settings.graceHelp')}
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
            {s.saving ? t('fields.saving') : t('settings.save')}
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
            {t('settings.discard')}
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
                  ? t('settings.unsaved')
                  : s.saved
                    ? t('settings.saved')
                    : '')}
          </span>
        </div>
      </form>
      <Recipes />
      {pending && <LeaveDialog onSave={save} saving={s.saving} />}
    </div>
  );
}
