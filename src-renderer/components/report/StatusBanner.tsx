/** The first thing a report says, in plain words (main words it: shared/banner.ts). */
import type { Banner } from '../../../src-main/shared/banner';

export function StatusBanner({ banner, detail }: { banner: Banner; detail: string }) {
  return (
    <div className={`banner banner-${banner.tone}`} data-testid="status-banner">
      <p className="banner-title">{banner.text}</p>
      {detail && <p className="banner-detail">{detail}</p>}
    </div>
  );
}
