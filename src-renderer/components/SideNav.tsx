/** The left navigation: one button per section; the current one is marked for screen readers. */
import { useTranslation } from 'react-i18next';
import { SECTIONS, type SectionId } from '../sections';
import { SectionIcon } from './SectionIcon';

export function SideNav({
  current,
  onSelect,
}: {
  current: SectionId;
  onSelect(id: SectionId): void;
}) {
  const { t } = useTranslation();
  return (
    <nav className="side-nav" aria-label={t('sections.label')}>
      <ul>
        {SECTIONS.map((section) => (
          <li key={section.id}>
            <button
              type="button"
              className="nav-item"
              aria-current={section.id === current ? 'page' : undefined}
              onClick={() => onSelect(section.id)}
            >
              <SectionIcon id={section.id} />
              <span>{t(`sections.${section.id}.label`)}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
