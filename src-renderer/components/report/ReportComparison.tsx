/**
 * "Compared with <year>" on a table's report: this table of the job's submission beside the
 * year before, asked for (it takes a few seconds), never a block to sending.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TableComparisonView } from '../../../src-main/shared/views';
import { useBoard } from '../../stores/board';
import { TableComparison } from '../board/Comparison';

export function ReportComparison({
  cohort,
  protocolYear,
  table,
}: {
  cohort: string | null;
  protocolYear: number | null;
  table: string | null;
}) {
  const { t } = useTranslation();
  const [result, setResult] = useState<TableComparisonView | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (!cohort || !protocolYear || !table) return null;
  const other = protocolYear - 1;

  async function compare(): Promise<void> {
    setBusy(true);
    setProblem(null);
    const r = await useBoard.getState().compareOf(cohort!, protocolYear!);
    setBusy(false);
    if ('problem' in r) setProblem(r.problem);
    else setResult(r.tables.find((x) => x.table === table) ?? null);
  }

  return (
    <section className="report-compare" aria-labelledby="report-compare-title">
      <div className="board-compare-head">
        <h3 id="report-compare-title">{t('compare.title', { other })}</h3>
        <button
          type="button"
          className="button button-small button-quiet"
          disabled={busy}
          onClick={() => void compare()}
        >
          {busy ? t('compare.busy') : result ? t('compare.again') : t('compare.button', { other })}
        </button>
      </div>
      {problem && (
        <div className="notice notice-error" role="alert">
          {problem}
        </div>
      )}
      {result ? (
        <TableComparison table={result} year={protocolYear} other={other} />
      ) : (
        !busy && <p className="quiet">{t('compare.explain', { other })}</p>
      )}
    </section>
  );
}
