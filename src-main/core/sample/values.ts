/**
 * Valid values for one row of a table, from the definition and the catalog of realistic
 * values: enums from their lists, dates in order, conditional variables filled exactly when
 * their rules want them.
 */
import type { Variable } from '../definitions/schema';
import { CATALOG, DEFAULT_FILL } from './catalog';
import type { TableHints, VariableHint } from './catalog';
import { FIRST_DAY, LAST_DAY, dayToIso, isoToDay } from './dates';
import type { PatientPool } from './ids';
import type { TableModel } from './model';
import type { Rng } from './random';

/** One generated row: `full` has every variable filled; `row` is what the file gets. */
export interface GeneratedRow {
  full: string[];
  row: string[];
}

/** Makes the rows of one table; the returned arrays are reused, copy them to keep them. */
export type RowMaker = (rng: Rng, rowIndex: number) => GeneratedRow;

/** Year standing in for `currentYear` in ranges: fixed, so that output never depends on the day. */
const REFERENCE_YEAR = 2024;

/** Build the row maker of a table. */
export function rowMaker(model: TableModel, pool: PatientPool): RowMaker {
  const hints: TableHints = CATALOG[model.table] ?? {};
  const n = model.names.length;
  const full: string[] = new Array<string>(n).fill('');
  const row: string[] = new Array<string>(n).fill('');
  const days = new Float64Array(n);
  const order = generationOrder(model);
  const makers = model.variables.map((v, i) =>
    valueMaker(v, i, model, hints.variables?.[v.name] ?? {}, pool, days),
  );
  const fills = model.variables.map((v) => fillProbability(v, hints.variables?.[v.name]));
  const fixups = conditionFixups(model);

  return (rng, rowIndex) => {
    const together = hints.row ? hints.row(rng) : null;
    for (const i of order) {
      const name = model.names[i]!;
      const given = together?.[name];
      full[i] = given ?? makers[i]!(rng, rowIndex);
    }
    for (let i = 0; i < n; i++) row[i] = rng() < fills[i]! ? full[i]! : '';
    // Twice: one fix can enable another (deathDate blanked → its source blanked).
    for (let pass = 0; pass < 2; pass++) for (const fix of fixups) fix(full, row);
    return { full, row };
  };
}

function fillProbability(v: Variable, hint: VariableHint | undefined): number {
  if (!v.optional) return 1;
  // Recommended values are always there in a valid file: their absence is reported (info).
  if (v.recommended) return 1;
  return hint?.fill ?? DEFAULT_FILL;
}

/** Variables in an order where every notBefore date comes before the dates that follow it. */
function generationOrder(model: TableModel): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  const visit = (i: number): void => {
    if (seen.has(i)) return;
    seen.add(i);
    for (const nb of model.variables[i]?.notBefore ?? []) {
      const j = model.index.get(nb.column);
      if (j !== undefined) visit(j);
    }
    out.push(i);
  };
  model.variables.forEach((_, i) => visit(i));
  return out;
}

type ValueMaker = (rng: Rng, rowIndex: number) => string;

function valueMaker(
  v: Variable,
  i: number,
  model: TableModel,
  hint: VariableHint,
  pool: PatientPool,
  days: Float64Array,
): ValueMaker {
  if (i === model.idIndex) {
    if (model.idUnique) return (_rng, rowIndex) => pool.id(rowIndex);
    if (model.idForeign) return (rng) => pool.draw(rng);
  }
  if (v.type === 'date') return dateMaker(v, i, model, hint, days);
  if (hint.gen) return hint.gen;
  if (hint.values) {
    const values = hint.values;
    const weights = hint.weights;
    return (rng) => rng.pick(values, weights);
  }
  switch (v.type) {
    case 'enum': {
      const values = v.values ?? [''];
      return (rng) => rng.pick(values);
    }
    case 'boolean':
      return booleanMaker(v);
    case 'year': {
      const [min, max] = bounds(v, 1935, 2005);
      return (rng) => String(rng.int(Math.max(min, 1000), Math.min(max, 9999)));
    }
    case 'integer': {
      const [min, max] = bounds(v, 0, 100);
      return (rng) => String(rng.int(min, max));
    }
    case 'number': {
      const [min, max] = bounds(v, 0, 1000);
      const decimals = max <= 1 ? 3 : 2;
      return (rng) => (min + rng() * (max - min)).toFixed(decimals);
    }
    case 'id':
      return (rng) => `X${String(rng.int(0, 999999)).padStart(6, '0')}`;
    default: {
      if (v.codes && v.codes.length) {
        const codes = v.codes.map(codeValue);
        return (rng) => rng.pick(codes);
      }
      const stem = v.name.slice(0, 3).toUpperCase();
      return (rng) => `${stem}${rng.int(1, 999)}`;
    }
  }
}

/** `"3 = NDI"` → `"3"`; a code without a label is itself. */
function codeValue(code: string): string {
  const m = /^(\S+)\s*=\s/.exec(code);
  return m ? m[1]! : code;
}

/** The inclusive range of a numeric variable, narrowed to plausible defaults. */
function bounds(v: Variable, lo: number, hi: number): [number, number] {
  const min = v.range?.min === 'currentYear' ? REFERENCE_YEAR : v.range?.min;
  const max = v.range?.max === 'currentYear' ? REFERENCE_YEAR : v.range?.max;
  const a = min ?? (max !== undefined ? Math.min(lo, max) : lo);
  const b = max ?? Math.max(hi, a);
  return [a, Math.max(a, b)];
}

function booleanMaker(v: Variable): ValueMaker {
  const b = v.booleanValues;
  const spell = (list: string[] | undefined, word: string): string | undefined =>
    list === undefined
      ? word
      : list.some((x) => x.toLowerCase() === word.toLowerCase())
        ? word
        : list[0];
  const yes = spell(b?.true, 'Yes') ?? 'Yes';
  const no = spell(b?.false, 'No') ?? 'No';
  // Without booleanValues the default unknown spellings apply (Courier's checks do the same).
  const unknown = b ? (b.unknown?.length ? spell(b.unknown, 'Unknown') : undefined) : 'Unknown';
  const values = unknown ? [yes, no, unknown] : [yes, no];
  const weights = unknown ? [55, 40, 5] : [55, 45];
  return (rng) => rng.pick(values, weights);
}

function dateMaker(
  v: Variable,
  i: number,
  model: TableModel,
  hint: VariableHint,
  days: Float64Array,
): ValueMaker {
  const from = hint.from ? isoToDay(hint.from) : FIRST_DAY;
  const to = Math.min(hint.to ? isoToDay(hint.to) : LAST_DAY, LAST_DAY);
  const after = (v.notBefore ?? [])
    .map((nb) => model.index.get(nb.column))
    .filter((j): j is number => j !== undefined);
  return (rng) => {
    let day: number;
    if (after.length) {
      let base = -Infinity;
      for (const j of after) base = Math.max(base, days[j]!);
      const room = LAST_DAY - base;
      day = base + rng.int(0, Math.min(room, hint.maxGapDays ?? room));
    } else {
      day = rng.int(from, to);
    }
    days[i] = day;
    return dayToIso(day);
  };
}

type Fixup = (full: string[], row: string[]) => void;

/**
 * Makes a row satisfy the definition's conditions: forbidden values removed, required ones
 * put back from `full`. Forbidding comes first so that of two "one or the other" variables
 * (birthSex/presentSex) exactly one stays.
 */
function conditionFixups(model: TableModel): Fixup[] {
  const forbid: Fixup[] = [];
  const require: Fixup[] = [];
  model.variables.forEach((v, i) => {
    for (const c of v.forbiddenWhen ?? []) {
      const j = model.index.get(c.column);
      if (j === undefined) continue;
      const present = c.is === 'present';
      forbid.push((_full, row) => {
        if ((row[j] !== '') === present) row[i] = '';
      });
    }
    for (const c of v.requiredWhen ?? []) {
      const j = model.index.get(c.column);
      if (j === undefined) continue;
      const present = c.is === 'present';
      require.push((full, row) => {
        if ((row[j] !== '') === present && row[i] === '') row[i] = full[i]!;
      });
    }
  });
  return [...forbid, ...require];
}
