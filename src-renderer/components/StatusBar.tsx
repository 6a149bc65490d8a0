/**
 * The status bar: where files go (the NAS online or offline, or saved locally until one is
 * configured), the queue, version and mode, and (in browser mode) the connection. Each state
 * has its words beside its coloured dot.
 */
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AppInfo, StatusView } from '../../src-main/shared/ipc';
import type { ConnectionState } from '../services/api';

function nasWords(
  status: StatusView | null,
  t: TFunction,
): { cls: string; text: string; title?: string } {
  if (!status) return { cls: 'status-unknown', text: t('status.nasUnknown') };
  const { nas } = status;
  if (nas.state === 'not-configured') return { cls: 'status-local', text: t('status.nasNone') };
  if (nas.state === 'online')
    return { cls: 'status-open', text: t('status.nasOnline'), title: nas.path ?? undefined };
  return { cls: 'status-lost', text: t('status.nasOffline'), title: nas.message ?? undefined };
}

function queueWords(status: StatusView | null, t: TFunction): string {
  if (!status) return '';
  const { waiting, running, pushQueued, ready, unassigned = 0 } = status.queue;
  const parts = [
    running ? t('status.checking') : null,
    waiting ? t('status.waiting', { count: waiting }) : null,
    pushQueued ? t('status.pushQueued', { count: pushQueued }) : null,
    ready ? t('status.ready', { count: ready }) : null,
    unassigned ? t('status.unassigned', { count: unassigned }) : null,
  ].filter(Boolean);
  return parts.length ? t('status.queue', { parts: parts.join(', ') }) : t('status.queueEmpty');
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
  const { t } = useTranslation();
  const nas = nasWords(status, t);
  return (
    <footer className="status-bar" aria-label={t('status.label')}>
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
      <span data-testid="status-queue">{queueWords(status, t)}</span>
      <span className="status-spacer" />
      <span data-testid="status-version">
        {info ? t('status.version', { version: info.version }) : t('app.name')}
      </span>
      <span className="status-sep" aria-hidden="true">
        ·
      </span>
      <span data-testid="status-mode">
        {info ? t(info.mode === 'desktop' ? 'status.desktop' : 'status.browser') : '…'}
      </span>
      <span className="status-sep" aria-hidden="true">
        ·
      </span>
      <span role="status" className={`status-item status-connection status-${connection}`}>
        <span className="status-dot" aria-hidden="true" />
        {t(`status.connection.${connection}`)}
      </span>
    </footer>
  );
}
