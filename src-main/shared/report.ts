/**
 * Contract 1: the precheck report (reportVersion 1).
 *
 * Pure types and constants: no Node, no Electron. The renderer may `import type` from here.
 * Contracts grow by addition only: never rename a field or an issue code.
 */

export type Severity = 'error' | 'warning' | 'info';

export type Encoding =
  'utf-8' | 'utf-8-bom' | 'windows-1252' | 'iso-8859-1' | 'utf-16le' | 'utf-16be';

export type LineEnding = 'lf' | 'crlf' | 'cr' | 'mixed';

export const ISSUE_CODES = [
  'empty-file',
  'not-csv',
  'encoding',
  'invalid-encoding',
  'bom',
  'line-endings',
  'nul-byte',
  'control-char',
  'delimiter',
  'too-many-columns',
  'blank-header',
  'duplicate-header',
  'missing-column',
  'extra-column',
  'renamed-column',
  'header-mismatch',
  'table-unknown',
  'ragged-row',
  'unclosed-quote',
  'stray-quote',
  'blank-row',
  'required',
  'type',
  'date-format',
  'allowed-values',
  'case-mismatch',
  'range',
  'duplicate-id',
  'unknown-patient-id',
  'no-patient-table',
  'required-when',
  'forbidden-when',
  'date-order',
  'future-date',
  'recommended',
  'duplicate-file',
  'possible-new-version',
  // Additions of 2026-11-30: how the file was made (docs/contracts.md).
  'date-pattern',
  'missing-code',
  'decimal-comma',
  'thousands-separator',
  'id-leading-zeros-lost',
  'id-scientific-notation',
  'id-whitespace',
  'sep-line',
  'synonym',
  // A record too large to parse; this year against last year (docs/contracts.md).
  'field-too-large',
  'fewer-rows',
  'patients-lost',
  'coverage-gap',
  'distribution-shift',
  // The identifier screen (docs/contracts.md): a direct identifier in a text cell or column.
  'possible-phi',
] as const;

export type IssueCode = (typeof ISSUE_CODES)[number];

export interface Issue {
  code: IssueCode;
  severity: Severity;
  column: string | null;
  /** Records affected (1 for whole-file issues). */
  count: number;
  /** First 50 physical source lines, ascending; [1] for header issues, [] for whole-file ones. */
  lines: number[];
  /** Short strings: offending values or descriptions. Never patient IDs. */
  examples: string[];
  message: string;
  hint: string;
  /** Only on unknown-patient-id: distinct unknown IDs. */
  distinct?: number;
  /** Only on date-pattern: the pattern the dates are written in. */
  pattern?: DatePattern;
  /** A proposed guided fix, where the fix is not a guess. */
  fix?: FixProposal;
  /** Only on possible-phi: what kind of identifier. */
  kind?: PhiKind;
}

/**
 * The kinds of direct identifier the screen looks for (`possible-phi` issues): spans in text
 * cells, and `identifier-column` for a column whose header names one (MRN, LastName, Phone).
 */
export const PHI_KINDS = [
  'name',
  'street-address',
  'phone',
  'email',
  'ssn',
  'record-number',
  'url',
  'ip-address',
  'identifier-column',
] as const;

export type PhiKind = (typeof PHI_KINDS)[number];

/** The non-ISO date patterns Courier recognises (`date-pattern` issues). */
export const DATE_PATTERNS = [
  'MM/DD/YYYY',
  'DD/MM/YYYY',
  'M/D/YY',
  'DDMONYYYY',
  'YYYYMMDD',
  'YYYY-MM-DD hh:mm:ss',
  'excel-serial',
  'ambiguous-day-month',
] as const;

export type DatePattern = (typeof DATE_PATTERNS)[number];

/** The guided-fix rules (a fixed vocabulary: add, never rename). */
export const FIX_RULES = [
  'iso-date',
  'missing-to-empty',
  'restore-leading-zeros',
  'trim',
  'case-to-documented',
  'decimal-point',
  'drop-thousands-separator',
  'map-values',
  'drop-column',
  'redact',
] as const;

export type FixRule = (typeof FIX_RULES)[number];

/** A proposed guided fix: which rule, on which column, with what, for how many cells. */
export interface FixProposal {
  rule: FixRule;
  column: string;
  /** Plain JSON: strings, numbers, lists and maps of them. Never a patient ID. */
  params: Record<string, unknown>;
  cells: number;
}

/** A guided fix applied to an artifact: its rule, column and params, and the cells it changed. */
export type AppliedFix = FixProposal;

/**
 * What a recipe did to a file (the report of a job a recipe fixed, or of one it was offered
 * for): the fixes it applied, and those it refused because the column's proposals differ from
 * what the recipe was made for (the reason in plain words).
 */
export interface RecipeOutcome {
  cohort: string | null;
  table: string;
  /** The recipe applies itself to each new file of the table (else it is proposed first). */
  auto?: boolean;
  /** The recipe's fixes that fit this file (applied, or proposed for the coordinator to apply). */
  proposed?: { rule: FixRule; column: string }[];
  applied: { rule: FixRule; column: string; cells: number }[];
  refused: { rule: FixRule; column: string; reason: string }[];
}

export interface ReportFile {
  name: string;
  bytes: number;
  sha256: string;
  encoding: Encoding;
  lineEnding: LineEnding;
  /** The delimiter character itself; tab is "\t". */
  delimiter: string;
}

export interface ReportColumn {
  name: string;
  /** The header as it stood in the source file. */
  source: string;
  /** Definition type, or "string" for extra columns and `--table any`. */
  type: string;
}

export interface ColumnProfile {
  name: string;
  type: string;
  filledPct: number;
  distinct: number;
  min: string | null;
  max: string | null;
  top?: { value: string; count: number }[];
  histogram?: { bucket: string; count: number }[];
}

export interface Report {
  reportVersion: 1;
  status: 'pass' | 'warn' | 'fail';
  file: ReportFile;
  table: string | null;
  tableDetected: boolean;
  tableConfidence: number;
  cohort: string | null;
  protocolYear: number | null;
  rows: number;
  rowsStored: number;
  rowsRejected: number;
  columns: ReportColumn[];
  patientIds: { column: string; distinct: number; unknown: number } | null;
  issues: Issue[];
  profile: ColumnProfile[];
  /** The ledger job id (null for `precheck`): tools chain commands with it. */
  job?: string | null;
  /** A fixed job's report: the guided fixes applied to the unfixed artifact (counts only). */
  fixes?: AppliedFix[];
  /** A fixed job's report: the unfixed job and its artifact's SHA-256. */
  fixedFrom?: { job: string; sha256: string };
  /** A recipe applied while ingesting (`--recipe`, or a saved recipe set to apply itself). */
  recipe?: RecipeOutcome;
  /** Milliseconds; besides the three of Contract 1, the checking phase's parts. */
  timings: { scanMs: number; convertMs: number; checkMs: number; [phase: string]: number };
}

/** Stages of a job (docs/contracts.md). Ends: blocked, failed, cancelled, skipped. */
export const STAGES = [
  'queued',
  'scanning',
  'converting',
  'checking',
  'ready',
  'push-queued',
  'pushing',
  'pushed',
  'blocked',
  'failed',
  'cancelled',
  'skipped',
] as const;

export type Stage = (typeof STAGES)[number];

export interface Progress {
  jobId: string;
  stage: Stage;
  /** Bytes (scanning, converting) or rows (checking) done of total. */
  done: number;
  total: number;
  unit: 'bytes' | 'rows';
  ratePerSec: number;
  etaSec: number | null;
}

/** Maximum number of lines an issue carries in the report (the export has them all). */
export const MAX_ISSUE_LINES = 50;
/** Maximum number of example strings per issue. */
export const MAX_ISSUE_EXAMPLES = 5;
