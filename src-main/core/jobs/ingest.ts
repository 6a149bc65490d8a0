/**
 * A file ingested as a ledger job: every stage recorded durably, the ledger's say on
 * duplicates and versions, the submission's latest patient table supplied, the verified
 * artifact kept for pushing, and the submission re-checked when a new patient table arrives.
 */
import { basename } from 'node:path';
import type { Progress } from '../../shared/report';
import type { DefinitionSet } from '../definitions/loader';
import type { JobRecord, Ledger } from '../ledger/ledger';
import { KEPT_STAGES, ownStart } from '../ledger/ledger';
import type { PatientPolicy } from '../precheck/crossTable';
import type { PhiPolicy } from '../../shared/settings';
import { newJobId } from './jobRun';
import type { LedgerContext } from './ledgerSay';
import { judgeAgainstLedger } from './ledgerSay';
import { finish, stageRecorder } from './jobEnd';
import type { Recipe } from './recipes';
import { withRecipe } from './recipeStep';
import type { JobResult } from './runJob';
import { runJob } from './runJob';
import { identify, sizeAndMtime } from '../watch/identity';

export interface IngestOptions {
  home: string;
  ledger: Ledger;
  definitions: DefinitionSet;
  table?: string | null;
  cohort?: string | null;
  protocolYear?: number | null;
  site?: string | null;
  /** Re-ingest a file whose bytes were ingested before. */
  force?: boolean;
  outDir?: string | null;
  /** An explicit patient table artifact; by default the submission's latest one. */
  patientsArtifact?: string | null;
  patientPolicy?: PatientPolicy;
  /** `possible-phi` as an error (`block`, the default) or a warning. */
  phiPolicy?: PhiPolicy;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  /**
   * A recipe to apply while ingesting (`--recipe FILE`), or `saved`: the cohort and table's
   * saved one, applied. By default the saved recipe is proposed in the report, and applied
   * only when it was saved to apply itself.
   */
  recipe?: Recipe | 'saved' | null;
}

/** Ingests one file as a ledger job (see the module comment). */
export async function ingestFile(path: string, opts: IngestOptions): Promise<JobResult> {
  const { ledger } = opts;
  const id = newJobId();
  const cohort = opts.cohort ?? null;
  const protocolYear = opts.protocolYear ?? null;
  const identity = await recordStart(ledger, id, path, opts);
  // The job event is the claim on the file: another job that has it already (kept, or
  // running and recorded first) makes this one a duplicate before anything is read.
  const holder = identity && !opts.force ? ledger.fileClaimedBefore(id, identity) : null;
  if (holder) return finish(opts, claimLost(id, path, identity!, holder), holder, null);

  const earlier = ledger.jobs().filter((j) => j.id !== id);
  const latestPatient = ledger.latestPatientArtifact(cohort, protocolYear, earlier);
  const ctx: LedgerContext = {
    earlier,
    path,
    cohort,
    protocolYear,
    singleFile: (t) => opts.definitions.get(t)?.files === 'single',
    force: opts.force === true,
  };
  let duplicate: JobRecord | null = null;
  let supersedesJob: string | null = null;

  const result = await runJob(path, {
    id,
    home: opts.home,
    definitions: opts.definitions,
    table: opts.table ?? null,
    cohort,
    protocolYear,
    site: opts.site ?? null,
    keepArtifact: true,
    outDir: opts.outDir ?? null,
    patientsArtifact: opts.patientsArtifact ?? latestPatient,
    patientPolicy: opts.patientPolicy,
    phiPolicy: opts.phiPolicy,
    onProgress: stageRecorder(ledger, id, opts.onProgress),
    signal: opts.signal,
    afterDetect: async (info) => {
      ledger.auditLog({
        op: 'read',
        jobId: id,
        file: info.name,
        bytes: info.bytes,
        sha256: info.sha256,
      });
      // The claim on these bytes, before converting them: of two jobs reading the same bytes
      // at once (two services, a window and a terminal), the later claim is the duplicate.
      const said = await judgeAgainstLedger(ctx, info, ledger.claimBytes(id, info.sha256));
      duplicate = said.duplicate;
      supersedesJob = said.supersedesJob;
      // From here the data is converted in the private staging folder.
      if (!said.skip)
        ledger.auditLog({
          op: 'staged',
          jobId: id,
          sha256: info.sha256,
          detail: 'converting in the private workspace',
        });
      return said;
    },
  });
  const dup = duplicate as JobRecord | null;
  if (result.stage === 'skipped' && dup && !KEPT_STAGES.has(dup.stage))
    result.error = underWay(result.source.name, dup);
  const ended = await finish(opts, result, dup, supersedesJob);
  return withRecipe(ended, opts);
}

/**
 * A file another job has by its identity: skipped without reading it. The report is the
 * other job's when it has one; while it runs, the reason is said in words.
 */
function claimLost(id: string, path: string, identity: string, holder: JobRecord): JobResult {
  const name = basename(path);
  return {
    id,
    source: {
      name,
      path,
      bytes: Number(identity.split(':')[2] ?? 0),
      sha256: holder.source.sha256 ?? '',
    },
    stage: 'skipped',
    report: null,
    artifact: null,
    error: KEPT_STAGES.has(holder.stage) ? null : underWay(name, holder),
    errorCode: null,
    unreadable: false,
    meta: null,
  };
}

/** Why a duplicate of a job still under way has no report of its own. */
function underWay(name: string, holder: JobRecord): string {
  return `${name} is already being ingested by another Courier process (job ${holder.id}): skipped, so it is not converted twice (duplicate-file).`;
}

/**
 * The job's first event: what file (with its identity, the job's claim on it), for which
 * submission, by which process (its PID and start). Returns the identity; null when the file
 * cannot be looked at (the job then fails with the reason).
 */
async function recordStart(
  ledger: Ledger,
  id: string,
  path: string,
  opts: IngestOptions,
): Promise<string | null> {
  const found = await identify(path);
  const legacy = found ? sizeAndMtime(found.st) : null;
  const proc = ownStart();
  ledger.append({
    type: 'job',
    id,
    at: new Date().toISOString(),
    pid: process.pid,
    ...(proc ? { proc } : {}),
    source: {
      name: basename(path),
      path,
      bytes: legacy?.size ?? 0,
      mtimeMs: legacy?.mtimeMs,
      ...(found ? { identity: found.key } : {}),
    },
    table: opts.table ?? null,
    cohort: opts.cohort ?? null,
    protocolYear: opts.protocolYear ?? null,
    site: opts.site ?? null,
  });
  return found?.key ?? null;
}
