import type { Issue } from '../../shared/report';
import type { Query } from './checks';
import { linesText, makeIssue, plural } from './issue';
import type { PlannedColumn } from './plan';
import { ident, isEmpty, lit } from './sql';

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
      `CREATE OR REPLACE TEMP TABLE known_ids AS SELECT DISTINCT ${ident(column)} AS id FROM patients.data WHERE ${ident(column)} IS NOT NULL`,
    );
  } finally {
    await q('DETACH patients');
  }
  const [r] = await q('SELECT count(*) AS n FROM known_ids');
  return Number(r?.n ?? 0);
}

/** `unknown-patient-id`: IDs not in the submission's patient table (no IDs in the issue). */
export async function unknownIds(
  q: Query,
  column: string,
  policy: PatientPolicy,
): Promise<{ issue: Issue | null; distinct: number }> {
  const c = ident(column);
  const where = `NOT ${isEmpty(c)} AND ${c} NOT IN (SELECT id FROM known_ids)`;
  const [head] = await q(
    `SELECT count(*) AS n, count(DISTINCT ${c}) AS d, (SELECT list(_line) FROM (SELECT _line FROM src WHERE ${where} ORDER BY _line LIMIT 50)) AS lines FROM src WHERE ${where}`,
  );
  const n = Number(head?.n ?? 0);
  const distinct = Number(head?.d ?? 0);
  if (n === 0) return { issue: null, distinct: 0 };
  const lines = ((head?.lines as number[] | null) ?? []).map(Number);
  const severity =
    policy.mode === 'permissive' && distinct <= policy.threshold ? 'warning' : 'error';
  const issue = makeIssue('unknown-patient-id', severity, {
    column,
    count: n,
    distinct,
    lines,
    message: `${plural(n, 'row')} (${plural(distinct, 'distinct ID')}) name a patient that is not in the submission's patient table (${linesText(lines, n)}).`,
    hint:
      severity === 'warning'
        ? `Accepted under the permissive policy (up to ${policy.threshold} unknown IDs). Check whether the patient table is missing these patients, starting at line ${lines[0]}.`
        : `Add these patients to the patient table, or correct the IDs (leading zeros count: 00123 is not 123), starting at line ${lines[0]}.`,
  });
  return { issue, distinct };
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
