import type { Issue } from '../../shared/report';
import type { Query, RowCheck } from './checks';
import { blank, runChecks } from './checks';
import { linesText, makeIssue, plural } from './issue';
import { missingCodeSql } from './missingCodes';
import type { PlannedColumn } from './columnPlan';
import { ident, lit } from './sql';

/** How unknown patient IDs weigh (the consortium runs both). */
export interface PatientPolicy {
  mode: 'strict' | 'permissive';
  /** Permissive: a warning up to this many distinct unknown IDs, an error above. */
  threshold: number;
}

export const DEFAULT_POLICY: PatientPolicy = { mode: 'strict', threshold: 0 };

/** The column of this table that must exist in another table (`inTable`), if any. */
export function crossTableColumn(columns: PlannedColumn[]): PlannedColumn | null {
  return columns.find((c) => c.variable?.inTable && c.index !== null) ?? null;
}

/**
 * How the patient table writes its IDs: one common prefix before the digits and one digit
 * width (`P000547`: prefix `P`, width 6), or null when its IDs follow no single such shape
 * (then restoring lost zeros would be a guess).
 */
export interface IdShape {
  prefix: string;
  width: number;
}

/**
 * Loads the known patient IDs from a patient artifact into a temporary table `known_ids`.
 * Exact strings: `00123` and `123` are different patients.
 */
export async function loadKnownIds(
  q: Query,
  artifact: string,
  column: string,
): Promise<{ count: number; shape: IdShape | null }> {
  await q(`ATTACH ${lit(artifact)} AS patients (READ_ONLY)`);
  try {
    await q(
      `CREATE OR REPLACE TEMP TABLE known_ids AS SELECT DISTINCT ${ident(column)}::VARCHAR AS id FROM patients.data WHERE ${ident(column)} IS NOT NULL`,
    );
  } finally {
    await q('DETACH patients');
  }
  const [r] = await q('SELECT count(*) AS n FROM known_ids');
  return { count: Number(r?.n ?? 0), shape: await knownIdShape(q) };
}

/** The shape of the IDs in `known_ids` (a table or view), if they share one. */
export async function knownIdShape(q: Query): Promise<IdShape | null> {
  const [r] = await q(
    `SELECT count(*) AS n, count_if(NOT regexp_full_match(id, '[^0-9 ]*[0-9]+')) AS odd, count(DISTINCT regexp_extract(id, '^[^0-9]*')) AS prefixes, min(regexp_extract(id, '^[^0-9]*')) AS prefix, min(strlen(regexp_extract(id, '[0-9]+$'))) AS wmin, max(strlen(regexp_extract(id, '[0-9]+$'))) AS wmax FROM known_ids`,
  );
  if (!r || Number(r.n) === 0 || Number(r.odd) > 0 || Number(r.prefixes) !== 1) return null;
  if (Number(r.wmin) !== Number(r.wmax) || Number(r.wmax) < 2) return null;
  return { prefix: String(r.prefix ?? ''), width: Number(r.wmax) };
}

/** True where the ID text is a spreadsheet's scientific notation (`4.30E+01`). */
export function scientificSql(c: string): string {
  // Cheap tests first (DuckDB runs an AND's later terms only where the earlier hold): most
  // IDs do not start with a digit, or have no E.
  return `(${c} >= '0' AND ${c} < ':' AND strlen(${c}) <= 16 AND (contains(${c}, 'E') OR contains(${c}, 'e')) AND regexp_full_match(${c}, '[0-9]([.][0-9]+)?[eE][+-][0-9]{1,3}'))`;
}

/**
 * The ID as it would read with its lost leading zeros (and the patient table's prefix) put
 * back, where it is all digits and shorter than the shape; NULL otherwise. Evaluated only on
 * IDs already not found, so the other rows never pay for it.
 */
function paddedSql(c: string, shape: IdShape): string {
  const short =
    shape.prefix === '' ? `strlen(${c}) < ${shape.width}` : `strlen(${c}) <= ${shape.width}`;
  return `CASE WHEN ascii(${c}) BETWEEN 48 AND 57 AND ${short} AND regexp_full_match(${c}, '[0-9]+') THEN ${lit(shape.prefix)} || lpad(${c}, ${shape.width}, '0') END`;
}

/** The trimmed ID where it has spaces around it; NULL otherwise. */
function trimmedSql(c: string): string {
  return `CASE WHEN ascii(${c}) IN (9, 32) OR ends_with(${c}, ' ') OR ends_with(${c}, chr(9)) THEN trim(${c}) END`;
}

/**
 * The cross-table checks of the patient ID column, as row checks over `data` against the
 * `known_ids` table, in the same pass as the other row checks. IDs not found that match once
 * their lost zeros or their spaces are restored are named for that cause; the rest are
 * `unknown-patient-id`. The issues count distinct IDs, never name them.
 */
export function patientIdChecks(
  col: Pick<PlannedColumn, 'name' | 'type'>,
  policy: PatientPolicy,
  shape: IdShape | null,
): RowCheck[] {
  const column = col.name;
  const c = ident(column);
  const v = `${c}::VARCHAR`;
  const known = (x: string): string => `coalesce((${x}) IN (SELECT id FROM known_ids), false)`;
  // IDs compare as text, whatever the column's type (a no-op for id columns).
  const present = `${c} IS NOT NULL AND NOT ${blank(col)}`;
  const notFound = `(${present} AND ${v} NOT IN (SELECT id FROM known_ids))`;
  // In the pass: one hash join with the known IDs for the whole family, no lookup per check.
  const gate = `(${present} AND ${KNOWN}.${KNOWN_ID} IS NULL)`;
  const joins = [
    `LEFT JOIN (SELECT id AS ${KNOWN_ID} FROM known_ids) AS ${KNOWN} ON ${KNOWN}.${KNOWN_ID} = ${v}`,
  ];
  const staged = (refine: (x: string) => string): RowCheck['staged'] => ({
    gate,
    joins,
    value: v,
    refine,
  });
  const zeros = (x: string): string => (shape ? known(paddedSql(x, shape)) : 'false');
  const spaces = (x: string): string => known(trimmedSql(x));
  const unknown = (x: string): string =>
    `NOT (${scientificSql(x)} OR coalesce(${missingCodeSql(x, false)}, false) OR ${spaces(x)} OR ${zeros(x)})`;
  const checks: RowCheck[] = [
    {
      code: 'unknown-patient-id',
      severity: 'error',
      column,
      on: 'data',
      where: `(${notFound} AND ${unknown(v)})`,
      staged: staged(unknown),
      example: null,
      distinct: c,
      severityFor: (_n, distinct) =>
        policy.mode === 'permissive' && distinct <= policy.threshold ? 'warning' : 'error',
      message: (n, lines, distinct) =>
        `${plural(n, 'row')} (${plural(distinct, 'distinct ID')}) name a patient that is not in the submission's patient table (${linesText(lines, n)}).`,
      hint: (lines, severity) =>
        severity === 'warning'
          ? `Accepted under the permissive policy (up to ${policy.threshold} unknown IDs). Check whether the patient table is missing these patients, starting at line ${lines[0]}.`
          : `Add these patients to the patient table, or correct the IDs (leading zeros count: 00123 is not 123), starting at line ${lines[0]}.`,
    },
    {
      code: 'id-whitespace',
      severity: 'error',
      column,
      on: 'data',
      where: `(${notFound} AND ${spaces(v)})`,
      staged: staged(spaces),
      example: null,
      fix: (n) => ({ rule: 'trim', column, params: {}, cells: n }),
      message: (n, lines) =>
        `${plural(n, 'ID')} in "${column}" ${n === 1 ? 'has' : 'have'} spaces before or after ${n === 1 ? 'it' : 'them'}; trimmed, ${n === 1 ? 'it matches' : 'they match'} the patient table (${linesText(lines, n)}).`,
      hint: () =>
        "The consortium's depot trims IDs; Courier keeps the exact text, so the file says what was sent. Remove the spaces in the export (in Excel, =TRIM(); in SAS, strip(); in R, trimws()).",
    },
  ];
  if (shape) {
    const sample = `${shape.prefix}${'42'.padStart(shape.width, '0')}`;
    checks.push({
      code: 'id-leading-zeros-lost',
      severity: 'error',
      column,
      on: 'data',
      where: `(${notFound} AND ${zeros(v)})`,
      staged: staged(zeros),
      example: null,
      fix: (n) => ({
        rule: 'restore-leading-zeros',
        column,
        params: { width: shape.width, prefix: shape.prefix },
        cells: n,
      }),
      message: (n, lines) =>
        `${plural(n, 'ID')} in "${column}" lost ${shape.prefix ? 'their prefix and ' : ''}their leading zeros: padded to the patient table's ${shape.width} digits${shape.prefix ? ` after "${shape.prefix}"` : ''}, they match it (42 would be ${sample}) (${linesText(lines, n)}).`,
      hint: () =>
        'A spreadsheet read the IDs as numbers and dropped their zeros. In Excel, format the ID column as Text before pasting or importing (Data → From Text/CSV, column type Text), or export from the source system straight to CSV.',
    });
  }
  return checks;
}

/** Names of the known IDs joined in the pass (names no data column takes). */
const KNOWN = '"__courier_known"';
const KNOWN_ID = '"__courier_known_id"';

/**
 * `id-scientific-notation`: patient IDs a spreadsheet turned into numbers (`4.30E+01`), with
 * or without a patient table to compare with. The true ID may be lost: no fix is proposed.
 */
export function scientificIdCheck(col: Pick<PlannedColumn, 'name'>): RowCheck {
  const column = col.name;
  const c = ident(column);
  return {
    code: 'id-scientific-notation',
    severity: 'error',
    column,
    on: 'data',
    where: scientificSql(c),
    example: null,
    message: (n, lines) =>
      `${plural(n, 'ID')} in "${column}" ${n === 1 ? 'was' : 'were'} turned into a number by a spreadsheet (written like 4.30E+01); the original ${n === 1 ? 'ID' : 'IDs'} may be lost (${linesText(lines, n)}).`,
    hint: () =>
      'Export the IDs again from the source system: a number in scientific notation keeps only its first digits, so Courier cannot restore them. In Excel, format the ID column as Text before pasting or importing.',
  };
}

/** `unknown-patient-id` on its own (a re-check against a new patient table), with its family. */
export async function unknownIds(
  q: Query,
  col: Pick<PlannedColumn, 'name' | 'type'>,
  policy: PatientPolicy,
): Promise<{ issue: Issue | null; distinct: number; issues: Issue[] }> {
  const issues = await runChecks(q, patientIdChecks(col, policy, await knownIdShape(q)));
  const issue = issues.find((i) => i.code === 'unknown-patient-id') ?? null;
  return { issue, distinct: issue?.distinct ?? 0, issues };
}

/** `no-patient-table`: the cross-table check could not run. */
export function noPatientTable(column: string): Issue {
  return makeIssue('no-patient-table', 'warning', {
    column,
    count: 1,
    lines: [],
    message: `"${column}" was not checked against the patient table: no patient table is known for this submission yet.`,
    hint: 'Add the patient table first (or give it with --patients); Courier then checks every ID.',
  });
}
