import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { PushView } from '../../shared/views';
import type { JobRecord, Ledger } from '../ledger/ledger';
import { Log } from '../log';
import { INTERRUPTED_PUSH } from '../ledger/ledger';
import type { SettingsStore } from '../settings/settings';
import {
  backoff,
  checkShare,
  cleanStalePartials,
  initShare,
  PushError,
  pushArtifact,
} from '../push/index';

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
}

export interface PushOutcome {
  status: 'pushed' | 'already-pushed' | 'failed' | 'waiting';
  message: string;
}

/** What a push run did; the window shows it as is. */
export type PushSummary = PushView;

/** The local outbox, used until a NAS is configured. */
export function outboxDir(home: string): string {
  return join(home, 'outbox');
}

/** Jobs that should be on the destination and are not yet. */
export function pushCandidates(ledger: Ledger): JobRecord[] {
  return ledger
    .jobs()
    .filter(
      (j) =>
        (j.stage === 'ready' || j.stage === 'push-queued') &&
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

/**
 * Pushes every ready job to the destination, then drains the retry queue. A destination that
 * is not reachable, or not the configured share (a NAS mount that is down looks like an empty
 * folder), leaves every job queued with its next retry time.
 */
export async function pushReady(o: PushOptions): Promise<PushSummary> {
  const s = o.settings.get();
  const local = !o.dest && !s.nasPath;
  const root = resolve(o.dest ?? s.nasPath ?? outboxDir(o.home));
  const summary: PushSummary = {
    dest: root,
    local,
    reachable: false,
    pushed: 0,
    failed: 0,
    waiting: 0,
    message: null,
  };
  const jobs = pushCandidates(o.ledger).filter((j) => !o.only || o.only(j));
  await applyRetention(o);

  const expected = s.shares[root] ?? null;
  let check = await checkShare(root, expected);
  if (
    !check.ok &&
    expected === null &&
    (check.reason === 'missing-root' || check.reason === 'no-marker')
  ) {
    // First use of this destination: make it a Courier share if it is new or empty.
    try {
      const marker = await initShare(root);
      check = { ok: true, id: marker.id };
    } catch (e) {
      summary.message = (e as Error).message;
    }
  }
  if (!check.ok) {
    const message = summary.message ?? check.message;
    summary.message = message;
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
      summary.waiting++;
      o.onJob?.(j, { status: 'waiting', message });
    }
    return summary;
  }
  summary.reachable = true;
  if (expected !== check.id) o.settings.update({ shares: { ...s.shares, [root]: check.id } });
  // Our own .partial files left by a push that was killed.
  await cleanStalePartials(root).catch(() => []);

  for (const j of jobs) {
    if (o.respectBackoff && j.push.nextAttemptAt && Date.parse(j.push.nextAttemptAt) > Date.now()) {
      summary.waiting++;
      continue;
    }
    const artifact = j.artifact!;
    o.ledger.append({ type: 'stage', id: j.id, at: new Date().toISOString(), stage: 'pushing' });
    try {
      const r = await pushArtifact({
        root,
        expectedShareId: check.id,
        artifactPath: artifact.path,
        artifactSha256: artifact.sha256,
        manifest: manifestFor(j),
        cohort: j.cohort,
        protocolYear: j.protocolYear,
        table: j.table,
        sourceName: j.source.name,
        sourceSha256: j.source.sha256 ?? '',
        // The process that left a partial for this job is known dead.
        staleMs: j.error === INTERRUPTED_PUSH ? 0 : undefined,
      });
      const at = new Date().toISOString();
      o.ledger.append({
        type: 'pushed',
        id: j.id,
        at,
        dest: root,
        local,
        files: { artifact: r.artifact, manifest: r.manifest },
        already: r.status === 'already-pushed',
      });
      o.ledger.append({ type: 'stage', id: j.id, at, stage: 'pushed' });
      o.ledger.auditLog({
        op: 'pushed',
        jobId: j.id,
        file: basename(r.artifact),
        bytes: artifact.bytes,
        sha256: artifact.sha256,
        detail: dirname(r.artifact),
      });
      summary.pushed++;
      new Log(o.home).info(
        `push ${j.id} ${r.status} ${local ? 'outbox' : 'nas'} artifact=${artifact.sha256}`,
      );
      o.onJob?.(j, {
        status: r.status,
        message: local
          ? `saved locally (no NAS configured): ${r.artifact}`
          : `sent to ${r.artifact}`,
      });
    } catch (e) {
      const err = e as PushError;
      const attempt = j.push.attempts + 1;
      const retryable = e instanceof PushError ? err.retryable : true;
      const at = new Date().toISOString();
      o.ledger.append({
        type: 'push-failed',
        id: j.id,
        at,
        attempt,
        code: e instanceof PushError ? err.code : 'io',
        message: err.message,
        nextAttemptAt: retryable ? new Date(Date.now() + backoff(attempt)).toISOString() : null,
      });
      o.ledger.append({ type: 'stage', id: j.id, at, stage: 'push-queued' });
      summary.failed++;
      new Log(o.home).warn(
        `push ${j.id} failed code=${e instanceof PushError ? err.code : 'io'} attempt=${attempt}`,
      );
      o.onJob?.(j, { status: 'failed', message: err.message });
    }
  }
  return summary;
}

/** Removes local artifacts of jobs pushed longer ago than the retention setting. */
async function applyRetention(o: PushOptions): Promise<void> {
  const days = o.settings.get().retentionDays;
  const limit = Date.now() - days * 86_400_000;
  for (const j of o.ledger.jobs()) {
    if (j.stage !== 'pushed' || !j.artifact || !j.pushedAt || Date.parse(j.pushedAt) > limit)
      continue;
    await rm(dirname(j.artifact.path), { recursive: true, force: true });
    o.ledger.append({
      type: 'artifact-removed',
      id: j.id,
      at: new Date().toISOString(),
      reason: `pushed more than ${days} days ago`,
    });
    o.ledger.auditLog({
      op: 'deleted',
      jobId: j.id,
      file: basename(j.artifact.path),
      sha256: j.artifact.sha256,
    });
  }
}
