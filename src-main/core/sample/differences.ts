/**
 * Known differences between two years of the same cohort, for testing the comparison: the
 * generator run with the same options plus `--drop-months`, `--lose-patients` or `--recode`
 * writes "this year", and `differences.json` says what comparing it with the run without them
 * ("last year") must find. Counts and shares only, like the comparison itself.
 */
import { coverageGapFloor, percent1 } from '../../shared/compareRules';
import { DEFAULT_COMPARE } from '../../shared/settings';
import { CATALOG } from './catalog';
import type { TableModel } from './model';

/** What to change in "this year" against the same run without these options. */
export interface DifferenceOptions {
  /** `YYYY-MM` months whose rows are left out of every table but the patient table. */
  dropMonths?: string[];
  /** The last N patients of the pool are gone: not in the patient table, never drawn. */
  losePatients?: number;
  /** Coded columns (`race`, or `patient.race`) whose values move to the next code of their list. */
  recode?: string[];
}

/** One finding the comparison must make (when `expected`) against the run without the options. */
export type ExpectedFinding =
  | {
      code: 'fewer-rows';
      table: string;
      rows: number;
      previousRows: number;
      expected: boolean;
    }
  | {
      code: 'coverage-gap';
      table: string;
      column: string;
      /** Every month left out that had rows, with last year's rows there. */
      months: { month: string; previousRows: number; expected: boolean }[];
    }
  | {
      code: 'patients-lost';
      table: string;
      lost: number;
      /** Of the lost, those whose row records a death (not a silent loss). */
      lostDied: number;
      previousPatients: number;
      expected: boolean;
    }
  | {
      code: 'distribution-shift';
      table: string;
      column: string;
      /** Share of the rows (percent, one decimal) of each value, both years. */
      values: { value: string; previous: number; current: number; expected: boolean }[];
    };

/** `--drop-months` text to months, or the first part that is not a `YYYY-MM` month. */
export function parseMonths(text: string): { months: string[] } | { bad: string } {
  const months: string[] = [];
  for (const part of text.split(',').map((p) => p.trim())) {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(part)) return { bad: part };
    months.push(part);
  }
  return { months };
}

/** The value list a coded column is generated from, or null when it has none. */
export function codedValues(model: TableModel, column: string): readonly string[] | null {
  const v = model.variables.find((x) => x.name === column);
  if (!v) return null;
  const hinted = CATALOG[model.table]?.variables?.[column]?.values;
  if (hinted && hinted.length > 1) return hinted;
  if (v.type === 'enum' && v.values && v.values.length > 1) return v.values;
  return null;
}

/** The columns of `model` that `--recode` names (`race` or `patient.race`). */
export function recodedColumns(model: TableModel, recode: readonly string[]): string[] {
  return recode
    .map((r) => (r.includes('.') ? r.split('.') : [model.table, r]))
    .filter(([t, c]) => t === model.table && c !== undefined && model.index.has(c))
    .map(([, c]) => c!);
}

/**
 * Applies one table's differences row by row and counts what the comparison will see: the
 * months of every date column (before dropping), the coded values before and after recoding.
 */
export class TableDifferences {
  private readonly dates: { column: string; index: number }[];
  private readonly drop: ReadonlySet<string>;
  private readonly recodes: { column: string; index: number; next: Map<string, string> }[];
  private readonly months = new Map<string, Map<string, number>>();
  private readonly before = new Map<string, Map<string, number>>();
  private readonly after = new Map<string, Map<string, number>>();
  private generated = 0;
  private written = 0;

  constructor(
    private readonly model: TableModel,
    opts: DifferenceOptions,
  ) {
    this.dates = model.variables
      .map((v, index) => ({ column: v.name, index, type: v.type }))
      .filter((d) => d.type === 'date');
    // The patient table's rows are the patients: its losses are --lose-patients' business.
    this.drop = new Set(model.table === 'patient' ? [] : (opts.dropMonths ?? []));
    this.recodes = recodedColumns(model, opts.recode ?? []).map((column) => {
      const list = codedValues(model, column) ?? [];
      return {
        column,
        index: model.index.get(column)!,
        next: new Map(list.map((v, i) => [v, list[(i + 1) % list.length]!])),
      };
    });
  }

  /**
   * Counts a generated row; false when it is left out (`lost`, or a date in a dropped month).
   * Recodes a kept row in place.
   */
  keep(row: string[], lost = false): boolean {
    this.generated++;
    let dropped = lost;
    for (const d of this.dates) {
      const month = row[d.index]!.slice(0, 7);
      if (month === '') continue;
      if (this.drop.size) bump(this.months, d.column, month);
      if (this.drop.has(month)) dropped = true;
    }
    for (const r of this.recodes) bump(this.before, r.column, row[r.index]!);
    if (dropped) return false;
    this.written++;
    for (const r of this.recodes) {
      const v = row[r.index]!;
      row[r.index] = r.next.get(v) ?? v;
      bump(this.after, r.column, row[r.index]!);
    }
    return true;
  }

  /** The findings this table's differences must produce. */
  findings(): ExpectedFinding[] {
    const out: ExpectedFinding[] = [];
    const table = this.model.table;
    if (this.written < this.generated)
      out.push({
        code: 'fewer-rows',
        table,
        rows: this.written,
        previousRows: this.generated,
        expected: this.written < this.generated * (1 - DEFAULT_COMPARE.fewerRowsPct / 100),
      });
    for (const [column, counts] of this.months) {
      const floor = coverageGapFloor([...counts.values()]);
      const months = [...counts]
        .filter(([m]) => this.drop.has(m))
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([month, previousRows]) => ({ month, previousRows, expected: previousRows >= floor }));
      if (months.length) out.push({ code: 'coverage-gap', table, column, months });
    }
    for (const r of this.recodes) {
      const b = this.before.get(r.column) ?? new Map<string, number>();
      const a = this.after.get(r.column) ?? new Map<string, number>();
      const values = [...new Set([...b.keys(), ...a.keys()])].sort().map((value) => {
        const previous = percent1(b.get(value) ?? 0, this.generated);
        const current = percent1(a.get(value) ?? 0, this.written);
        const expected = Math.abs(current - previous) >= DEFAULT_COMPARE.shareShiftPoints;
        return { value, previous, current, expected };
      });
      out.push({ code: 'distribution-shift', table, column: r.column, values });
    }
    return out;
  }
}

/** The `patients-lost` finding of `--lose-patients`. */
export function lostPatientsFinding(
  lost: number,
  lostDied: number,
  previousPatients: number,
): ExpectedFinding {
  const silent = lost - lostDied;
  return {
    code: 'patients-lost',
    table: 'patient',
    lost,
    lostDied,
    previousPatients,
    expected: silent > 0 && percent1(silent, previousPatients) >= DEFAULT_COMPARE.patientsLostPct,
  };
}

function bump(m: Map<string, Map<string, number>>, column: string, key: string): void {
  let c = m.get(column);
  if (!c) m.set(column, (c = new Map()));
  c.set(key, (c.get(key) ?? 0) + 1);
}
