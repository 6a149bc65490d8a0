/**
 * Pushing the ledger's ready jobs: the destination chosen and proven to be the share, each job
 * sent by the verified commit protocol (commit.ts), and whatever cannot go now queued with its
 * next retry time. The window, `courier push`, `ingest --push` and `watch --push` all push here.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { unassignedReason } from '../../shared/sendable';
import type { PushResult, PushView } from '../../shared/views';
import type { JobRecord, Ledger } from '../ledger/ledger';
import { INTERRUPTED_PUSH } from '../ledger/ledger';
import { fixVariant } from '../jobs/fixTag';
import { heldBack } from '../ledger/versions';
import { Log } from '../log';
import type { SettingsStore } from '../settings/settings';
import { backoff } from './backoff';
import { pushArtifact } from './commit';
import { PushError } from './errors';
import { applyRetention } from './retention';
import { shareKind } from './mounts';
import { checkShare, initShare } from './share';
import { cleanStalePartials } from './stale';

export interface PushOptions {
  ledger: Ledger;
  settings: SettingsStore;
  home: string;
  /** Destination root; default: the setting, else the local outbox. */
  dest?: string | null;
  /** Respect each job's retry time (background retries); a person asking pushes now. */
  respectBackoff?: boolean;
  /** Only these jobs (the window's "Send" on one file; a folder's auto-push); default: all. */
  only?: (job: JobRecord) => boolean;
  onJob?: (job: JobRecord, outcome: PushOutcome) => void;
  /**
   * An explicit `dest` that exists, is empty and has no marker was set up as Courier's share:
   * what kind of folder it is ("local disk (ext4)"), for the person who asked to know.
   */
  onSetUp?: (root: string, kind: string) => void;
}

export interface PushOutcome {
  /** `refused`: not sent and not queued (no cohort or no protocol year). */
  status: 'pushed' | 'already-pushed' | 'failed' | 'waiting' | 'refused';
  message: string;
}

/** What a push run did; the window shows it as is. */
export type PushSummary = PushView;

/** The local outbox, used until a NAS is configured. */
export function outboxDir(home: string): string {
  return join(home, 'outbox');
}

/**
 * Jobs that should be on the destination and are not yet: not those a newer version of the
 * file replaces, nor those whose automatic push waits out its grace period.
 */
export function pushCandidates(ledger: Ledger): JobRecord[] {
  const jobs = ledger.jobs();
  const held = heldBack(jobs);
  return jobs.filter(
    (j) =>
      (j.stage === 'ready' || j.stage === 'push-queued') &&
      !held.has(j.id) &&
      j.artifact &&
      existsSync(j.artifact.path),
  );
}

/** The manifest of Contract 3, less `artifact` and `pushedAt` (the commit adds them). */
export function manifestFor(job: JobRecord): Record<string, unknown> {
  const meta = job.meta ?? {};
  return {
    ...meta,
    override: job.override
      ? { by: job.override.by, reason: job.override.reason, at: job.override.at }
      : null,
    supersedes: job.supersedes ?? (meta.supersedes as string | undefined) ?? null,
  };
}

/** Where a push goes: the given root, the NAS setting, or the local outbox. */
interface Destination {
  root: string;
  /** The local outbox (no NAS configured): "saved locally", never "sent". */
  local: boolean;
  /** Given for this push (`--dest`): a person named it, so an empty folder may be set up. */
  explicit: boolean;
}

function destinationOf(o: PushOptions): Destination {
  const nas = o.settings.get().nasPath;
  return {
    root: resolve(o.dest ?? nas ?? outboxDir(o.home)),
    local: !o.dest && !nas,
    explicit: Boolean(o.dest),
  };
}

/**
 * Pushes every ready job to the destination, then drains the retry queue. A destination that
 * is not reachable, or not the configured share (a NAS mount that is down looks like an empty
 * folder), leaves every job queued with its next retry time.
 */
export async function pushReady(o: PushOptions): Promise<PushSummary> {
  const dest = destinationOf(o);
  const summary: PushSummary = {
    dest: dest.root,
    local: dest.local,
    reachable: false,
    pushed: 0,
    failed: 0,
    waiting: 0,
    message: null,
  };
  const results: PushResult[] = [];
  summary.results = results;
  const onJob = (j: JobRecord, outcome: PushOutcome): void => {
    results.push({ id: j.id, name: j.source.name, ...outcome });
    o.onJob?.(j, outcome);
  };
  const chosen = pushCandidates(o.ledger).filter((j) => !o.only || o.only(j));
  // Nothing is ever pushed without a cohort and a protocol year: such jobs stay as they are.
  const jobs: JobRecord[] = [];
  summary.unassigned = 0;
  for (const j of chosen) {
    const why = unassignedReason(j);
    if (why === null) jobs.push(j);
    else {
      summary.unassigned++;
      onJob(j, { status: 'refused', message: why });
    }
  }
  await applyRetention(o.ledger, o.settings.get().retentionDays);

  const share = await openShare(o, dest);
  if (!share.ok) {
    summary.message = share.message;
    summary.waiting = queueForLater({ ...o, onJob }, jobs, share.message);
    return summary;
  }
  summary.reachable = true;
  // Our own .partial files left by a push that was killed.
  await cleanStalePartials(dest.root).catch(() => []);
  for (const j of jobs) {
    if (o.respectBackoff && j.push.nextAttemptAt && Date.parse(j.push.nextAttemptAt) > Date.now()) {
      summary.waiting++;
      continue;
    }
    if (await pushOne({ ...o, onJob }, dest, share.id, j)) summary.pushed++;
    else summary.failed++;
  }
  return summary;
}

/**
 * Proves the destination is Courier's share (its marker, pinned per destination in the
 * settings). Never creates a destination folder: only the local outbox (Courier's own) is
 * made on first use. An existing, empty folder without a marker is set up only when it was
 * named for this push (`--dest`) or is the outbox; the NAS folder of the settings is set up by
 * the window, after the coordinator confirmed it.
 */
async function openShare(
  o: PushOptions,
  dest: Destination,
): Promise<{ ok: true; id: string } | { ok: false; message: string }> {
  const s = o.settings.get();
  const expected = s.shares[dest.root] ?? null;
  let check = await checkShare(dest.root, expected);
  const mayInit = expected === null && (dest.local || dest.explicit);
  if (!check.ok && mayInit && (check.reason === 'no-marker' || dest.local)) {
    try {
      if (dest.local) await mkdir(dest.root, { recursive: true, mode: 0o700 });
      const marker = await initShare(dest.root);
      if (!dest.local) {
        const kind = await shareKind(dest.root).catch(() => null);
        o.onSetUp?.(dest.root, kind?.label ?? 'a folder of an unknown kind');
      }
      check = await checkShare(dest.root, marker.id);
    } catch (e) {
      return { ok: false, message: (e as Error).message };
    }
  }
  if (!check.ok) return { ok: false, message: check.message };
  if (expected !== check.id) o.settings.update({ shares: { ...s.shares, [dest.root]: check.id } });
  return { ok: true, id: check.id };
}

/** The destination cannot be used now: every job waits, with its next retry time. */
function queueForLater(o: PushOptions, jobs: readonly JobRecord[], message: string): number {
  const now = new Date().toISOString();
  for (const j of jobs) {
    const attempt = j.push.attempts + 1;
    o.ledger.append({
      type: 'push-failed',
      id: j.id,
      at: now,
      attempt,
      code: 'unreachable',
      message,
      nextAttemptAt: new Date(Date.now() + backoff(attempt)).toISOString(),
    });
    if (j.stage !== 'push-queued')
      o.ledger.append({ type: 'stage', id: j.id, at: now, stage: 'push-queued' });
    o.onJob?.(j, { status: 'waiting', message });
  }
  return jobs.length;
}

/** Sends one job; records the outcome in the ledger, the audit log and the log. */
async function pushOne(
  o: PushOptions,
  dest: Destination,
  shareId: string,
  j: JobRecord,
): Promise<boolean> {
  const artifact = j.artifact!;
  o.ledger.append({ type: 'stage', id: j.id, at: new Date().toISOString(), stage: 'pushing' });
  try {
    const r = await pushArtifact({
      root: dest.root,
      expectedShareId: shareId,
      artifactPath: artifact.path,
      artifactSha256: artifact.sha256,
      manifest: manifestFor(j),
      cohort: j.cohort,
      protocolYear: j.protocolYear,
      table: j.table,
      sourceName: j.source.name,
      sourceSha256: j.source.sha256 ?? '',
      variant: fixVariant(j.meta),
      // A partial left for this job is ours and stale when the process that left it is known
      // dead, or when its last attempt failed (a server that stopped mid-copy keeps it).
      staleMs: j.error === INTERRUPTED_PUSH || j.push.lastError !== null ? 0 : undefined,
    });
    const at = new Date().toISOString();
    o.ledger.append({
      type: 'pushed',
      id: j.id,
      at,
      dest: dest.root,
      local: dest.local,
      files: { artifact: r.artifact, manifest: r.manifest },
      already: r.status === 'already-pushed',
    });
    o.ledger.append({ type: 'stage', id: j.id, at, stage: 'pushed' });
    // Already there (sent from another data folder, or before): the audit records what is on
    // the NAS, and the coordinator hears that nothing was sent this time.
    const already = r.status === 'already-pushed';
    o.ledger.auditLog({
      op: 'pushed',
      jobId: j.id,
      file: basename(r.artifact),
      bytes: artifact.bytes,
      sha256: already ? (r.nasArtifactSha256 ?? artifact.sha256) : artifact.sha256,
      detail: already ? `already on the NAS: ${dirname(r.artifact)}` : dirname(r.artifact),
    });
    new Log(o.home).info(
      `push ${j.id} ${r.status} ${dest.local ? 'outbox' : 'nas'} artifact=${already ? (r.nasArtifactSha256 ?? '-') : artifact.sha256}`,
    );
    o.onJob?.(j, {
      status: r.status,
      message: dest.local
        ? `${already ? 'already saved locally' : 'saved locally'} (no NAS configured): ${r.artifact}`
        : already
          ? `already on the NAS: ${r.artifact}`
          : `sent to ${r.artifact}`,
    });
    return true;
  } catch (e) {
    const err = e as PushError;
    const code = e instanceof PushError ? err.code : 'io';
    const attempt = j.push.attempts + 1;
    const retryable = e instanceof PushError ? err.retryable : true;
    const at = new Date().toISOString();
    o.ledger.append({
      type: 'push-failed',
      id: j.id,
      at,
      attempt,
      code,
      message: err.message,
      nextAttemptAt: retryable ? new Date(Date.now() + backoff(attempt)).toISOString() : null,
    });
    o.ledger.append({ type: 'stage', id: j.id, at, stage: 'push-queued' });
    new Log(o.home).warn(`push ${j.id} failed code=${code} attempt=${attempt}`);
    o.onJob?.(j, { status: 'failed', message: err.message });
    return false;
  }
}
