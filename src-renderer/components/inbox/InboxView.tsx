/** The inbox: the drop zone, then every active or recent job with its stages and progress. */
import { useCallback, useEffect } from 'react';
import { useApp } from '../../stores/app';
import { useInbox } from '../../stores/inbox';
import { useStatus } from '../../stores/status';
import { count } from '../../words';
import { VirtualList } from '../common/VirtualList';
import { DropZone } from './DropZone';
import { JobRow, type JobActions } from './JobRow';

export function InboxView() {
  const inbox = useInbox();
  const openReport = useApp((s) => s.openReport);
  const ensure = useCallback((a: number, b: number) => void useInbox.getState().ensure(a, b), []);

  useEffect(() => {
    void useInbox.getState().refresh();
  }, []);

  async function send(ids?: string[]): Promise<void> {
    const text = await inbox.push(ids);
    useInbox.setState({ dropNotice: { tone: 'info', text } });
  }

  const actions: JobActions = {
    open: openReport,
    cancel: (id) => void inbox.cancel(id),
    send: (id) => void send([id]),
  };
  // Main's count: the inbox holds only the pages in view.
  const ready = useStatus((s) => s.status?.queue.ready ?? 0);
  const noNas = useStatus((s) => s.status?.nas.state === 'not-configured');

  return (
    <div className="page page-fill">
      <div className="page-head">
        <h2 id="page-title">Inbox</h2>
        <p className="page-summary">
          Data tables waiting to be checked or sent: dropped here or found in a watched folder.
        </p>
      </div>
      <DropZone onFiles={(files) => void inbox.add(files)} busy={inbox.adding} />
      <div className="list-toolbar">
        <span className="list-count" aria-live="polite">
          {inbox.loaded ? count(inbox.total, 'file') : 'Loading…'}
        </span>
        {ready > 0 && (
          <button type="button" className="button" onClick={() => void send()}>
            Send all ready ({ready})
          </button>
        )}
      </div>
      {(inbox.dropNotice || inbox.problem) && (
        <div
          className={`notice ${inbox.dropNotice?.tone === 'error' || inbox.problem ? 'notice-error' : 'notice-info'}`}
          role="status"
        >
          {inbox.problem ?? inbox.dropNotice?.text}
        </div>
      )}
      <VirtualList
        rows={inbox.rows}
        total={inbox.total}
        rowHeight={92}
        label="Files in the inbox"
        ensure={ensure}
        render={(job) => (
          <JobRow job={job} progress={inbox.progress[job.id]} actions={actions} noNas={noNas} />
        )}
        empty={
          inbox.loaded ? (
            <p>Nothing here yet. Drop the data tables of your submission above to check them.</p>
          ) : (
            <p>Loading…</p>
          )
        }
      />
    </div>
  );
}
