/** Every file Courier ever processed: searchable, newest first, duplicates marked. */
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobView } from '../../../src-main/shared/ipc';
import { bytes, shortWhen, when } from '../../i18n/format';
import { useApp } from '../../stores/app';
import { useHistory } from '../../stores/history';
import { Badge } from '../common/Badge';
import { stageTone } from '../common/tones';
import { VirtualList } from '../common/VirtualList';

function HistoryRow({ job, open }: { job: JobView; open(id: string): void }) {
  const { t } = useTranslation();
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
            {job.duplicateOfName
              ? t('history.duplicateOf', { name: job.duplicateOfName })
              : t('history.duplicate')}
          </span>
        )}
      </span>
      <span className="history-table">
        <span>{job.table ?? t('history.noTable')}</span>
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
  const { t } = useTranslation();
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
        <h2 id="page-title">{t('sections.history.label')}</h2>
        <p className="page-summary">{t('sections.history.summary')}</p>
      </div>
      <div className="list-toolbar">
        <label htmlFor={searchId} className="visually-hidden">
          {t('history.search')}
        </label>
        <input
          id={searchId}
          type="search"
          className="search"
          placeholder={t('history.placeholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <span className="list-count" aria-live="polite">
          {h.loaded ? t('inbox.count', { count: h.total }) : t('app.loading')}
        </span>
      </div>
      <div className="history-header" aria-hidden="true">
        <span>{t('history.added')}</span>
        <span>{t('history.file')}</span>
        <span>{t('history.tableRows')}</span>
        <span>{t('history.submission')}</span>
        <span>{t('history.state')}</span>
      </div>
      <VirtualList
        rows={h.rows}
        total={h.total}
        rowHeight={56}
        label={t('history.list')}
        ensure={ensure}
        render={(job) => <HistoryRow job={job} open={openReport} />}
        empty={
          <p>
            {h.loaded ? (h.query ? t('history.noMatch') : t('history.none')) : t('app.loading')}
          </p>
        }
      />
    </div>
  );
}
