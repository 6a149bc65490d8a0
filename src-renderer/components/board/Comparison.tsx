/**
 * "Compared with 2024": this year's submission beside another year's, from the board (every
 * table) and from a table's report (that table, with its months and coded values side by side).
 * Counts and percentages only, as main sends them; findings are warnings, never a block.
 */
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
          <SideBySide
            key={m.column}
            summary={t('compare.months', { column: m.column, count: differ.length })}
            caption={t('compare.monthsCaption', { column: m.column, year, other })}
            first={t('compare.month')}
            of={(y) => t('compare.rowsOf', { year: y })}
            years={[year, other]}
            rows={differ.map((x) => ({
              key: x.month,
              label: x.month,
              current: x.current === 0 ? `${num(0)} ${t('compare.none')}` : num(x.current),
              previous: num(x.previous),
              gap: x.current === 0,
            }))}
          />
        );
      })}
      {table.shares.map((s) => (
        <SideBySide
          key={s.column}
          summary={t('compare.shares', { column: s.column })}
          caption={t('compare.sharesCaption', { column: s.column, year, other })}
          first={t('compare.value')}
          of={(y) => t('compare.shareOf', { year: y })}
          years={[year, other]}
          rows={s.values.map((v) => ({
            key: v.value,
            label: v.value === '' ? t('compare.empty') : v.value,
            current: pct(v.current),
            previous: pct(v.previous),
            gap: false,
          }))}
        />
      ))}
    </>
  );
}

/** A folded table of one column, this year beside the other: months, or coded values' shares. */
function SideBySide({
  summary,
  caption,
  first,
  of,
  years,
  rows,
}: {
  summary: string;
  caption: string;
  first: string;
  of: (year: number) => string;
  years: [number, number];
  rows: { key: string; label: string; current: string; previous: string; gap: boolean }[];
}) {
  return (
    <details className="compare-details">
      <summary>{summary}</summary>
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{first}</th>
            <th scope="col" className="num">
              {of(years[0])}
            </th>
            <th scope="col" className="num">
              {of(years[1])}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className={r.gap ? 'compare-gap' : undefined}>
              <th scope="row">{r.label}</th>
              <td className="num">{r.current}</td>
              <td className="num">{r.previous}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
