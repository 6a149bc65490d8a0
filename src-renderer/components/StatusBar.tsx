/** The status bar: version, mode and (in browser mode) the connection to the local server. */
import type { AppInfo } from '../../src-main/shared/ipc';
import type { ConnectionState } from '../services/api';

const CONNECTION_WORDS: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  open: 'Connected',
  lost: 'Connection lost: reconnecting…',
};

export function StatusBar({
  info,
  connection,
}: {
  info: AppInfo | null;
  connection: ConnectionState;
}) {
  return (
    <footer className="status-bar" aria-label="Status">
      <span data-testid="status-version">{info ? `Courier ${info.version}` : 'Courier'}</span>
      <span className="status-sep" aria-hidden="true">
        ·
      </span>
      <span data-testid="status-mode">
        {info ? (info.mode === 'desktop' ? 'Desktop app' : 'Browser mode') : '…'}
      </span>
      <span className="status-spacer" />
      <span role="status" className={`status-connection status-${connection}`}>
        <span className="status-dot" aria-hidden="true" />
        {CONNECTION_WORDS[connection]}
      </span>
    </footer>
  );
}
