/**
 * Renderer entry: mounts the shell, mirrors the app state onto the root element for tests,
 * and keeps dropped files from navigating the window away.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppShell } from './components/AppShell';
import { i18n } from './i18n/i18n';
import { parseRoute, routeHash, routeTitle } from './router';
import { on, onConnection } from './services/api';
import { useApp } from './stores/app';
import { followBoard } from './stores/board';
import { followHistory } from './stores/history';
import { followInbox } from './stores/inbox';
import { followReport, useReport } from './stores/report';
import { followSettings } from './stores/settings';
import { followStatus, useStatus } from './stores/status';
import { followAnnouncements } from './stores/announce';
import './styles/app.css';
import './styles/pages.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// A file dropped outside a drop zone would otherwise open in the window, replacing the app.
for (const type of ['dragover', 'drop'] as const) {
  window.addEventListener(type, (event) => event.preventDefault());
}

useApp.subscribe((app) => {
  root.dataset.appState = app.state;
});

// The screen is in the address: open the one it names, follow Back and Forward, and name the
// screen in the tab's title.
const first = parseRoute(location.hash);
useApp.setState({ section: first.section, reportId: first.reportId });
history.replaceState(null, '', routeHash(first));
window.addEventListener('hashchange', () =>
  useApp.getState().navigate(parseRoute(location.hash), true),
);
const title = (): void => {
  const { section, reportId } = useApp.getState();
  const report = useReport.getState();
  const name = reportId && report.id === reportId ? (report.job?.name ?? null) : null;
  document.title = routeTitle({ section, reportId }, name);
};
useApp.subscribe(title);
useReport.subscribe(title);
i18n.on('languageChanged', title);
title();
// Closing the tab with unsaved settings asks first (the browser words it).
window.addEventListener('beforeunload', (event) => {
  if (useApp.getState().leaveGuard?.()) event.preventDefault();
});

// Each slice follows main's events: an event means "this changed", and the slice refetches.
followInbox();
followHistory();
followBoard();
followReport();
followSettings();
followStatus();
followAnnouncements();
on('app.navigate', ({ section, report }) => {
  useApp.getState().setSection(section);
  // A desktop notification was clicked: its file's report, over the section.
  if (report) useApp.getState().openReport(report);
});
on('app.notice', (notice) => useApp.getState().setNotice(notice));

onConnection((connection) => {
  const { setConnection, state, problem, load } = useApp.getState();
  setConnection(connection);
  // After a reconnect main may have changed (or restarted): refetch rather than trust the cache,
  // and retry a first load that the lost connection failed.
  if (connection === 'open' && (state === 'ready' || problem !== null)) {
    void load();
    void useStatus.getState().load();
  }
});
void useApp.getState().load();
void useStatus.getState().load();

createRoot(root).render(
  <StrictMode>
    <AppShell />
  </StrictMode>,
);
