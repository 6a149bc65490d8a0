/**
 * The status bar: where files go (the NAS online or offline, or saved locally until one is
 * configured), the queue, version and mode, and (in browser mode) the connection.
 */
import type { AppInfo, StatusView } from '../../src-main/shared/ipc';
import type { ConnectionState } from '../services/api';

const CONNECTION_WORDS: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  open: 'Connected',
  lost: 'Connection lost: reconnecting…',
};

function nasWords(status: StatusView | null): { cls: string; text: string; title?: string } {
  if (!status) return { cls: 'status-unknown', text: 'NAS: …' };
  const { nas } = status;
  if (nas.state === 'not-configured')
    return { cls: 'status-local', text: 'No NAS configured: files are saved locally' };
  if (nas.state === 'online')
    return { cls: 'status-open', text: 'NAS online', title: nas.path ?? undefined };
  return { cls: 'status-lost', text: 'NAS offline', title: nas.message ?? undefined };
}

function queueWords(status: StatusView | null): string {
  if (!status) return '';
  const { waiting, running, pushQueued, ready, unassigned = 0 } = status.queue;
  const parts = [
    running ? 'checking 1 file' : null,
    waiting ? `${waiting} waiting` : null,
    pushQueued ? `${pushQueued} waiting for the NAS` : null,
    ready ? `${ready} ready to send` : null,
    unassigned ? `${unassigned} without a cohort or year` : null,
  ].filter(Boolean);
  return parts.length ? `Queue: ${parts.join(', ')}` : 'Queue empty';
}

export function StatusBar({
  info,
  connection,
  status,
}: {
  info: AppInfo | null;
  connection: ConnectionState;
  status: StatusView | null;
}) {
  const nas = nasWords(status);
  return (
    <footer className="status-bar" aria-label="Status">
      <span className={`status-item ${nas.cls}`} data-testid="status-nas" title={nas.title}>
        <span className="status-dot" aria-hidden="true" />
        {nas.text}
        {nas.title && nas.cls === 'status-lost' && (
          <span className="visually-hidden">: {nas.title}</span>
        )}
      </span>
      <span className="status-sep" aria-hidden="true">
        ·
      </span>
      <span data-testid="status-queue">{queueWords(status)}</span>
      <span className="status-spacer" />
      <span data-testid="status-version">{info ? `Courier ${info.version}` : 'Courier'}</span>
      <span className="status-sep" aria-hidden="true">
        ·
      </span>
      <span data-testid="status-mode">
        {info ? (info.mode === 'desktop' ? 'Desktop app' : 'Browser mode') : '…'}
      </span>
      <span className="status-sep" aria-hidden="true">
        ·
      </span>
      <span role="status" className={`status-item status-connection status-${connection}`}>
        <span className="status-dot" aria-hidden="true" />
        {CONNECTION_WORDS[connection]}
      </span>
    </footer>
  );
}
