/**
 * Which lines an issue is about, as SQL over a job's artifact: the check's own condition run
 * again, so an export or a count matches the report by construction.
 */
import type { Issue, IssueCode, Report } from '../../shared/report';
import type { DefinitionSet } from '../definitions/loader';
import type { VariableType } from '../definitions/schema';
import { duplicateLinesSql } from '../precheck/checks';
import { rowChecks } from '../precheck/rowRules';
import type { IdShape } from '../precheck/crossTable';
import { crossTableColumn, DEFAULT_POLICY, patientIdChecks } from '../precheck/crossTable';
import type { PlannedColumn } from '../precheck/columnPlan';

/** The report's columns as the checks know them (index: set for columns the file has). */
export function plannedColumns(report: Report, defs: DefinitionSet): PlannedColumn[] {
  const def = report.table ? (defs.get(report.table) ?? null) : null;
  return report.columns.map((c, i) => {
    const variable = def?.variables.find((v) => v.name === c.name) ?? null;
    return {
      name: c.name,
      source: c.source,
      index: c.source === '' ? null : i,
      type: c.type as VariableType | 'string',
      variable,
      extra: variable === null,
    };
  });
}

/** SQL that selects the `_line` of every row the issue is about, or null when SQL cannot. */
export function linesSql(
  issue: Issue,
  report: Report,
  defs: DefinitionSet,
  patientsAttached: boolean,
): string | null {
  const def = report.table ? (defs.get(report.table) ?? null) : null;
  if (!def) return null;
  const columns = plannedColumns(report, defs);
  const col = columns.find((c) => c.name === issue.column);
  if (issue.code === 'duplicate-id' && col) return duplicateLinesSql(col);
  if (CROSS_TABLE_CODES.has(issue.code) && col) {
    // `known_ids` is made from the attached patient artifact, as for the report.
    if (!patientsAttached || !crossTableColumn(columns)?.variable?.inTable) return null;
    const check = patientIdChecks(col, DEFAULT_POLICY, idShape(report)).find(
      (c) => c.code === issue.code,
    );
    return check ? `SELECT _line FROM data WHERE coalesce(${check.where}, false)` : null;
  }
  let checks = rowChecks(columns, def).filter(
    (c) => c.code === issue.code && c.column === issue.column && c.severity === issue.severity,
  );
  // Several rules can share a code and column (two date-order rules): the message tells which.
  if (checks.length > 1) {
    const exact = checks.filter(
      (c) =>
        c.message(issue.count, issue.lines, issue.distinct ?? 0, {}) === issue.message ||
        (c.pattern !== undefined && c.pattern === issue.pattern),
    );
    if (exact.length > 0) checks = exact;
  }
  if (checks.length === 0) return null;
  return checks
    .map((c) => `SELECT _line FROM ${c.on} WHERE coalesce(${c.where}, false)`)
    .join(' UNION ');
}

/** The checks made against the patient table, rebuilt with the shape its IDs had. */
const CROSS_TABLE_CODES: ReadonlySet<IssueCode> = new Set([
  'unknown-patient-id',
  'id-leading-zeros-lost',
  'id-whitespace',
]);

/**
 * The patient table's ID shape the report was made with: the zeros fix carries it. Without
 * that issue no ID matched once padded, so the checks select the same lines without a shape.
 */
function idShape(report: Report): IdShape | null {
  const p = report.issues.find((i) => i.code === 'id-leading-zeros-lost')?.fix?.params;
  return p && typeof p.width === 'number' && typeof p.prefix === 'string'
    ? { width: p.width, prefix: p.prefix }
    : null;
}
