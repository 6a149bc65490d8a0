/**
 * The first start: before any file is checked, Courier asks for the cohort, the protocol year
 * and the site (every file carries its submission from the moment it is added), and for the
 * NAS folder, which can be left for later. Shown while the cohort or the year is not set.
 */
import { useEffect, useId, useState } from 'react';
import { useSettings } from '../stores/settings';
import { Dialog } from './common/Dialog';
import { NasField, nasReady } from './settings/NasField';

/** Once "Later" was chosen in this window, the dialog waits for the next start. */
let later = false;

export function FirstStart() {
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
    ? 'Choose your cohort.'
    : !yearOk
      ? `Give a protocol year from ${limits.min} to ${limits.max}.`
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
    <Dialog title="Welcome to Courier" wide testId="first-start">
      <form
        className="dialog-form"
        aria-label="First start"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <p className="dialog-text">
          Every file you add is checked for one submission: your cohort and a protocol year. Courier
          never sends a file without them.
        </p>
        <div className="field-grid">
          <div className="field">
            <label htmlFor={ids.cohort} className="field-label">
              Cohort
            </label>
            <select id={ids.cohort} value={cohort} onChange={(e) => setCohort(e.target.value)}>
              <option value="">(choose your cohort)</option>
              {view.cohorts.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </div>
          <div className="field field-narrow">
            <label htmlFor={ids.year} className="field-label">
              Protocol year
            </label>
            <input
              id={ids.year}
              type="number"
              min={limits.min}
              max={limits.max}
              value={year}
              onChange={(e) => setYear(e.target.value)}
            />
          </div>
        </div>
        <div className="field">
          <label htmlFor={ids.site} className="field-label">
            Site
          </label>
          <input
            id={ids.site}
            value={site}
            onChange={(e) => setSite(e.target.value)}
            placeholder="e.g. Seattle"
          />
        </div>
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
            Later
          </button>
          <button type="submit" className="button button-primary" disabled={!!why || s.saving}>
            {s.saving ? 'Saving…' : 'Save and start'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
