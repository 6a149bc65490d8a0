/**
 * Which rows of a table get an injected error, and which error: exactly round(rate × rows)
 * rows, chosen at random in one pass (selection sampling, no list of rows kept), the codes
 * dealt from shuffled decks so every applicable code is used about equally.
 */
import type { IssueCode } from '../../shared/report';
import type { TableModel } from './model';
import type { Rng } from './random';
import { shuffle, stream } from './random';

/** Issue codes the generator can inject so that they are the only issue of their row. */
export const INJECTABLE_CODES = [
  'required',
  'type',
  'date-format',
  'allowed-values',
  'range',
  'duplicate-id',
  'unknown-patient-id',
  'required-when',
  'date-order',
  'ragged-row',
  'unclosed-quote',
  'stray-quote',
  'missing-code',
  'date-pattern',
  'decimal-comma',
  'thousands-separator',
  'synonym',
  'id-leading-zeros-lost',
  'id-whitespace',
  'id-scientific-notation',
  // A file's first line, not a row's error: see `writesSepLine`.
  'sep-line',
] as const satisfies readonly IssueCode[];
export type InjectedCode = (typeof INJECTABLE_CODES)[number];

/** Codes whose row is set aside whole by the scan (the answer has no column). */
export const STRUCTURAL_CODES: ReadonlySet<InjectedCode> = new Set([
  'ragged-row',
  'unclosed-quote',
  'stray-quote',
]);

/**
 * Codes after which a patient row may not be loaded with its own ID (row set aside, ID
 * replaced by a duplicate, or possibly emptied): other tables must not use that patient.
 */
const DROPS_OWN_ID: ReadonlySet<InjectedCode> = new Set([
  ...STRUCTURAL_CODES,
  'duplicate-id',
  'required',
]);

/** The codes that make sense for a table's definition. */
export function applicableCodes(model: TableModel): InjectedCode[] {
  const vs = model.variables;
  const has = (p: (v: (typeof vs)[number]) => boolean): boolean => vs.some(p);
  const numeric = (t: string): boolean => t === 'year' || t === 'integer' || t === 'number';
  const out: InjectedCode[] = [];
  if (has((v) => !v.optional && !v.requiredWhen?.length)) out.push('required');
  if (has((v) => numeric(v.type))) out.push('type');
  if (has((v) => v.type === 'date')) out.push('date-format');
  if (has((v) => (v.type === 'enum' && !!v.values?.length) || v.type === 'boolean'))
    out.push('allowed-values');
  if (has((v) => numeric(v.type) && v.range !== undefined)) out.push('range');
  if (model.idIndex !== null && model.idUnique) out.push('duplicate-id');
  if (model.idIndex !== null && model.idForeign) out.push('unknown-patient-id');
  // Only "required when X is present": emptying both of an either/or pair trips two rules.
  if (has((v) => !!v.requiredWhen?.some((c) => c.is === 'present'))) out.push('required-when');
  if (has((v) => v.type === 'date' && !!v.notBefore?.length)) out.push('date-order');
  if (vs.length >= 2) out.push('ragged-row', 'unclosed-quote', 'stray-quote');
  else out.push('ragged-row');
  if (vs.some((v, i) => i !== model.idIndex)) out.push('missing-code');
  if (has((v) => v.type === 'date')) out.push('date-pattern');
  if (has((v) => v.type === 'number')) out.push('decimal-comma');
  if (has((v) => v.type === 'number' || v.type === 'integer')) out.push('thousands-separator');
  if (has((v) => v.type === 'boolean')) out.push('synonym');
  // Against the patient table, whose IDs share one shape (pool IDs): not in the patient table.
  if (model.idIndex !== null && model.idForeign)
    out.push('id-leading-zeros-lost', 'id-whitespace', 'id-scientific-notation');
  return out;
}

/**
 * Whether a dirty file starts with an Excel `sep=,` line (about every other table, by seed):
 * the `sep-line` answer at line 1, and every other line one further down.
 */
export function writesSepLine(seed: number, table: string, rate: number): boolean {
  return rate > 0 && stream(seed, table, 'sep-line')() < 0.5;
}

/** The error planned for one row. */
export interface PlannedError {
  code: InjectedCode;
  /** duplicate-id: the earlier row whose ID to repeat. */
  dupOf: number | null;
}

/** Earlier rows kept as candidates to duplicate (reservoir sampling keeps memory fixed). */
const RESERVOIR = 256;

/** Decides row by row; call {@link next} once for each row, in order. */
export class ErrorPlan {
  private row = 0;
  private chosen = 0;
  private deck: InjectedCode[] = [];
  /** Earlier rows loaded with their own ID: what duplicate-id may copy. */
  private readonly reservoir: number[] = [];
  private seenWithId = 0;

  constructor(
    private readonly rows: number,
    private readonly count: number,
    private readonly codes: readonly InjectedCode[],
    private readonly rng: Rng,
  ) {}

  next(): PlannedError | null {
    const i = this.row++;
    const left = this.count - this.chosen;
    let planned: PlannedError | null = null;
    if (left > 0 && this.rng() * (this.rows - i) < left) {
      this.chosen++;
      planned = this.deal();
    }
    if (!planned || !DROPS_OWN_ID.has(planned.code)) this.remember(i);
    return planned;
  }

  private deal(): PlannedError {
    for (;;) {
      if (this.deck.length === 0) this.deck = shuffle(this.rng, [...this.codes]);
      const code = this.deck.pop()!;
      if (code !== 'duplicate-id') return { code, dupOf: null };
      // With no earlier row to copy, deal again (a one-code table would loop: give required).
      if (this.reservoir.length > 0) {
        return { code, dupOf: this.reservoir[Math.floor(this.rng() * this.reservoir.length)]! };
      }
      if (this.codes.every((c) => c === 'duplicate-id')) return { code: 'required', dupOf: null };
    }
  }

  private remember(i: number): void {
    this.seenWithId++;
    if (this.reservoir.length < RESERVOIR) this.reservoir.push(i);
    else {
      const j = Math.floor(this.rng() * this.seenWithId);
      if (j < RESERVOIR) this.reservoir[j] = i;
    }
  }
}

/** How many rows of a table get an error at this rate. */
export function errorCount(rows: number, rate: number): number {
  return Math.min(rows, Math.round(rows * rate));
}

/** The rows' share of a table's errors: a `sep=` line takes one of them. */
export function rowErrorCount(rows: number, rate: number, seed: number, table: string): number {
  return Math.max(0, errorCount(rows, rate) - (writesSepLine(seed, table, rate) ? 1 : 0));
}

/** The random stream of a table's plan (shared by generation and {@link droppedPatientRows}). */
export function planStream(seed: number, table: string): Rng {
  return stream(seed, table, 'plan');
}

/**
 * Rows of the patient table whose patient ID may be missing from the loaded table once its
 * errors are injected: replays the same plan the generator will follow.
 */
export function droppedPatientRows(
  model: TableModel,
  rows: number,
  rate: number,
  seed: number,
): Set<number> {
  const out = new Set<number>();
  if (rate <= 0) return out;
  const plan = new ErrorPlan(
    rows,
    rowErrorCount(rows, rate, seed, model.table),
    applicableCodes(model),
    planStream(seed, model.table),
  );
  for (let i = 0; i < rows; i++) {
    const p = plan.next();
    if (p && DROPS_OWN_ID.has(p.code)) out.add(i);
  }
  return out;
}
