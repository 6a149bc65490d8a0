/**
 * Every affected line of one issue, as CSV (`line,code,column`), not only the report's first 50.
 *
 * How each kind of issue gets its lines:
 * - an issue whose report already lists every line (count ≤ 50): those lines;
 * - row checks (required, type, range, allowed values, conditional rules, dates...),
 *   `duplicate-id` and `unknown-patient-id`: the check's own SQL condition run again on the
 *   job's artifact, opened read-only (`data` and `_invalid_cells`), so the export matches the
 *   report by construction;
 * - structural findings (ragged rows, broken quotes, blank rows, NUL and control bytes): the
 *   source file tokenized again when it is still there unchanged; rejected records alone can
 *   also come from `_rejected_rows`;
 * - anything else: the report's lines, marked incomplete.
 */
import { createWriteStream } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Issue, IssueCode, Report } from '../../shared/report';
import type { DefinitionSet } from '../definitions/loader';
import type { VariableType } from '../definitions/schema';
import type { JobRecord } from '../ledger/ledger';
import { duplicateLinesSql } from '../precheck/checks';
import { rowChecks } from '../precheck/rowRules';
import type { IdShape } from '../precheck/crossTable';
import { crossTableColumn, DEFAULT_POLICY, patientIdChecks } from '../precheck/crossTable';
import type { PlannedColumn } from '../precheck/columnPlan';
import { ident, lit } from '../precheck/sql';
import { sourceLines, SOURCE_CODES } from './sourceLines';

export interface LinesResult {
  rows: number;
  /** False when only the report's first lines could be given. */
  complete: boolean;
}

const REJECTED_CODES: ReadonlySet<IssueCode> = new Set([
  'ragged-row',
  'unclosed-quote',
  'stray-quote',
]);

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

function csvField(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** Writes `line,code,column` rows for the given lines (already sorted). */
async function writeLines(dest: string, issue: Issue, lines: Iterable<number>): Promise<number> {
  const out = createWriteStream(dest, { mode: 0o600 });
  const tail = `,${issue.code},${csvField(issue.column ?? '')}\n`;
  let n = 0;
  const write = (s: string): Promise<void> =>
    out.write(s) ? Promise.resolve() : new Promise((r) => out.once('drain', () => r()));
  await write('line,code,column\n');
  for (const l of lines) {
    await write(`${l}${tail}`);
    n++;
  }
  await new Promise<void>((resolve, reject) =>
    out.end((e?: Error | null) => (e ? reject(e) : resolve())),
  );
  return n;
}

/** Runs `sql` (selecting `_line`) against the artifact and writes the CSV with DuckDB itself. */
async function copyFromArtifact(
  artifact: string,
  patients: string | null,
  report: Report,
  defs: DefinitionSet,
  issue: Issue,
  dest: string,
): Promise<number | null> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '256MB' });
  const conn = await instance.connect();
  try {
    await conn.run(`ATTACH ${lit(artifact)} AS a (READ_ONLY)`);
    if (patients) await conn.run(`ATTACH ${lit(patients)} AS patients (READ_ONLY)`);
    const sql = linesSql(issue, report, defs, patients !== null);
    if (!sql) return null;
    await conn.run('CREATE TEMP VIEW data AS SELECT * FROM a.data');
    await conn.run('CREATE TEMP VIEW _invalid_cells AS SELECT * FROM a._invalid_cells');
    const known = crossTableColumn(plannedColumns(report, defs))?.variable?.inTable?.column;
    if (patients && known) {
      await conn.run(
        `CREATE TEMP VIEW known_ids AS SELECT DISTINCT ${ident(known)}::VARCHAR AS id FROM patients.data WHERE ${ident(known)} IS NOT NULL`,
      );
    }
    const reader = await conn.runAndReadAll(
      `COPY (SELECT DISTINCT _line AS line, ${lit(issue.code)} AS code, ${lit(issue.column ?? '')} AS "column" FROM (${sql}) ORDER BY line) TO ${lit(dest)} (HEADER, DELIMITER ',')`,
    );
    const rows = reader.getRows()[0]?.[0];
    return rows === undefined ? 0 : Number(rows);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** Lines of `_rejected_rows` (every rejected record), for a sole rejected-row issue. */
async function rejectedLines(artifact: string): Promise<number[]> {
  const instance = await DuckDBInstance.create(artifact, { access_mode: 'READ_ONLY' });
  const conn = await instance.connect();
  try {
    const r = await conn.runAndReadAll('SELECT _line FROM _rejected_rows ORDER BY _line');
    return r.getRows().map((row) => Number(row[0]));
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/**
 * Writes every affected line of `report.issues[index]` to `dest` as CSV.
 * `patients`: the patient artifact the job was checked against, when known.
 */
export async function exportIssueLines(
  job: JobRecord,
  report: Report,
  index: number,
  defs: DefinitionSet,
  patients: string | null,
  dest: string,
): Promise<LinesResult> {
  const issue = report.issues[index];
  if (!issue) throw new Error('There is no such issue in this report.');
  if (issue.lines.length >= issue.count || issue.lines.length === 0)
    return { rows: await writeLines(dest, issue, issue.lines), complete: true };
  if (job.artifact) {
    const rows = await copyFromArtifact(job.artifact.path, patients, report, defs, issue, dest);
    if (rows !== null) return { rows, complete: true };
  }
  if (SOURCE_CODES.has(issue.code)) {
    const lines = await sourceLines(job, report, issue.code);
    if (lines) return { rows: await writeLines(dest, issue, lines), complete: true };
  }
  const soleRejected =
    REJECTED_CODES.has(issue.code) &&
    report.issues.filter((i) => REJECTED_CODES.has(i.code)).length === 1;
  if (soleRejected && job.artifact) {
    const lines = await rejectedLines(job.artifact.path);
    return { rows: await writeLines(dest, issue, lines), complete: true };
  }
  return { rows: await writeLines(dest, issue, issue.lines), complete: false };
}
