/**
 * The fields that name a submission (cohort, protocol year) and the site, as the first-start
 * dialog and Settings both ask for them: one label, one control, one place.
 */
import { useTranslation } from 'react-i18next';

export function CohortField({
  id,
  value,
  cohorts,
  onChange,
}: {
  id: string;
  value: string;
  cohorts: string[];
  onChange(cohort: string): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {t('fields.cohort')}
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('fields.chooseCohort')}</option>
        {cohorts.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </div>
  );
}

export function YearField({
  id,
  value,
  limits,
  onChange,
}: {
  id: string;
  value: string;
  limits: { min: number; max: number };
  onChange(text: string): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="field field-narrow">
      <label htmlFor={id} className="field-label">
        {t('fields.year')}
      </label>
      <input
        id={id}
        type="number"
        min={limits.min}
        max={limits.max}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

export function SiteField({
  id,
  value,
  placeholder,
  onChange,
}: {
  id: string;
  value: string;
  placeholder?: string;
  onChange(site: string): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {t('fields.site')}
      </label>
      <input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...(placeholder ? { placeholder } : {})}
      />
    </div>
  );
}
