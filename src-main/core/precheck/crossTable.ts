import type { Issue } from '../../shared/report';
import type { Query, RowCheck } from './checks';
import { blank, runChecks } from './checks';
import { linesText, makeIssue, plural } from './issue';
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
 * Loads the known patient IDs from a patient artifact into a temporary table `known_ids`.
 * Exact strings: `00123` and `123` are different patients.
 */
export async function loadKnownIds(q: Query, artifact: string, column: string): Promise<number> {
  await q(`ATTACH ${lit(artifact)} AS patients (READ_ONLY)`);
  try {
    await q(
      `CREATE OR REPLACE TEMP TABLE known_ids AS SELECT DISTINCT ${ident(column)}::VARCHAR AS id FROM patients.data WHERE ${ident(column)} IS NOT NULL`,
    );
  } finally {
    await q('DETACH patients');
  }
  const [r] = await q('SELECT count(*) AS n FROM known_ids');
  return Number(r?.n ?? 0);
}

/**
 * `unknown-patient-id` as a row check over `data`, against the `known_ids` table: runs in the
 * same pass as the other row checks. The issue counts distinct IDs, never names them.
 */
export function unknownIdCheck(
  col: Pick<PlannedColumn, 'name' | 'type'>,
  policy: PatientPolicy,
): RowCheck {
  const column = col.name;
  const c = ident(column);
  return {
    code: 'unknown-patient-id',
    severity: 'error',
    column,
    on: 'data',
    // IDs compare as text, whatever the column's type (a no-op for id columns).
    where: `(${c} IS NOT NULL AND NOT ${blank(col)} AND ${c}::VARCHAR NOT IN (SELECT id FROM known_ids))`,
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
  };
}

/** `unknown-patient-id` on its own (a re-check against a new patient table). */
export async function unknownIds(
  q: Query,
  col: Pick<PlannedColumn, 'name' | 'type'>,
  policy: PatientPolicy,
): Promise<{ issue: Issue | null; distinct: number }> {
  const [issue] = await runChecks(q, [unknownIdCheck(col, policy)]);
  return { issue: issue ?? null, distinct: issue?.distinct ?? 0 };
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
