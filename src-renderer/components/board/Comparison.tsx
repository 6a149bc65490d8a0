/**
 * "Compared with 2024": this year's submission beside another year's, from the board (every
 * table) and from a table's report (that table, with its months and coded values side by side).
 * Counts and percentages only, as main sends them; findings are warnings, never a block.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ComparisonView,
  TableComparisonView,
  YearFiguresView,
} from '../../../src-main/shared/views';
import { num, pct } from '../../i18n/format';
import { Badge } from '../common/Badge';

const figure = (f: YearFiguresView | null, key: 'rows' | 'patients'): string => {
  const v = f?.[key];
  return v === null || v === undefined ? '—' : num(v);
};

/** "−25%", "+3.1%" ("−25 %" in French), "—". */
function change(p: number | null): string {
  if (p === null) return '—';
  return `${p > 0 ? '+' : p < 0 ? '−' : ''}${pct(Math.abs(p))}`;
}

function Findings({ table }: { table: TableComparisonView }) {
  const { t } = useTranslation();
  if (table.findings.length === 0) return null;
  return (
    <ul className="compare-findings">
      {table.findings.map((f, i) => (
        <li key={`${f.code}-${f.column ?? ''}-${i}`}>
          <Badge tone="warn">{t('compare.warning')}</Badge> <span>{f.message}</span>
        </li>
      ))}
    </ul>
  );
}

/** Every table of the submission beside the other year, with what moved. */
export function ComparisonSummary({ comparison }: { comparison: ComparisonView }) {
  const { t } = useTranslation();
  const shown = comparison.tables.filter((x) => x.current || x.previous);
  const year = comparison.protocolYear;
  const other = comparison.withYear;
  if (shown.length === 0) return <p className="quiet">{t('compare.nothing', { year, other })}</p>;
  const warned = shown.filter((x) => x.findings.length > 0);
  return (
    <>
      <p className="compare-verdict" role="status">
        {warned.length
          ? t('compare.warnings', { count: warned.length, other })
          : t('compare.noWarnings', { other })}
      </p>
      <table className="data-table compare-table">
        <caption className="visually-hidden">{t('compare.caption', { year, other })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('board.table')}</th>
            <th scope="col" className="num">
              {t('compare.rowsOf', { year })}
            </th>
            <th scope="col" className="num">
              {t('compare.rowsOf', { year: other })}
            </th>
            <th scope="col" className="num">
              {t('compare.change')}
            </th>
            <th scope="col" className="num">
              {t('compare.patientsOf', { year })}
            </th>
            <th scope="col" className="num">
              {t('compare.patientsOf', { year: other })}
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((x) => (
            <tr key={x.table}>
              <th scope="row">{x.label}</th>
              <td className="num">{figure(x.current, 'rows')}</td>
              <td className="num">{figure(x.previous, 'rows')}</td>
              <td className="num">{change(x.rowsChangePct)}</td>
              <td className="num">{figure(x.current, 'patients')}</td>
              <td className="num">{figure(x.previous, 'patients')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {warned.map((x) => (
        <section key={x.table} className="compare-table-findings" aria-label={x.label}>
          <h4>{x.label}</h4>
          <Findings table={x} />
        </section>
      ))}
    </>
  );
}

/** One table beside the other year: figures, findings, months and coded values side by side. */
export function TableComparison({
  table,
  year,
  other,
}: {
  table: TableComparisonView;
  year: number;
  other: number;
}) {
  const { t } = useTranslation();
  const id = useId();
  if (!table.current || !table.previous)
    return (
      <p className="quiet">
        {t('compare.tableMissing', { year: table.current ? other : year, table: table.label })}
      </p>
    );
  const lost = table.patients;
  return (
    <>
      <p>
        {t('compare.tableFigures', {
          rows: figure(table.current, 'rows'),
          before: figure(table.previous, 'rows'),
          change: change(table.rowsChangePct),
          other,
        })}
        {lost &&
          ` ${t('compare.patientsMoved', { lost: num(lost.lost), died: num(lost.lostDied), added: num(lost.added) })}`}
      </p>
      {table.findings.length === 0 ? (
        <p className="quiet">{t('compare.noWarnings', { other })}</p>
      ) : (
        <Findings table={table} />
      )}
      {table.months.map((m) => {
        // Only the months that differ: a year of identical months says nothing.
        const differ = m.months.filter((x) => x.current !== x.previous);
        if (differ.length === 0) return null;
        return (
          <details key={m.column} className="compare-details">
            <summary>{t('compare.months', { column: m.column, count: differ.length })}</summary>
            <table className="data-table compare-months" aria-describedby={`${id}-${m.column}`}>
              <caption id={`${id}-${m.column}`} className="visually-hidden">
                {t('compare.monthsCaption', { column: m.column, year, other })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('compare.month')}</th>
                  <th scope="col" className="num">
                    {t('compare.rowsOf', { year })}
                  </th>
                  <th scope="col" className="num">
                    {t('compare.rowsOf', { year: other })}
                  </th>
                </tr>
              </thead>
              <tbody>
                {differ.map((x) => (
                  <tr key={x.month} className={x.current === 0 ? 'compare-gap' : undefined}>
                    <th scope="row">{x.month}</th>
                    <td className="num">
                      {num(x.current)}
                      {x.current === 0 && (
                        <span className="compare-gap-word"> {t('compare.none')}</span>
                      )}
                    </td>
                    <td className="num">{num(x.previous)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        );
      })}
      {table.shares.map((s) => (
        <details key={s.column} className="compare-details">
          <summary>{t('compare.shares', { column: s.column })}</summary>
          <table className="data-table compare-shares">
            <thead>
              <tr>
                <th scope="col">{t('compare.value')}</th>
                <th scope="col" className="num">
                  {t('compare.shareOf', { year })}
                </th>
                <th scope="col" className="num">
                  {t('compare.shareOf', { year: other })}
                </th>
              </tr>
            </thead>
            <tbody>
              {s.values.map((v) => (
                <tr key={v.value}>
                  <th scope="row">{v.value === '' ? t('compare.empty') : v.value}</th>
                  <td className="num">{pct(v.current)}</td>
                  <td className="num">{pct(v.previous)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
    </>
  );
}
