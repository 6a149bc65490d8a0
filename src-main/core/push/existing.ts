import { readFile, stat } from 'node:fs/promises';
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
): Promise<'absent' | 'complete' | 'artifact-only'> {
  const text = await readIfExists(paths.manifest);
  const artifactSize = await sizeIfExists(paths.artifact);
  if (text !== null) {
    const m = recorded(text);
    if (m === null || m.sourceSha256 !== sourceSha256.toLowerCase())
      throw conflict(
        `${paths.manifest} is already on the NAS and describes a different source file.`,
      );
    if (artifactSize !== m.bytes)
      throw conflict(
        `${paths.manifest} is on the NAS but its artifact ${basename(paths.artifact)} is ${artifactSize === null ? 'missing' : 'not the size it records'}.`,
      );
    return 'complete';
  }
  if (artifactSize === null) return 'absent';
  if (artifactSize === artifact.bytes) {
    let there: string;
    try {
      there = await rehash(paths.artifact, null);
    } catch (err) {
      throw destinationError(err, `read ${paths.artifact}`);
    }
    if (there === artifact.sha256) return 'artifact-only';
  }
  throw conflict(`${paths.artifact} is already on the NAS with different content.`);
}

export function conflict(what: string): PushError {
  return new PushError(
    'conflict',
    `${what} Courier never overwrites files on the NAS: ask the NAS administrator to check that file, then send this one again.`,
  );
}

/** The source hash and artifact size a manifest records, or null if it is not one. */
function recorded(text: string): { sourceSha256: string; bytes: number } | null {
  try {
    const m = JSON.parse(text) as { source?: { sha256?: unknown }; artifact?: { bytes?: unknown } };
    const sha = m.source?.sha256;
    const bytes = m.artifact?.bytes;
    if (typeof sha === 'string' && typeof bytes === 'number')
      return { sourceSha256: sha.toLowerCase(), bytes };
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

async function sizeIfExists(path: string): Promise<number | null> {
  try {
    const st = await stat(path);
    if (!st.isFile()) throw conflict(`Something other than a file is at ${path} on the NAS.`);
    return st.size;
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return null;
    throw destinationError(err, `inspect ${path}`);
  }
}
