import type { SectionId } from '../sections';

/** Small line icons; decorative, the label carries the meaning. */
export function SectionIcon({ id, size = 18 }: { id: SectionId; size?: number }) {
  const paths: Record<SectionId, string> = {
    inbox: 'M3 13h5l2 3h4l2-3h5M5 5h14l2 8v6H3v-6z',
    submission: 'M6 3h9l4 4v14H6zM14 3v5h5M9 13h7M9 17h5',
    history: 'M12 7v5l3 2M3.5 12a8.5 8.5 0 1 0 2.5-6M3 4v4h4',
    settings:
      'M4 7h10M18 7h2M16 5a2 2 0 1 0 0 4a2 2 0 1 0 0-4M4 17h4M12 17h8M10 15a2 2 0 1 0 0 4a2 2 0 1 0 0-4',
  };
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      className="section-icon"
    >
      <path d={paths[id]} />
    </svg>
  );
}
