/** The first thing a report says, in plain words: ready to send, or how many problems. */
import type { JobView } from '../../../src-main/shared/ipc';
import { bannerWords } from '../../words';

export function StatusBanner({
  job,
  errors,
  detail,
}: {
  job: JobView;
  errors: number;
  detail: string;
}) {
  const { tone, text } = bannerWords(job, errors);
  return (
    <div className={`banner banner-${tone}`} data-testid="status-banner">
      <p className="banner-title">{text}</p>
      {detail && <p className="banner-detail">{detail}</p>}
    </div>
  );
}
