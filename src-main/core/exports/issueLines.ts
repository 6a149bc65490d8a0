/**
 * Every affected line of one issue, as CSV (`line,code,column,value,source_line`), not only
 * the report's first 50: a local file with the values at fault, never pushed.
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
import type { Issue, Report } from '../../shared/report';
import type { DefinitionSet } from '../definitions/loader';
import type { JobRecord } from '../ledger/ledger';
export { linesSql, plannedColumns } from './issueSql';
import { lineSetSql, valuesSql, withArtifact, type ArtifactContext } from './issueValues';
import { sourceLines, SOURCE_CODES } from './sourceLines';
import { openSourceText, type SourceText } from './sourceText';

export interface LinesResult {
  rows: number;
  /** False when only the report's first lines could be given. */
  complete: boolean;
  /** The raw source lines are in the export (the source is still there, unchanged). */
  sourceLines: boolean;
}

function csvField(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** The export's columns: the value at fault and the whole source line, for local use only. */
export const LINES_HEADER = 'line,code,column,value,source_line';

/**
 * Writes one CSV row per line (ascending): the line, the issue's code and column, the value at
 * fault (where the artifact has one) and the raw source line (where the source is still there).
 */
async function writeRows(
  dest: string,
  issue: Issue,
  rows: AsyncIterable<{ line: number; value: string | null }>,
  source: SourceText | null,
): Promise<number> {
  const out = createWriteStream(dest, { mode: 0o600 });
  const mid = `,${issue.code},${csvField(issue.column ?? '')},`;
  let n = 0;
  const write = (s: string): Promise<void> =>
    out.write(s) ? Promise.resolve() : new Promise((r) => out.once('drain', () => r()));
  try {
    await write(`${LINES_HEADER}\n`);
    for await (const r of rows) {
      const raw = source ? await source.lineAt(r.line) : '';
      await write(`${r.line}${mid}${csvField(r.value ?? '')},${csvField(raw)}\n`);
      n++;
    }
  } finally {
    await new Promise<void>((resolve, reject) =>
      out.end((e?: Error | null) => (e ? reject(e) : resolve())),
    );
  }
  return n;
}

async function* plain(lines: Iterable<number>): AsyncIterable<{ line: number; value: null }> {
  for (const line of lines) yield { line, value: null };
}

/** Lines and values streamed from the artifact (null when SQL cannot list this issue). */
async function fromArtifact(
  ctx: ArtifactContext & { artifact: string },
  issue: Issue,
  dest: string,
  source: SourceText | null,
): Promise<number | null> {
  return withArtifact(ctx, async (q) => {
    const set = lineSetSql(issue, ctx, q);
    if (!set) return null;
    const result = await q.conn.stream(valuesSql(issue, set, q));
    async function* rows(): AsyncIterable<{ line: number; value: string | null }> {
      for await (const chunk of result.yieldRowsJs())
        for (const [line, value] of chunk)
          yield { line: Number(line), value: value === null ? null : String(value) };
    }
    return writeRows(dest, issue, rows(), source);
  });
}

/**
 * Writes every affected line of `report.issues[index]` to `dest` as CSV, with the value at
 * fault and the raw source line of each: a local file with patient data, never pushed.
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
  const source = await openSourceText(job, report);
  try {
    const done = (rows: number, complete: boolean): LinesResult => ({
      rows,
      complete,
      sourceLines: source !== null,
    });
    if (issue.lines.length === 0)
      return done(await writeRows(dest, issue, plain([]), source), true);
    if (job.artifact) {
      const rows = await fromArtifact(
        { report, defs, patients, artifact: job.artifact.path },
        issue,
        dest,
        source,
      );
      if (rows !== null) return done(rows, true);
    }
    if (issue.lines.length >= issue.count)
      return done(await writeRows(dest, issue, plain(issue.lines), source), true);
    if (SOURCE_CODES.has(issue.code)) {
      const lines = await sourceLines(job, report, issue.code);
      if (lines) return done(await writeRows(dest, issue, plain(lines), source), true);
    }
    return done(await writeRows(dest, issue, plain(issue.lines), source), false);
  } finally {
    await source?.close();
  }
}
