import { lstat, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { rehash } from './atomic';
import { PushError, destinationError, errnoOf } from './errors';
import type { DestinationPaths } from './layout';

/**
 * What is under the final names: nothing; a complete push of this source; or the artifact
 * alone, byte-identical to ours (a push interrupted between its two moves: finish it).
 * Anything else is a conflict.
 */
export async function inspect(
  paths: DestinationPaths,
  sourceSha256: string,
  artifact: { bytes: number; sha256: string },
  submission: Submission,
): Promise<
  { state: 'absent' | 'artifact-only' } | { state: 'complete'; nasArtifactSha256: string | null }
> {
  const manifestSize = await sizeIfExists(paths.manifest);
  const text = manifestSize === null ? null : await readIfExists(paths.manifest);
  const artifactSize = await sizeIfExists(paths.artifact);
  if (text !== null) {
    const m = recorded(text);
    if (m === null || m.sourceSha256 !== sourceSha256.toLowerCase())
      throw conflict(
        `${paths.manifest} is already on the NAS and describes a different source file.`,
      );
    // The idempotency key is the submission and the bytes: the same file sent for another
    // cohort, year or table is not "already sent".
    // (A field the manifest does not carry at all cannot tell; every Courier manifest does.)
    const differs = (k: keyof Submission): boolean => m[k] !== undefined && m[k] !== submission[k];
    if (differs('cohort') || differs('protocolYear') || differs('table'))
      throw conflict(
        `${paths.manifest} is already on the NAS for ${describe(m)}, not for ${describe(submission)}.`,
      );
    if (artifactSize !== m.bytes)
      throw conflict(
        `${paths.manifest} is on the NAS but its artifact ${basename(paths.artifact)} is ${artifactSize === null ? 'missing' : 'not the size it records'}.`,
      );
    return { state: 'complete', nasArtifactSha256: m.artifactSha256 };
  }
  if (artifactSize === null) return { state: 'absent' };
  if (artifactSize === artifact.bytes) {
    let there: string;
    try {
      there = await rehash(paths.artifact, null);
    } catch (err) {
      throw destinationError(err, `read ${paths.artifact}`);
    }
    if (there === artifact.sha256) return { state: 'artifact-only' };
  }
  throw conflict(`${paths.artifact} is already on the NAS with different content.`);
}

export function conflict(what: string): PushError {
  return new PushError(
    'conflict',
    `${what} Courier never overwrites files on the NAS: ask the NAS administrator to check that file, then send this one again.`,
  );
}

/** The submission a push is for: part of the idempotency key with the source hash. */
export interface Submission {
  cohort: string | null;
  protocolYear: number | null;
  table: string | null;
}

function describe(s: Partial<Submission>): string {
  return `${s.cohort ?? 'no cohort'} · ${s.protocolYear ?? 'no year'} · ${s.table ?? 'no table'}`;
}

/** A manifest's field: undefined when absent, null when null or of another type. */
function field<T extends 'string' | 'number'>(
  m: Record<string, unknown> | null,
  key: string,
  type: T,
): (T extends 'string' ? string : number) | null | undefined {
  if (m === null || !(key in m)) return undefined;
  const v = m[key];
  return typeof v === type ? (v as T extends 'string' ? string : number) : null;
}

/** What a manifest records of its push, or null if it is not one. */
function recorded(
  text: string,
):
  | (Partial<Submission> & { sourceSha256: string; bytes: number; artifactSha256: string | null })
  | null {
  try {
    const m = JSON.parse(text) as
      | ({
          source?: { sha256?: unknown };
          artifact?: { bytes?: unknown; sha256?: unknown };
        } & Record<string, unknown>)
      | null;
    const sha = m?.source?.sha256;
    const bytes = m?.artifact?.bytes;
    if (typeof sha === 'string' && typeof bytes === 'number')
      return {
        sourceSha256: sha.toLowerCase(),
        bytes,
        artifactSha256: typeof m?.artifact?.sha256 === 'string' ? m.artifact.sha256 : null,
        cohort: field(m, 'cohort', 'string'),
        protocolYear: field(m, 'protocolYear', 'number'),
        table: field(m, 'table', 'string'),
      };
  } catch {
    // Not JSON: not a manifest, so a conflict.
  }
  return null;
}

async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const errno = errnoOf(err);
    if (errno === 'ENOENT') return null;
    if (errno === 'EISDIR') throw conflict(`A folder named ${path} is in the way on the NAS.`);
    throw destinationError(err, `read ${path}`);
  }
}

/**
 * The size of the file at a final name, or null when the name is free. A link (even one
 * pointing nowhere) or a folder there is a conflict naming the path: a name that is taken can
 * never be given to our file, so waiting and retrying would not help.
 */
async function sizeIfExists(path: string): Promise<number | null> {
  let st: Awaited<ReturnType<typeof lstat>>;
  try {
    st = await lstat(path);
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return null;
    throw destinationError(err, `inspect ${path}`);
  }
  if (st.isSymbolicLink()) throw conflict(`A link is in the way at ${path} on the NAS.`);
  if (st.isDirectory()) throw conflict(`A folder named ${path} is in the way on the NAS.`);
  if (!st.isFile()) throw conflict(`Something other than a file is at ${path} on the NAS.`);
  return st.size;
}
