/**
 * The first lines of an issue with the value at fault beside each, read from the file's
 * artifact on this computer (never sent anywhere); unknown patient IDs with the nearest ID of
 * the patient table, where one is close. More lines load on request.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssueLine, IssueView } from '../../../src-main/shared/ipc';
import { invoke } from '../../services/api';

const FIRST = 8;
const MORE = 50;

export function IssueLines({ jobId, issue }: { jobId: string; issue: IssueView }) {
  const { t } = useTranslation();
  const [lines, setLines] = useState<IssueLine[]>([]);
  const [total, setTotal] = useState(0);
  const [loaded, setLoaded] = useState(false);

  async function load(offset: number, limit: number): Promise<void> {
    const reply = await invoke('report.lines', { id: jobId, issue: issue.index, offset, limit });
    if (!reply.ok) return;
    setTotal(reply.value.total);
    setLines((old) => (offset === 0 ? reply.value.items : [...old, ...reply.value.items]));
    setLoaded(true);
  }

  useEffect(() => {
    void load(0, FIRST);
  }, [jobId, issue.index]);

  if (!loaded || lines.every((l) => l.value === null)) return null;
  const nearest = lines.some((l) => l.nearest);
  return (
    <div className="issue-values">
      {nearest && <p className="field-help">{t('lines.nearestHelp')}</p>}
      <ul className="values-list" aria-label={t('lines.label')}>
        {lines.map((l) => (
          <li key={l.line}>
            <span className="value-line">{t('lines.line', { line: l.line })}</span>{' '}
            {l.value === null ? (
              <span className="quiet">—</span>
            ) : l.value === '' ? (
              <span className="quiet">{t('lines.empty')}</span>
            ) : (
              <code className="value">{l.value}</code>
            )}
            {l.nearest && (
              <span className="nearest" title={t('lines.nearest')}>
                {' '}
                → <code>{l.nearest}</code>
              </span>
            )}
          </li>
        ))}
      </ul>
      {lines.length < total && (
        <button
          type="button"
          className="button button-quiet button-small"
          onClick={() => void load(lines.length, MORE)}
        >
          {t('lines.more', { count: total - lines.length })}
        </button>
      )}
    </div>
  );
}
