/**
 * Renderer entry: mounts the shell, mirrors the app state onto the root element for tests,
 * and keeps dropped files from navigating the window away.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppShell } from './components/AppShell';
import { onConnection } from './services/api';
import { useApp } from './stores/app';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// A file dropped outside a drop zone would otherwise open in the window, replacing the app.
for (const type of ['dragover', 'drop'] as const) {
  window.addEventListener(type, (event) => event.preventDefault());
}

useApp.subscribe((app) => {
  root.dataset.appState = app.state;
});

onConnection((connection) => {
  const { setConnection, state, problem, load } = useApp.getState();
  setConnection(connection);
  // After a reconnect main may have changed (or restarted): refetch rather than trust the cache,
  // and retry a first load that the lost connection failed.
  if (connection === 'open' && (state === 'ready' || problem !== null)) void load();
});
void useApp.getState().load();

createRoot(root).render(
  <StrictMode>
    <AppShell />
  </StrictMode>,
);
