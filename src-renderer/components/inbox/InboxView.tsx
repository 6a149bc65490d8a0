/**
 * The inbox as a worklist: the drop zone, filters (status, table, submission), then every
 * active or recent job, the file being checked first and the queue in its order. Files can be
 * removed, finished ones cleared, and everything ready sent after a confirmation that says
 * what goes where; each file's own result is shown after.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxFilter } from '../../../src-main/shared/ipc';
import { useApp } from '../../stores/app';
import { useInbox } from '../../stores/inbox';
import { useSettings } from '../../stores/settings';
import { useStatus } from '../../stores/status';
import { VirtualList } from '../common/VirtualList';
import { DropZone } from './DropZone';
import { JobRow, type JobActions } from './JobRow';
import { SendAllDialog } from './SendAllDialog';

const STATUS_OPTIONS: NonNullable<InboxFilter['status']>[] = [
  'all',
  'working',
  'problems',
  'ready',
  'sent',
];

function Filters() {
  const { t } = useTranslation();
  const { filter, facets, setFilter } = useInbox();
  const ids = { status: useId(), table: useId(), sub: useId() };
  const change = (patch: InboxFilter): void => void setFilter({ ...filter, ...patch });
  return (
    <div className="inbox-filters" role="group" aria-label={t('inbox.filters')}>
      <label htmlFor={ids.status} className="visually-hidden">
        {t('inbox.status')}
      </label>
      <select
        id={ids.status}
        value={filter.status ?? 'all'}
        onChange={(e) => change({ status: e.target.value as InboxFilter['status'] })}
      >
        {STATUS_OPTIONS.map((o) => (
          <option key={o} value={o}>
            {t(`inbox.statuses.${o}`)}
          </option>
        ))}
      </select>
      <label htmlFor={ids.table} className="visually-hidden">
        {t('inbox.table')}
      </label>
      <select
        id={ids.table}
        value={filter.table ?? ''}
        onChange={(e) => change({ table: e.target.value || null })}
      >
        <option value="">{t('inbox.everyTable')}</option>
        {facets.tables.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      <label htmlFor={ids.sub} className="visually-hidden">
        {t('inbox.submission')}
      </label>
      <select
        id={ids.sub}
        value={filter.submission ?? ''}
        onChange={(e) => change({ submission: e.target.value || null })}
      >
        <option value="">{t('inbox.everySubmission')}</option>
        {facets.submissions.map((s) => (
          <option key={s.key} value={s.key}>
            {s.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function InboxView() {
  const { t } = useTranslation();
  const inbox = useInbox();
  const openReport = useApp((s) => s.openReport);
  const settings = useSettings((s) => s.view?.settings ?? null);
  const [sendingAll, setSendingAll] = useState(false);
  const ensure = useCallback((a: number, b: number) => void useInbox.getState().ensure(a, b), []);

  useEffect(() => {
    void useInbox.getState().refresh();
    if (!useSettings.getState().view) void useSettings.getState().load();
  }, []);

  const actions: JobActions = {
    open: openReport,
    cancel: (id) => void inbox.cancel(id),
    send: (id) => void inbox.push([id]),
    remove: (id) => void inbox.remove([id]),
    reingest: (id) => void inbox.reingest(id),
  };
  // Main's counts: the inbox holds only the pages in view.
  // What Send all would send: ready files and those waiting for the NAS.
  const ready = useStatus((s) => (s.status?.queue.ready ?? 0) + (s.status?.queue.pushQueued ?? 0));
  const noNas = useStatus((s) => s.status?.nas.state === 'not-configured');
  const assignTo =
    settings?.cohort && settings.protocolYear
      ? `${settings.cohort} · ${settings.protocolYear}`
      : null;
  const filtered = Object.values(inbox.filter).some((v) => v && v !== 'all');

  return (
    <div className="page page-fill">
      <div className="page-head page-head-actions">
        <div>
          <h2 id="page-title">{t('sections.inbox.label')}</h2>
          <p className="page-summary">{t('sections.inbox.summary')}</p>
        </div>
        <div className="head-actions">
          <button
            type="button"
            className="button button-quiet"
            onClick={() => void inbox.clearFinished()}
          >
            {t('inbox.clear')}
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={ready === 0}
            onClick={() => setSendingAll(true)}
          >
            {t('inbox.sendAll', { count: ready })}
          </button>
        </div>
      </div>
      <DropZone onFiles={(files) => void inbox.add(files)} busy={inbox.adding} />
      <div className="list-toolbar">
        <Filters />
        <span className="list-count" aria-live="polite">
          {inbox.loaded
            ? t(filtered ? 'inbox.countShown' : 'inbox.count', { count: inbox.total })
            : t('app.loading')}
        </span>
      </div>
      {(inbox.dropNotice || inbox.problem) && (
        <div
          className={`notice ${inbox.dropNotice?.tone === 'error' || inbox.problem ? 'notice-error' : 'notice-info'}`}
          role="status"
          data-testid="inbox-notice"
        >
          {inbox.problem ?? inbox.dropNotice?.text}
        </div>
      )}
      <VirtualList
        rows={inbox.rows}
        total={inbox.total}
        rowHeight={108}
        label={t('inbox.list')}
        ensure={ensure}
        render={(job) => (
          <JobRow
            job={job}
            progress={inbox.progress[job.id]}
            actions={actions}
            noNas={noNas}
            assignTo={assignTo}
          />
        )}
        empty={
          !inbox.loaded ? (
            <p>{t('app.loading')}</p>
          ) : filtered ? (
            <p>{t('inbox.noMatch')}</p>
          ) : (
            <p>{t('inbox.empty')}</p>
          )
        }
      />
      {sendingAll && <SendAllDialog onClose={() => setSendingAll(false)} />}
    </div>
  );
}
