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
import type { ColumnProfile } from '../../../src-main/shared/ipc';

// SVG attributes get plain colours (not CSS variables), chosen to read on light and dark.
const ACCENT = '#3a7fa8';
const LOW = '#c27c1e';
const GRID = '#8a93a044';
const AXIS = { fontSize: 11, fill: '#6b7482' };

function FilledChart({ profile }: { profile: ColumnProfile[] }) {
  const data = profile.map((p) => ({ name: p.name, filled: p.filledPct }));
  const height = Math.max(80, data.length * 22 + 30);
  const sparse = profile.filter((p) => p.filledPct < 50).map((p) => p.name);
  return (
    <figure className="chart-card chart-wide" aria-labelledby="filled-title">
      <figcaption id="filled-title" className="chart-title">
        How filled each column is
        <span className="chart-sub">
          {sparse.length
            ? `Less than half filled: ${sparse.join(', ')}.`
            : 'Every column is at least half filled.'}
        </span>
      </figcaption>
      <div aria-hidden="true">
        <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 600, height }}>
          <BarChart
            data={data}
            layout="vertical"
            margin={{ top: 4, right: 24, bottom: 4, left: 8 }}
          >
            <CartesianGrid horizontal={false} stroke={GRID} />
            <XAxis type="number" domain={[0, 100]} unit="%" tick={AXIS} />
            <YAxis type="category" dataKey="name" width={150} tick={AXIS} interval={0} />
            <Tooltip formatter={(v) => [`${String(v)}%`, 'filled']} />
            <Bar dataKey="filled" isAnimationActive={false} radius={[0, 3, 3, 0]}>
              {data.map((d) => (
                <Cell key={d.name} fill={d.filled < 50 ? LOW : ACCENT} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="visually-hidden">
        <caption>Filled percentage per column</caption>
        <tbody>
          {data.map((d) => (
            <tr key={d.name}>
              <th scope="row">{d.name}</th>
              <td>{d.filled}%</td>
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
    return `${p.top.length} most frequent values; the commonest is ${first.value} (${first.count.toLocaleString('en-US')}).`;
  }
  const range = p.min !== null && p.max !== null ? ` from ${p.min} to ${p.max}` : '';
  return `${p.type === 'date' ? 'Dates by month' : 'Values'}${range}.`;
}

function ColumnChart({ p }: { p: ColumnProfile }) {
  const top = p.top?.length ? p.top : null;
  const data = top
    ? top.map((t) => ({ label: t.value === '' ? '(blank)' : t.value, count: t.count }))
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
          {top ? 'Most frequent values' : p.type === 'date' ? 'Dates by month' : 'Distribution'} ·{' '}
          {p.filledPct}% filled
        </span>
      </figcaption>
      <div aria-hidden="true">
        <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 300, height }}>
          {top ? (
            <BarChart
              data={data}
              layout="vertical"
              margin={{ top: 2, right: 16, bottom: 2, left: 4 }}
            >
              <XAxis type="number" tick={AXIS} allowDecimals={false} />
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
            <BarChart data={data} margin={{ top: 4, right: 8, bottom: 2, left: 0 }}>
              <CartesianGrid vertical={false} stroke={GRID} />
              <XAxis dataKey="label" tick={AXIS} minTickGap={16} />
              <YAxis tick={AXIS} width={44} allowDecimals={false} />
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
  if (profile.length === 0) return null;
  const detailed = profile.filter(
    (p) => (p.top?.length ?? 0) > 0 || (p.histogram?.length ?? 0) > 0,
  );
  return (
    <section className="report-section" aria-labelledby="profile-title">
      <h3 id="profile-title" className="section-title">
        Columns
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
