/**
 * A file that is a newer version of an earlier job: the same path in the same submission (a
 * corrected export saved under the same name, a file taken while its writer paused), or the
 * next file of a single-file table such as `patient`. The new job records the link (ledger and
 * manifest); the earlier one stops counting and is not sent (ledger/versions.ts).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Issue } from '../../shared/report';
import type { JobRecord } from '../ledger/ledger';
import { KEPT_STAGES } from '../ledger/ledger';
import { makeIssue } from '../precheck/issue';

export interface VersionContext {
  earlier: readonly JobRecord[];
  path: string;
  cohort: string | null;
  protocolYear: number | null;
  /** Whether a table is sent as one file (a new one replaces the earlier). */
  singleFile: (table: string) => boolean;
}

/** The earlier version a file replaces, and the words that say so. */
export interface Version {
  earlier: JobRecord;
  /** The earlier artifact's file name (on the NAS once sent), for the manifest. */
  artifactName: string | null;
  /** The same path: a newer version of that very file (else: the table's earlier file). */
  samePath: boolean;
  /** The new bytes begin with all of the earlier file's: it was taken incomplete. */
  earlierIncomplete: boolean;
}

const newestFirst = (jobs: readonly JobRecord[]): JobRecord[] => [...jobs].reverse();

/** The job this file replaces, if any: the same path first, then a single-file table's. */
export async function previousVersion(
  ctx: VersionContext,
  info: { sha256: string; bytes: number; table: string | null },
): Promise<Version | null> {
  const mine = (j: JobRecord): boolean =>
    j.cohort === ctx.cohort &&
    j.protocolYear === ctx.protocolYear &&
    KEPT_STAGES.has(j.stage) &&
    j.source.sha256 !== null &&
    j.source.sha256 !== info.sha256;
  const jobs = newestFirst(ctx.earlier);
  let earlier = jobs.find((j) => mine(j) && j.source.path === ctx.path);
  const samePath = earlier !== undefined;
  if (!earlier && info.table && info.table !== 'any' && ctx.singleFile(info.table))
    earlier = jobs.find((j) => mine(j) && j.table === info.table);
  if (!earlier) return null;
  return {
    earlier,
    artifactName: artifactName(earlier),
    samePath,
    earlierIncomplete:
      samePath && info.bytes > earlier.source.bytes
        ? await startsWith(ctx.path, earlier.source.bytes, earlier.source.sha256!)
        : false,
  };
}

/** The artifact file name of a job: on the NAS once sent, else the local one. */
export function artifactName(j: JobRecord): string | null {
  if (j.push.files && !j.push.local) return basename(j.push.files.artifact);
  return j.artifact ? basename(j.artifact.path) : null;
}

/**
 * Whether the first `bytes` bytes of the file hash to `sha256`. Read again after the scan, so
 * the page cache usually has them; the job's last identity check covers this read too.
 */
async function startsWith(path: string, bytes: number, sha256: string): Promise<boolean> {
  if (bytes === 0) return false;
  const h = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path, {
      start: 0,
      end: bytes - 1,
      highWaterMark: 4 * 1024 * 1024,
    }))
      h.update(chunk as Buffer);
  } catch {
    return false;
  }
  return h.digest('hex') === sha256;
}

function when(iso: string): string {
  return new Date(iso).toISOString().slice(0, 16).replace('T', ' ');
}

/** The notice on the newer version's report. */
export function versionIssue(v: Version): Issue {
  const e = v.earlier;
  const what = v.samePath
    ? `This file replaces "${e.source.name}", taken from the same place on ${when(e.createdAt)}`
    : `This ${e.table ?? ''} table replaces "${e.source.name}", ingested on ${when(e.createdAt)}`;
  const incomplete = v.earlierIncomplete
    ? ' The earlier file was incomplete: this one begins with all of its bytes, so it was taken while it was still being written.'
    : '';
  return makeIssue('possible-new-version', 'info', {
    count: 1,
    lines: [],
    examples: [e.source.name],
    message: `${what}: only this version counts for the submission and is sent.${incomplete}`,
    hint: v.earlierIncomplete
      ? 'Nothing to do. If files are often taken half-written, have the export write to a temporary name (such as lab.csv.part) and rename it when done, or raise the stability time.'
      : 'Nothing to do if this is the corrected file. If both files are needed, give them different names.',
  });
}
