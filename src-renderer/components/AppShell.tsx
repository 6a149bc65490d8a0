/**
 * The window's frame: header, section navigation, the current section, and the status bar.
 * Landmarks (banner, navigation, main, contentinfo) let screen readers jump between them.
 */
import { useEffect, useRef } from 'react';
import { useApp } from '../stores/app';
import { useStatus } from '../stores/status';
import { FirstStart } from './FirstStart';
import { Logo } from './Logo';
import { SectionView } from './SectionView';
import { SideNav } from './SideNav';
import { StatusBar } from './StatusBar';

export function AppShell() {
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
        Skip to content
      </a>
      <header className="app-header">
        <Logo />
        <h1 className="app-title">Courier</h1>
        <p className="app-tagline">
          Checks cohort data tables on this computer, then delivers them
        </p>
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
                Dismiss
              </button>
            </div>
          )}
          <SectionView id={section} reportId={reportId} />
        </main>
      </div>
      <StatusBar info={info} connection={connection} status={status} />
      {state === 'ready' && <FirstStart />}
    </div>
  );
}
