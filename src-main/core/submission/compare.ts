/**
 * This year's submission against another (last year by default): per table, rows and
 * distinct patients of both years with the change, rows per month side by side, the share of
 * each coded value, and for the patient table the patients lost (with and without a recorded
 * death) and added. Findings beyond the thresholds are warnings (`fewer-rows`,
 * `patients-lost`, `coverage-gap`, `distribution-shift`); a comparison never blocks sending.
 * Counts and percentages only: no ID leaves the worker.
 */
import type { ComparisonView, TableComparisonView, YearFiguresView } from '../../shared/views';
import type { CompareThresholds } from '../../shared/settings';
import { DEFAULT_COMPARE } from '../../shared/settings';
import type { CompareAggregates, CompareSpec, YearAggregate } from '../convert/yearAggregate';
import type { DefinitionSet } from '../definitions/loader';
import { CourierError } from '../errors';
import type { Ledger } from '../ledger/ledger';
import { makeIssue } from '../precheck/issue';
import { acquireWorker } from '../workers/client';
import type { TableSources } from './sources';
import { ledgerSources, nasSources } from './sources';

export type YearFigures = YearFiguresView;
export type TableComparison = TableComparisonView;
export type Comparison = ComparisonView;

export interface CompareOptions {
  ledger: Ledger;
  definitions: DefinitionSet;
  cohort: string;
  protocolYear: number;
  /** Default: the year before. */
  withYear?: number;
  /** The NAS root, read when the ledger lacks a year's table; null: the ledger only. */
  nasRoot: string | null;
  thresholds?: CompareThresholds;
}

/** The columns of a table the comparison reads, from its definition. */
function specOf(defs: DefinitionSet, table: string): CompareSpec {
  const vars = defs.get(table)?.variables ?? [];
  return {
    dates: vars.filter((v) => v.type === 'date').map((v) => v.name),
    coded: vars.filter((v) => v.type === 'enum' || v.type === 'boolean').map((v) => v.name),
    patientId: vars.some((v) => v.name === 'cohortPatientId') ? 'cohortPatientId' : null,
    death: table === 'patient' && vars.some((v) => v.name === 'deathDate') ? 'deathDate' : null,
  };
}

/** A year's sources: the ledger's, each table the ledger lacks taken from the NAS. */
async function yearSources(
  o: CompareOptions,
  year: number,
  problems: string[],
): Promise<Map<string, TableSources>> {
  const tables = ledgerSources(o.ledger, o.definitions, o.cohort, year);
  if (o.nasRoot && tables.size < o.definitions.ordered().length) {
    const nas = await nasSources(o.nasRoot, o.cohort, year).catch(() => null);
    for (const [t, s] of nas?.tables ?? []) if (!tables.has(t)) tables.set(t, s);
    problems.push(...(nas?.problems ?? []));
  }
  return tables;
}

export async function compareSubmission(o: CompareOptions): Promise<Comparison> {
  const withYear = o.withYear ?? o.protocolYear - 1;
  const thresholds = o.thresholds ?? DEFAULT_COMPARE;
  const problems: string[] = [];
  const cur = await yearSources(o, o.protocolYear, problems);
  const prev = await yearSources(o, withYear, problems);
  const worker = acquireWorker('convert');
  const tables: TableComparison[] = [];
  try {
    for (const d of o.definitions.ordered()) {
      const a = cur.get(d.table);
      const b = prev.get(d.table);
      const agg: CompareAggregates =
        a || b
          ? await worker.request('compare', {
              current: a?.artifacts.map((x) => x.path) ?? [],
              previous: b?.artifacts.map((x) => x.path) ?? [],
              spec: specOf(o.definitions, d.table),
              patientSets: d.table === 'patient',
            })
          : { current: null, previous: null, patients: null };
      tables.push(tableComparison(d.table, d.label, agg, a, b, withYear, thresholds));
    }
  } finally {
    await worker.shutdown();
  }
  return { cohort: o.cohort, protocolYear: o.protocolYear, withYear, tables, problems };
}

function figures(agg: YearAggregate | null, src: TableSources | undefined): YearFigures | null {
  if (!agg || !src || src.from === 'none') return null;
  return {
    rows: agg.rows,
    patients: agg.patients,
    deaths: agg.deaths,
    from: src.from,
    files: src.artifacts.length,
  };
}

/** The fewest rows a month must have had for its absence to be a `coverage-gap`. */
const MIN_GAP_ROWS = 5;

const pct = (part: number, whole: number): number => (whole > 0 ? (100 * part) / whole : 0);
const round1 = (n: number): number => Math.round(n * 10) / 10;
const fmt = (n: number): string => n.toLocaleString('en-US');

function tableComparison(
  table: string,
  label: string,
  agg: CompareAggregates,
  a: TableSources | undefined,
  b: TableSources | undefined,
  withYear: number,
  t: CompareThresholds,
): TableComparison {
  const current = figures(agg.current, a);
  const previous = figures(agg.previous, b);
  const out: TableComparison = {
    table,
    label,
    current,
    previous,
    rowsChangePct:
      current && previous && previous.rows > 0
        ? round1(pct(current.rows - previous.rows, previous.rows))
        : null,
    patients: agg.patients,
    months: [],
    shares: [],
    findings: [],
  };
  const c = agg.current;
  const p = agg.previous;
  if (!c || !p || !current || !previous) return out;

  if (previous.rows > 0 && current.rows < previous.rows * (1 - t.fewerRowsPct / 100)) {
    const drop = round1(pct(previous.rows - current.rows, previous.rows));
    out.findings.push(
      makeIssue('fewer-rows', 'warning', {
        count: 1,
        lines: [],
        examples: [`${fmt(current.rows)} rows against ${fmt(previous.rows)}`],
        message: `The ${table} table has ${fmt(current.rows)} rows, ${drop}% fewer than the ${fmt(previous.rows)} of ${withYear}'s submission.`,
        hint: 'Check that the export covers the whole period and every site or sub-site: a lost quarter or a missing source shows up here first.',
      }),
    );
  }
  if (agg.patients && previous.patients) {
    const silent = agg.patients.lost - agg.patients.lostDied;
    const share = round1(pct(silent, previous.patients));
    if (silent > 0 && share >= t.patientsLostPct)
      out.findings.push(
        makeIssue('patients-lost', 'warning', {
          count: silent,
          lines: [],
          examples: [`${fmt(silent)} of ${fmt(previous.patients)} patients`],
          message: `${fmt(silent)} patients of ${withYear}'s patient table (${share}%) are not in this year's, and no death is recorded for them (${fmt(agg.patients.lostDied)} more had died; ${fmt(agg.patients.added)} patients are new).`,
          hint: 'Patients are not removed from a cohort: check the export filters (enrolment dates, sub-sites, consent flags). The list of these patients is in the comparison export on this computer.',
        }),
      );
  }
  for (const [column, prevMonths] of Object.entries(p.months)) {
    const curMonths = c.months[column] ?? {};
    const all = [...new Set([...Object.keys(prevMonths), ...Object.keys(curMonths)])].sort();
    out.months.push({
      column,
      months: all.map((m) => ({
        month: m,
        current: curMonths[m] ?? 0,
        previous: prevMonths[m] ?? 0,
      })),
    });
    // A month that had rows last year and has none now; sparse months (a handful of rows, or
    // far fewer than a typical month) are left out: their absence is noise, not a lost export.
    const counts = Object.values(prevMonths).sort((x, y) => x - y);
    const typical = counts[Math.floor(counts.length / 2)] ?? 0;
    const enough = Math.max(MIN_GAP_ROWS, Math.ceil(typical * 0.2));
    const gaps = Object.keys(prevMonths)
      .sort()
      .filter((m) => prevMonths[m]! >= enough && !curMonths[m]);
    if (gaps.length)
      out.findings.push(
        makeIssue('coverage-gap', 'warning', {
          column,
          count: gaps.length,
          lines: [],
          examples: gaps.slice(0, 12),
          message: `"${column}" has no rows in ${gaps.length === 1 ? 'the month' : `${gaps.length} months`} ${gaps.slice(0, 6).join(', ')}${gaps.length > 6 ? ', …' : ''}, which had ${fmt(gaps.reduce((n, m) => n + (prevMonths[m] ?? 0), 0))} rows in ${withYear}'s submission.`,
          hint: 'A month that disappears is usually an export cut short or a source system that changed: check the export for those months.',
        }),
      );
  }
  for (const [column, prevValues] of Object.entries(p.values)) {
    const curValues = c.values[column] ?? {};
    const all = [...new Set([...Object.keys(prevValues), ...Object.keys(curValues)])].sort();
    const values = all.map((v) => ({
      value: v,
      current: round1(pct(curValues[v] ?? 0, c.rows)),
      previous: round1(pct(prevValues[v] ?? 0, p.rows)),
    }));
    out.shares.push({ column, values });
    const moved = values.filter((v) => Math.abs(v.current - v.previous) >= t.shareShiftPoints);
    if (moved.length)
      out.findings.push(
        makeIssue('distribution-shift', 'warning', {
          column,
          count: moved.length,
          lines: [],
          examples: moved.map(
            (v) => `${v.value === '' ? '(empty)' : v.value}: ${v.previous}% → ${v.current}%`,
          ),
          message: `The values of "${column}" moved: ${moved
            .slice(0, 4)
            .map(
              (v) =>
                `${v.value === '' ? '(empty)' : `"${v.value}"`} ${v.previous}% → ${v.current}%`,
            )
            .join(', ')} of the rows, against ${withYear}.`,
          hint: 'A shift this large usually means a recoding (a new code list, a mapping changed in the source system), not a change in the patients: check how the column is coded now.',
        }),
      );
  }
  return out;
}

/**
 * Writes the list of patients lost and added between the two years to `dest` (a CSV on this
 * computer: patient IDs, for the coordinator's follow-up; never sent). Returns how many.
 */
export async function exportPatientChanges(o: CompareOptions & { dest: string }): Promise<number> {
  const withYear = o.withYear ?? o.protocolYear - 1;
  const problems: string[] = [];
  const cur = (await yearSources(o, o.protocolYear, problems)).get('patient');
  const prev = (await yearSources(o, withYear, problems)).get('patient');
  if (!cur || !prev)
    throw new CourierError(
      'not-found',
      `There is no patient table of ${!cur ? o.protocolYear : withYear} to compare with, on this computer${o.nasRoot ? ' or the NAS' : ''}.`,
    );
  const spec = specOf(o.definitions, 'patient');
  const worker = acquireWorker('convert');
  try {
    return await worker.request('patientChanges', {
      current: cur.artifacts.map((a) => a.path),
      previous: prev.artifacts.map((a) => a.path),
      patientId: spec.patientId ?? 'cohortPatientId',
      death: spec.death,
      dest: o.dest,
    });
  } finally {
    await worker.shutdown();
  }
}
