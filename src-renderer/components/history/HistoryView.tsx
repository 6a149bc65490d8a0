/** Every file Courier ever processed: searchable, newest first, duplicates marked. */
import { useCallback, useEffect, useId, useState } from 'react';
import type { JobView } from '../../../src-main/shared/ipc';
import { useApp } from '../../stores/app';
import { useHistory } from '../../stores/history';
import { bytes, count, shortWhen, when } from '../../words';
import { Badge } from '../common/Badge';
import { stageTone } from '../common/tones';
import { VirtualList } from '../common/VirtualList';

function HistoryRow({ job, open }: { job: JobView; open(id: string): void }) {
  return (
    <div className="history-row">
      <span className="history-when" title={when(job.createdAt)}>
        {shortWhen(job.createdAt)}
      </span>
      <span className="history-name">
        {job.hasReport ? (
          <button type="button" className="link-button" onClick={() => open(job.id)}>
            {job.name}
          </button>
        ) : (
          job.name
        )}
        {job.duplicateOf && (
          <span className="dup-mark">
            Duplicate{job.duplicateOfName ? ` of ${job.duplicateOfName}` : ''}
          </span>
        )}
      </span>
      <span className="history-table">
        <span>{job.table ?? 'table not recognised'}</span>
        <span className="history-sub">{job.rowsText ?? bytes(job.bytes)}</span>
      </span>
      <span className="history-cohort">{job.submission}</span>
      <span className="history-stage">
        <Badge tone={stageTone(job.stage)}>{job.state}</Badge>
      </span>
    </div>
  );
}

export function HistoryView() {
  const h = useHistory();
  const openReport = useApp((s) => s.openReport);
  const [text, setText] = useState(h.query);
  const searchId = useId();
  const ensure = useCallback((a: number, b: number) => void useHistory.getState().ensure(a, b), []);

  useEffect(() => {
    void useHistory.getState().search(useHistory.getState().query);
  }, []);
  useEffect(() => {
    if (text === useHistory.getState().query) return;
    // Search as the coordinator types, once they pause.
    const t = setTimeout(() => void useHistory.getState().search(text), 250);
    return () => clearTimeout(t);
  }, [text]);

  return (
    <div className="page page-fill">
      <div className="page-head">
        <h2 id="page-title">History</h2>
        <p className="page-summary">Every file Courier has checked and sent, newest first.</p>
      </div>
      <div className="list-toolbar">
        <label htmlFor={searchId} className="visually-hidden">
          Search the history
        </label>
        <input
          id={searchId}
          type="search"
          className="search"
          placeholder="Search file, table, cohort or state, e.g. “Problems to fix”"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <span className="list-count" aria-live="polite">
          {h.loaded ? count(h.total, 'file') : 'Loading…'}
        </span>
      </div>
      <div className="history-header" aria-hidden="true">
        <span>Added</span>
        <span>File</span>
        <span>Table and rows</span>
        <span>Cohort and year</span>
        <span>State</span>
      </div>
      <VirtualList
        rows={h.rows}
        total={h.total}
        rowHeight={56}
        label="Files processed"
        ensure={ensure}
        render={(job) => <HistoryRow job={job} open={openReport} />}
        empty={
          <p>
            {h.loaded
              ? h.query
                ? 'No file matches this search.'
                : 'No file processed yet.'
              : 'Loading…'}
          </p>
        }
      />
    </div>
  );
}
