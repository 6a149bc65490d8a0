/**
 * Versions of a file: a new file at the same path (a re-export saved under the same name, a
 * writer that paused longer than the stability window) replaces the earlier job of that path
 * in the same submission; so does a job whose result names the one it supersedes (a new
 * patient table). Only the current version of each counts and is sent.
 */
import type { JobRecord } from './record';

/** Stages of a job that is no version at all: it failed, was cancelled, or was a duplicate. */
const NOT_A_VERSION: ReadonlySet<string> = new Set(['failed', 'cancelled', 'skipped']);

/** Whether a job counts as a version of its file (anything but failed, cancelled, skipped). */
export function isVersion(j: JobRecord): boolean {
  return !NOT_A_VERSION.has(j.stage);
}

/** Jobs of one path in one submission are versions of one file. */
export function versionKey(j: JobRecord): string {
  return `${j.cohort ?? ''}\0${j.protocolYear ?? ''}\0${j.source.path}`;
}

/**
 * Every job a newer version replaces, with the id of the newest version that does. A newer
 * job still under way replaces the earlier one already (its push waits for it); one that
 * failed replaces nothing. `jobs` oldest first, as the ledger lists them.
 */
export function supersededBy(jobs: readonly JobRecord[]): Map<string, string> {
  const out = new Map<string, string>();
  const latest = new Map<string, string>();
  for (const j of jobs) {
    if (!isVersion(j)) continue;
    const key = versionKey(j);
    const before = latest.get(key);
    if (before) out.set(before, j.id);
    latest.set(key, j.id);
    if (j.supersedesJob && j.supersedesJob !== j.id) out.set(j.supersedesJob, j.id);
  }
  // A chain (a → b → c): everything points at the newest.
  for (const [id, by] of out) {
    let last = by;
    for (let guard = 0; out.has(last) && guard < 1000; guard++) last = out.get(last)!;
    out.set(id, last);
  }
  return out;
}

/** The jobs no newer version replaces. */
export function currentVersions(jobs: readonly JobRecord[]): JobRecord[] {
  const gone = supersededBy(jobs);
  return jobs.filter((j) => !gone.has(j.id));
}

/**
 * Jobs nobody may send now: those a newer version replaces, and those whose automatic push
 * waits out its grace period (a newer version may still arrive).
 */
export function heldBack(jobs: readonly JobRecord[], now = Date.now()): Set<string> {
  const held = new Set(supersededBy(jobs).keys());
  for (const j of jobs)
    if (j.push.graceUntil && !j.pushedAt && Date.parse(j.push.graceUntil) > now) held.add(j.id);
  return held;
}
