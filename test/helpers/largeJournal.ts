/**
 * A large ledger journal written in one go, with the rules that made it, so that a test can
 * work out what the ledger should answer without asking the ledger.
 */
export const COHORT = 'UW - Seattle';
export const YEAR = 2025;

export interface GeneratedJob {
  id: string;
  name: string;
  path: string;
  bytes: number;
  mtimeMs: number;
  table: 'patient' | 'laboratory';
  stage: 'ready' | 'blocked' | 'failed';
  /** Patient tables that did not fail have an artifact. */
  artifact: string | null;
}

/** `n` jobs: every 10th a patient table; every 7th failed, else every 3rd blocked. */
export function generateJobs(n: number): GeneratedJob[] {
  const out: GeneratedJob[] = [];
  for (let i = 0; i < n; i++) {
    const table = i % 10 === 0 ? 'patient' : 'laboratory';
    const stage = i % 7 === 0 ? 'failed' : i % 3 === 0 ? 'blocked' : 'ready';
    const hash = ((i * 2654435761) >>> 0).toString(16).padStart(8, '0');
    out.push({
      id: `20260102${String(i).padStart(6, '0')}-${hash}`,
      name: `${table}_${i}.csv`,
      path: `/data/exports/${table}_${i}.csv`,
      bytes: 1000 + i,
      mtimeMs: 1_790_000_000_000 + i,
      table,
      stage,
      artifact: table === 'patient' && stage !== 'failed' ? `/artifacts/p${i}.duckdb` : null,
    });
  }
  return out;
}

/** The journal of `jobs` (events without `v`, as older Courier wrote them, for some). */
export function journalText(jobs: GeneratedJob[]): string {
  const lines: string[] = [];
  const at = '2026-01-02T03:04:05.000Z';
  jobs.forEach((j, i) => {
    lines.push(
      JSON.stringify({
        ...(i % 2 ? { v: 1 } : {}),
        type: 'job',
        id: j.id,
        at,
        pid: 1,
        source: { name: j.name, path: j.path, bytes: j.bytes, mtimeMs: j.mtimeMs },
        table: j.table,
        cohort: COHORT,
        protocolYear: YEAR,
        site: null,
      }),
    );
    if (j.artifact)
      lines.push(
        JSON.stringify({
          v: 1,
          type: 'result',
          id: j.id,
          at,
          sha256: 'a'.repeat(64),
          summary: {
            status: j.stage === 'blocked' ? 'fail' : 'pass',
            table: 'patient',
            rows: 5,
            rowsStored: 5,
            rowsRejected: 0,
            issues: { error: j.stage === 'blocked' ? 1 : 0, warning: 0, info: 0 },
            header: ['cohortPatientId'],
            patientIds: { distinct: 5, unknown: 0 },
          },
          reportPath: null,
          artifact: { path: j.artifact, bytes: 100, sha256: 'b'.repeat(64) },
          meta: null,
          duplicateOf: null,
          supersedes: null,
        }),
      );
    lines.push(JSON.stringify({ v: 1, type: 'stage', id: j.id, at, stage: j.stage }));
  });
  const mark = { type: 'not-available', at, cohort: COHORT, protocolYear: YEAR };
  lines.push(JSON.stringify({ ...mark, table: 'census', reason: 'not collected' }));
  lines.push(JSON.stringify({ ...mark, table: 'diagnosis', reason: 'later' }));
  lines.push(JSON.stringify({ ...mark, table: 'diagnosis', reason: null, cleared: true }));
  return lines.join('\n') + '\n';
}
