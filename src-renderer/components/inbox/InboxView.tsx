/**
 * The inbox as a worklist: the drop zone, filters (status, table, submission), then every
 * active or recent job, the file being checked first and the queue in its order. Files can be
 * removed, finished ones cleared, and everything ready sent after a confirmation that says
 * what goes where; each file's own result is shown after.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import type { InboxFilter } from '../../../src-main/shared/ipc';
import { useApp } from '../../stores/app';
import { useInbox } from '../../stores/inbox';
import { useSettings } from '../../stores/settings';
import { useStatus } from '../../stores/status';
import { count } from '../../words';
import { VirtualList } from '../common/VirtualList';
import { DropZone } from './DropZone';
import { JobRow, type JobActions } from './JobRow';
import { SendAllDialog } from './SendAllDialog';

const STATUS_OPTIONS: { value: NonNullable<InboxFilter['status']>; label: string }[] = [
  { value: 'all', label: 'All files' },
  { value: 'working', label: 'Waiting or being checked' },
  { value: 'problems', label: 'Problems to fix' },
  { value: 'ready', label: 'Ready to send' },
  { value: 'sent', label: 'Sent' },
];

function Filters() {
  const { filter, facets, setFilter } = useInbox();
  const ids = { status: useId(), table: useId(), sub: useId() };
  const change = (patch: InboxFilter): void => void setFilter({ ...filter, ...patch });
  return (
    <div className="inbox-filters" role="group" aria-label="Filter the inbox">
      <label htmlFor={ids.status} className="visually-hidden">
        Status
      </label>
      <select
        id={ids.status}
        value={filter.status ?? 'all'}
        onChange={(e) => change({ status: e.target.value as InboxFilter['status'] })}
      >
        {STATUS_OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <label htmlFor={ids.table} className="visually-hidden">
        Table
      </label>
      <select
        id={ids.table}
        value={filter.table ?? ''}
        onChange={(e) => change({ table: e.target.value || null })}
      >
        <option value="">Every table</option>
        {facets.tables.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      <label htmlFor={ids.sub} className="visually-hidden">
        Cohort and year
      </label>
      <select
        id={ids.sub}
        value={filter.submission ?? ''}
        onChange={(e) => change({ submission: e.target.value || null })}
      >
        <option value="">Every cohort and year</option>
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
          <h2 id="page-title">Inbox</h2>
          <p className="page-summary">
            Data tables waiting to be checked or sent: dropped here or found in a watched folder.
          </p>
        </div>
        <div className="head-actions">
          <button
            type="button"
            className="button button-quiet"
            onClick={() => void inbox.clearFinished()}
          >
            Clear finished
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={ready === 0}
            onClick={() => setSendingAll(true)}
          >
            Send all ready ({ready})
          </button>
        </div>
      </div>
      <DropZone onFiles={(files) => void inbox.add(files)} busy={inbox.adding} />
      <div className="list-toolbar">
        <Filters />
        <span className="list-count" aria-live="polite">
          {inbox.loaded ? count(inbox.total, 'file') : 'Loading…'}
          {filtered ? ' shown' : ''}
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
        label="Files in the inbox"
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
            <p>Loading…</p>
          ) : filtered ? (
            <p>No file in the inbox matches these filters.</p>
          ) : (
            <p>Nothing here yet. Drop the data tables of your submission above to check them.</p>
          )
        }
      />
      {sendingAll && <SendAllDialog onClose={() => setSendingAll(false)} />}
    </div>
  );
}
