/** One section's page. For now each says what it will hold; the real views replace the card. */
import { SECTIONS, type SectionId } from '../sections';
import { SectionIcon } from './SectionIcon';

export function SectionView({ id }: { id: SectionId }) {
  const section = SECTIONS.find((s) => s.id === id) ?? SECTIONS[0];
  return (
    <>
      <div className="page-head">
        <h2 id="page-title">{section.title}</h2>
        <p className="page-summary">{section.summary}</p>
      </div>
      <section className="empty-card" aria-label={`${section.title}: coming soon`}>
        <div className="empty-icon">
          <SectionIcon id={section.id} size={28} />
        </div>
        <p className="empty-badge">Arrives soon</p>
        <p className="empty-text">{section.soon}</p>
      </section>
    </>
  );
}
