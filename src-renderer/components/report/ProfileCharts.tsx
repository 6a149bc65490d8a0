/**
 * The column profile as charts: how filled each column is, the most frequent values of coded
 * columns, and histograms of dates (by month) and numbers. Each chart has a text summary for
 * screen readers; the filled chart also has its numbers as a table.
 */
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useTranslation } from 'react-i18next';
import type { ColumnProfile } from '../../../src-main/shared/ipc';
import { num, pct } from '../../i18n/format';
import { t } from '../../i18n/i18n';

// The charts are hidden from screen readers (their text alternative says the same) and so
// take no keyboard focus either: recharts' accessibility layer is off.
// SVG attributes get plain colours (not CSS variables), chosen to read on light and dark.
const ACCENT = '#3a7fa8';
const LOW = '#c27c1e';
const GRID = '#8a93a044';
const AXIS = { fontSize: 11, fill: '#6b7482' };

function FilledChart({ profile }: { profile: ColumnProfile[] }) {
  const { t } = useTranslation();
  const data = profile.map((p) => ({ name: p.name, filled: p.filledPct }));
  const height = Math.max(80, data.length * 22 + 30);
  const sparse = profile.filter((p) => p.filledPct < 50).map((p) => p.name);
  return (
    <figure className="chart-card chart-wide" aria-labelledby="filled-title">
      <figcaption id="filled-title" className="chart-title">
        {t('charts.filledTitle')}
        <span className="chart-sub">
          {sparse.length ? t('charts.sparse', { names: sparse.join(', ') }) : t('charts.allHalf')}
        </span>
      </figcaption>
      <div aria-hidden="true">
        <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 600, height }}>
          <BarChart
            accessibilityLayer={false}
            data={data}
            layout="vertical"
            margin={{ top: 4, right: 24, bottom: 4, left: 8 }}
          >
            <CartesianGrid horizontal={false} stroke={GRID} />
            <XAxis
              type="number"
              domain={[0, 100]}
              tick={AXIS}
              tickFormatter={(v: number) => pct(v)}
            />
            <YAxis type="category" dataKey="name" width={150} tick={AXIS} interval={0} />
            <Tooltip formatter={(v) => [pct(Number(v)), t('charts.filled')]} />
            <Bar dataKey="filled" isAnimationActive={false} radius={[0, 3, 3, 0]}>
              {data.map((d) => (
                // Under half filled: another colour and a hatched pattern (not colour alone),
                // and the caption names those columns.
                <Cell
                  key={d.name}
                  fill={d.filled < 50 ? 'url(#low-fill)' : ACCENT}
                  stroke={d.filled < 50 ? LOW : undefined}
                />
              ))}
            </Bar>
            <defs>
              <pattern
                id="low-fill"
                width="6"
                height="6"
                patternUnits="userSpaceOnUse"
                patternTransform="rotate(45)"
              >
                <rect width="6" height="6" fill={LOW} fillOpacity={0.35} />
                <line x1="0" y1="0" x2="0" y2="6" stroke={LOW} strokeWidth="3" />
              </pattern>
            </defs>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="visually-hidden">
        <caption>{t('charts.filledCaption')}</caption>
        <tbody>
          {data.map((d) => (
            <tr key={d.name}>
              <th scope="row">{d.name}</th>
              <td>
                {pct(d.filled)}
                {d.filled < 50 ? ` (${t('charts.lowMark')})` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** Axis labels stay on one line; the tooltip shows the whole value. */
function short(label: string): string {
  return label.length > 17 ? `${label.slice(0, 16)}…` : label;
}

function describe(p: ColumnProfile): string {
  if (p.top?.length) {
    const first = p.top[0]!;
    return t('charts.top', { count: p.top.length, value: first.value, n: first.count });
  }
  const what = t(p.type === 'date' ? 'charts.datesByMonth' : 'charts.values');
  return p.min !== null && p.max !== null
    ? t('charts.range', { what, min: p.min, max: p.max })
    : t('charts.noRange', { what });
}

function ColumnChart({ p }: { p: ColumnProfile }) {
  const { t } = useTranslation();
  const top = p.top?.length ? p.top : null;
  const data = top
    ? top.map((v) => ({ label: v.value === '' ? t('charts.blank') : v.value, count: v.count }))
    : (p.histogram ?? []).map((h) => ({ label: h.bucket, count: h.count }));
  const wide = p.type === 'date' && data.length > 24;
  const height = top ? Math.max(90, data.length * 20 + 30) : 150;
  return (
    <figure
      className={`chart-card${wide ? ' chart-wide' : ''}`}
      aria-label={`${p.name}: ${describe(p)}`}
    >
      <figcaption className="chart-title">
        {p.name}
        <span className="chart-sub">
          {t(
            top
              ? 'charts.mostFrequent'
              : p.type === 'date'
                ? 'charts.datesByMonth'
                : 'charts.distribution',
          )}{' '}
          · {t('charts.filledPct', { pct: pct(p.filledPct) })}
        </span>
      </figcaption>
      <div aria-hidden="true">
        <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 300, height }}>
          {top ? (
            <BarChart
              accessibilityLayer={false}
              data={data}
              layout="vertical"
              margin={{ top: 2, right: 16, bottom: 2, left: 4 }}
            >
              <XAxis
                type="number"
                tick={AXIS}
                allowDecimals={false}
                tickFormatter={(v: number) => num(v)}
              />
              <YAxis
                type="category"
                dataKey="label"
                width={118}
                tick={AXIS}
                interval={0}
                tickFormatter={short}
              />
              <Tooltip />
              <Bar dataKey="count" fill={ACCENT} isAnimationActive={false} radius={[0, 3, 3, 0]} />
            </BarChart>
          ) : (
            <BarChart
              accessibilityLayer={false}
              data={data}
              margin={{ top: 4, right: 8, bottom: 2, left: 0 }}
            >
              <CartesianGrid vertical={false} stroke={GRID} />
              <XAxis dataKey="label" tick={AXIS} minTickGap={16} />
              <YAxis
                tick={AXIS}
                width={44}
                allowDecimals={false}
                tickFormatter={(v: number) => num(v)}
              />
              <Tooltip />
              <Bar dataKey="count" fill={ACCENT} isAnimationActive={false} />
            </BarChart>
          )}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

export function ProfileCharts({ profile }: { profile: ColumnProfile[] }) {
  const { t } = useTranslation();
  if (profile.length === 0) return null;
  const detailed = profile.filter(
    (p) => (p.top?.length ?? 0) > 0 || (p.histogram?.length ?? 0) > 0,
  );
  return (
    <section className="report-section" aria-labelledby="profile-title">
      <h3 id="profile-title" className="section-title">
        {t('charts.columns')}
      </h3>
      <div className="chart-grid">
        <FilledChart profile={profile} />
        {detailed.map((p) => (
          <ColumnChart key={p.name} p={p} />
        ))}
      </div>
    </section>
  );
}
