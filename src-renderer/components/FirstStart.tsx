/**
 * The first start: before any file is checked, Courier asks for the cohort, the protocol year
 * and the site (every file carries its submission from the moment it is added), and for the
 * NAS folder, which can be left for later. Shown while the cohort or the year is not set.
 */
import { CohortField, SiteField, YearField } from './common/SubmissionFields';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../stores/settings';
import { Dialog } from './common/Dialog';
import { NasField, nasReady } from './settings/NasField';

/** Once "Later" was chosen in this window, the dialog waits for the next start. */
let later = false;

export function FirstStart() {
  const { t } = useTranslation();
  const s = useSettings();
  const [cohort, setCohort] = useState('');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [site, setSite] = useState('');
  const [nas, setNas] = useState('');
  const [closed, setClosed] = useState(later);
  const ids = { cohort: useId(), year: useId(), site: useId() };

  useEffect(() => {
    if (!useSettings.getState().view) void useSettings.getState().load();
  }, []);

  const view = s.view;
  if (closed || !view) return null;
  if (view.settings.cohort !== null && view.settings.protocolYear !== null) return null;

  const limits = view.limits.protocolYear;
  const y = Number(year);
  const yearOk = year.trim() !== '' && Number.isInteger(y) && y >= limits.min && y <= limits.max;
  const nasState = nasReady(nas, null);
  const why = !cohort
    ? t('firstStart.whyCohort')
    : !yearOk
      ? t('firstStart.whyYear', { min: limits.min, max: limits.max })
      : nasState.why;

  async function save(): Promise<void> {
    if (why) return;
    const ok = await s.save({
      cohort,
      protocolYear: y,
      site: site.trim() || null,
      ...(nas.trim() ? { nasPath: nas.trim() } : {}),
    });
    if (ok) setClosed(true);
  }

  return (
    <Dialog title={t('firstStart.title')} wide testId="first-start">
      <form
        className="dialog-form"
        aria-label={t('firstStart.form')}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <p className="dialog-text">{t('firstStart.intro')}</p>
        <div className="field-grid">
          <CohortField id={ids.cohort} value={cohort} cohorts={view.cohorts} onChange={setCohort} />
          <YearField id={ids.year} value={year} limits={limits} onChange={setYear} />
        </div>
        <SiteField
          id={ids.site}
          value={site}
          placeholder={t('firstStart.sitePlaceholder')}
          onChange={setSite}
        />
        <NasField value={nas} onChange={setNas} outbox={view.outbox} optional />
        <div className="dialog-actions">
          {why && (
            <span className="field-help" data-testid="first-start-why">
              {why}
            </span>
          )}
          {s.problem && <span className="field-error">{s.problem}</span>}
          <span className="action-spacer" />
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              later = true;
              setClosed(true);
            }}
          >
            {t('firstStart.later')}
          </button>
          <button type="submit" className="button button-primary" disabled={!!why || s.saving}>
            {s.saving ? t('fields.saving') : t('firstStart.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
