/**
 * A guided-fix rule (docs/contracts.md, "Guided-fix rules"): a pure transformation of one
 * cell's text, or of a whole column, with the checks of its params. The engine that applies
 * rules to an artifact (convert/fixPass.ts) runs each rule's `apply` once per distinct value,
 * so a rule is one small function a test can call on its own. A value a rule cannot transform
 * gives null: it is left as it was and stays reported.
 */
import type { FixRule } from '../../../shared/report';

/** A rule's params: plain JSON, as `fix.params` carries them. */
export type FixParams = Record<string, unknown>;

/** What a rule knows of the column it fixes. */
export interface FixColumn {
  name: string;
  /** The definition type (`date`, `enum`, …), or `string` for extra columns and `--table any`. */
  type: string;
  /** A variable of the table's definition (false: an extra column, or any column of `--table any`). */
  defined: boolean;
  /** The spellings the definition documents (an enum's values, a boolean's Yes/No/Unknown). */
  documented: readonly string[];
  /** The column holds the patient IDs that must be in the patient table. */
  patientIds: boolean;
}

export interface FixRuleSpec {
  rule: FixRule;
  /** `value`: each cell's text through `apply`; `column`: the whole column (drop-column). */
  kind: 'value' | 'column';
  /** Why this rule cannot fix this column, or null when it can. */
  fits(col: FixColumn): string | null;
  /** Why the params are not right, or null when they are (the params come from files too). */
  checkParams(params: FixParams, col: FixColumn): string | null;
  /** The cell's text fixed, or null when the rule cannot transform it (left as it was). */
  apply(value: string, params: FixParams, col: FixColumn): string | null;
  /**
   * SQL over `v` true for the values worth giving to `apply` (cheap, narrowing the distinct
   * values read), or null for all of them.
   */
  candidates?(v: string, params: FixParams): string | null;
  /**
   * Only results that are IDs of the patient table count: `required` refuses the rule without
   * a patient table; `id-column` filters when the column holds patient IDs and one is known.
   */
  knownIds?: 'required' | 'id-column';
  /**
   * The original text stays in the artifact's `_fixes` (false: `redact`, whose originals are
   * kept only in a local, owner-only store and never pushed).
   */
  keepsOriginal: boolean;
  /** What the rule does to this column, in plain words ("dates DDMONYYYY → YYYY-MM-DD"). */
  describe(params: FixParams, column: string): string;
}

/**
 * Text without the spaces around it, as DuckDB's `trim` (which the checks use) removes them:
 * every Unicode space separator (space, no-break spaces, …), never tabs or line breaks.
 */
export function spaceTrim(v: string): string {
  return v.replace(/^\p{Zs}+|\p{Zs}+$/gu, '');
}

/** A list of strings from params, or null when it is not one. */
export function stringList(v: unknown): string[] | null {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null;
}

/** A map of strings to strings from params, or null when it is not one. */
export function stringMap(v: unknown): Record<string, string> | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const entries = Object.entries(v as Record<string, unknown>);
  return entries.every(([, x]) => typeof x === 'string')
    ? Object.fromEntries(entries as [string, string][])
    : null;
}

/** Whether the column's values are typed in `data` (their bad text waits in `_invalid_cells`). */
export function typedColumn(col: Pick<FixColumn, 'type'>): boolean {
  return ['date', 'year', 'integer', 'number'].includes(col.type);
}

/** A text column: free text, codes, IDs (never converted). */
export function textColumn(col: Pick<FixColumn, 'type'>): boolean {
  return !typedColumn(col);
}
