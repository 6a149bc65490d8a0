/**
 * Declaring a submission: what the central team needs to tell a finished submission from one in
 * progress. The declaration lists the 16 tables (sent, not available with the site's reason, or
 * missing), the artifacts sent for each (as the NAS's manifests record them), the overrides and
 * fixes applied (counts), and the comparison with last year (counts and percentages only). It is
 * refused while a table is unaccounted for, unless the coordinator says why it is incomplete.
 * Never a cell value or a patient ID.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { DefinitionSet } from '../definitions/loader';
import { CourierError } from '../errors';
import type { JobRecord, Ledger } from '../ledger/ledger';
import { appVersion } from '../paths';
import { writeDeclaration } from '../push/declaration';
import { outboxDir } from '../push/queue';
import type { SettingsStore } from '../settings/settings';
import type { Comparison } from './compare';
import { currentJobs } from './sources';

export type DeclaredStatus = 'sent' | 'not-available' | 'missing';

export interface DeclaredTable {
  table: string;
  status: DeclaredStatus;
  artifacts: {
    file: string;
    sha256: string | null;
    rows: number | null;
    patients: number | null;
  }[];
  reason: string | null;
  overrides: number;
  fixes: number;
  comparison: {
    withYear: number;
    rowsPrevious: number | null;
    rowsChangePct: number | null;
    findings: Record<string, number>;
  } | null;
}

/** Where the declaration goes: the given root, the NAS setting, or the local outbox. */
export function declarationRoot(
  settings: SettingsStore,
  home: string,
  dest: string | null,
): { root: string; local: boolean } {
  const nas = settings.get().nasPath;
  return { root: resolve(dest ?? nas ?? outboxDir(home)), local: !dest && !nas };
}

/** A table's state as the ledger knows it, for the declaration and for "changed since declared". */
function tableState(
  jobs: readonly JobRecord[],
  notAvailable: string | null | undefined,
  root: string,
): { status: DeclaredStatus; jobs: readonly JobRecord[] } {
  if (jobs.length > 0 && jobs.every((j) => j.stage === 'pushed' && j.push.dest === root))
    return { status: 'sent', jobs };
  if (jobs.length === 0 && notAvailable !== undefined) return { status: 'not-available', jobs };
  return { status: 'missing', jobs };
}

/**
 * What was declared, in one hash: every table's status, the source files sent for it, its
 * not-available reason. The board compares it with the last declaration's.
 */
export function submissionFingerprint(
  ledger: Ledger,
  defs: DefinitionSet,
  cohort: string,
  protocolYear: number,
  root: string,
): string {
  const byTable = currentJobs(ledger, defs, cohort, protocolYear);
  const marks = ledger.notAvailable(cohort, protocolYear);
  const parts = defs.ordered().map((d) => {
    const s = tableState(byTable.get(d.table) ?? [], marks.get(d.table), root);
    return [
      d.table,
      s.status,
      s.jobs.map((j) => j.source.sha256).sort(),
      marks.get(d.table) ?? null,
    ];
  });
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

export interface DeclareOptions {
  ledger: Ledger;
  settings: SettingsStore;
  home: string;
  definitions: DefinitionSet;
  cohort: string;
  protocolYear: number;
  dest: string | null;
  /** Why the submission is declared incomplete; without it an incomplete one is refused. */
  incompleteReason: string | null;
  comparison: Comparison | null;
}

export type DeclareOutcome =
  | { declared: true; seq: number; path: string; complete: boolean; tables: DeclaredTable[] }
  | { declared: false; missing: string[]; tables: DeclaredTable[] };

/** Writes the next declaration, or says which tables keep it from being complete. */
export async function declareSubmission(o: DeclareOptions): Promise<DeclareOutcome> {
  const { root, local } = declarationRoot(o.settings, o.home, o.dest);
  const byTable = currentJobs(o.ledger, o.definitions, o.cohort, o.protocolYear);
  const marks = o.ledger.notAvailable(o.cohort, o.protocolYear);
  const tables: DeclaredTable[] = [];
  for (const d of o.definitions.ordered()) {
    const s = tableState(byTable.get(d.table) ?? [], marks.get(d.table), root);
    const cmp = o.comparison?.tables.find((t) => t.table === d.table);
    const findings: Record<string, number> = {};
    for (const f of cmp?.findings ?? []) findings[f.code] = (findings[f.code] ?? 0) + f.count;
    tables.push({
      table: d.table,
      status: s.status,
      artifacts: s.status === 'sent' ? await Promise.all(s.jobs.map(sentArtifact)) : [],
      reason: s.status === 'not-available' ? (marks.get(d.table) ?? null) : null,
      overrides: s.jobs.filter((j) => j.override).length,
      fixes: s.jobs.reduce((n, j) => n + fixCount(j), 0),
      comparison:
        cmp && o.comparison
          ? {
              withYear: o.comparison.withYear,
              rowsPrevious: cmp.previous?.rows ?? null,
              rowsChangePct: cmp.rowsChangePct,
              findings,
            }
          : null,
    });
  }
  const missing = tables.filter((t) => t.status === 'missing').map((t) => t.table);
  const reason = o.incompleteReason?.trim() || null;
  if (missing.length > 0 && !reason) return { declared: false, missing, tables };
  const shareId = o.settings.get().shares[root];
  if (!shareId)
    throw new CourierError(
      'not-a-share',
      `${root} has not been used as Courier's destination yet: send the submission's files there first.`,
    );
  const declaredAt = new Date().toISOString();
  const complete = missing.length === 0;
  const written = await writeDeclaration({
    root,
    expectedShareId: shareId,
    cohort: o.cohort,
    protocolYear: o.protocolYear,
    body: (seq) => ({
      submissionVersion: 1,
      app: { name: 'Courier', version: appVersion() },
      site: o.settings.get().site,
      cohort: o.cohort,
      protocolYear: o.protocolYear,
      seq,
      declaredAt,
      complete,
      incompleteReason: complete ? null : reason,
      tables,
    }),
  });
  o.ledger.append({
    type: 'declared',
    at: declaredAt,
    cohort: o.cohort,
    protocolYear: o.protocolYear,
    seq: written.seq,
    dest: root,
    local,
    complete,
    fingerprint: submissionFingerprint(o.ledger, o.definitions, o.cohort, o.protocolYear, root),
  });
  return { declared: true, seq: written.seq, path: written.path, complete, tables };
}

/** An artifact as the NAS's manifest records it (what the central team will find). */
async function sentArtifact(j: JobRecord): Promise<DeclaredTable['artifacts'][number]> {
  const file = j.push.files?.artifact.split(/[\\/]/).pop() ?? '';
  const m = j.push.files
    ? await readFile(j.push.files.manifest, 'utf8')
        .then(
          (t) =>
            JSON.parse(t) as {
              artifact?: { sha256?: unknown };
              rows?: unknown;
              patientIds?: { distinct?: unknown } | null;
            },
        )
        .catch(() => null)
    : null;
  return {
    file,
    sha256:
      typeof m?.artifact?.sha256 === 'string' ? m.artifact.sha256 : (j.artifact?.sha256 ?? null),
    rows: typeof m?.rows === 'number' ? m.rows : (j.rows ?? null),
    patients:
      typeof m?.patientIds?.distinct === 'number'
        ? m.patientIds.distinct
        : (j.summary?.patientIds?.distinct ?? null),
  };
}

/** Guided fixes applied to a job's artifact (its manifest fields list them). */
function fixCount(j: JobRecord): number {
  const fixes = (j.meta as { fixes?: unknown } | null)?.fixes;
  return Array.isArray(fixes) ? fixes.length : 0;
}
