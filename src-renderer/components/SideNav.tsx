/** The left navigation: one button per section; the current one is marked for screen readers. */
import { SECTIONS, type SectionId } from '../sections';
import { SectionIcon } from './SectionIcon';

export function SideNav({
  current,
  onSelect,
}: {
  current: SectionId;
  onSelect(id: SectionId): void;
}) {
  return (
    <nav className="side-nav" aria-label="Sections">
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
              <span>{section.label}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
