/**
 * The window's frame: header, section navigation, the current section, and the status bar.
 * Landmarks (banner, navigation, main, contentinfo) let screen readers jump between them; a
 * polite live region says stage changes and finished jobs.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from '../stores/announce';
import { useApp } from '../stores/app';
import { useStatus } from '../stores/status';
import { FirstStart } from './FirstStart';
import { Logo } from './Logo';
import { SectionView } from './SectionView';
import { SideNav } from './SideNav';
import { StatusBar } from './StatusBar';

/** Said politely, after what the reader is saying; one node per announcement. */
function Announcer() {
  const { text, seq } = useAnnounce();
  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="announcer">
      {text && <p key={seq}>{text}</p>}
    </div>
  );
}

export function AppShell() {
  const { t } = useTranslation();
  const { state, info, problem, connection, section, reportId, notice, setSection, setNotice } =
    useApp();
  const status = useStatus((s) => s.status);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  // Moving focus to the new page tells keyboard and screen-reader users the content changed.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [section, reportId]);

  return (
    <div className="shell">
      <a className="skip-link" href="#content">
        {t('app.skip')}
      </a>
      <header className="app-header">
        <Logo />
        <h1 className="app-title">{t('app.name')}</h1>
        <p className="app-tagline">{t('app.tagline')}</p>
      </header>
      <div className="shell-body">
        <SideNav current={section} onSelect={setSection} />
        <main
          id="content"
          className="content"
          ref={main}
          tabIndex={-1}
          aria-labelledby="page-title"
          aria-busy={state === 'loading'}
        >
          {problem && (
            <div className="notice notice-error" role="alert">
              {problem}
            </div>
          )}
          {notice && (
            <div
              className={`notice notice-dismissable ${notice.level === 'info' ? 'notice-info' : 'notice-error'}`}
              role="status"
            >
              <span>{notice.message}</span>
              <button
                type="button"
                className="button button-quiet button-small"
                onClick={() => setNotice(null)}
              >
                {t('app.dismiss')}
              </button>
            </div>
          )}
          <SectionView id={section} reportId={reportId} />
        </main>
      </div>
      <StatusBar info={info} connection={connection} status={status} />
      <Announcer />
      {state === 'ready' && <FirstStart />}
    </div>
  );
}
