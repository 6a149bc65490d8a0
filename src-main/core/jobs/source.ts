/**
 * The source file of a job, and the promise that the artifact is made of the bytes whose
 * SHA-256 the job records.
 *
 * Every pass reads the file separately (the scan hashes it while DuckDB loads it; dirty files
 * get a normalizing pass), so a file rewritten in between could give an artifact of other
 * bytes than the hash names. Two guards make that impossible:
 * - the file's identity (device, inode, size, mtime and ctime in nanoseconds) is taken before
 *   the first read and compared after every later one; any write changes ctime, which no
 *   program can set back, so an unchanged identity means unchanged bytes;
 * - a file on a network share, whose times the client may cache or round, is first copied
 *   into the job's private staging folder, and every pass reads that copy.
 * A change ends the job with the `source-changed` failure: no artifact.
 */
import type { BigIntStats } from 'node:fs';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat, statfs } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { CourierError } from '../errors';

export interface SourceIdentity {
  dev: bigint;
  ino: bigint;
  size: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
}

/** The source as the job reads it. */
export interface JobSource {
  /** The file the coordinator gave. */
  path: string;
  name: string;
  bytes: number;
  identity: SourceIdentity;
  /** What the passes read: the file itself, or its private copy. */
  readPath: string;
  /** On a network share: the passes read a private copy (see `usePrivateCopy`). */
  onShare: boolean;
}

export function identityOf(st: BigIntStats): SourceIdentity {
  return { dev: st.dev, ino: st.ino, size: st.size, mtimeNs: st.mtimeNs, ctimeNs: st.ctimeNs };
}

export function sameIdentity(a: SourceIdentity, b: SourceIdentity): boolean {
  return (
    a.dev === b.dev &&
    a.ino === b.ino &&
    a.size === b.size &&
    a.mtimeNs === b.mtimeNs &&
    a.ctimeNs === b.ctimeNs
  );
}

/** The plain failure of a file that changed while it was read. */
export function sourceChanged(name: string): CourierError {
  return new CourierError(
    'source-changed',
    `${name} changed while Courier was reading it, so nothing was kept. It will be checked again once it stops changing (add it again when it is completely saved; a watched folder takes it again by itself).`,
  );
}

/** Throws `source-changed` unless the file is still exactly the one first seen. */
export async function assertUnchanged(src: JobSource): Promise<void> {
  const st = await stat(src.path, { bigint: true }).catch(() => null);
  if (!st || !sameIdentity(identityOf(st), src.identity)) throw sourceChanged(src.name);
}

/**
 * Linux `statfs` magic numbers of network and user-space file systems: their clients may
 * cache attributes, so an unchanged mtime/ctime there proves less than on a local disk.
 */
const NETWORK_FS: ReadonlySet<number> = new Set([
  0x6969, // NFS
  0x517b, // SMB
  0xff534d42, // CIFS
  0xfe534d42, // SMB2
  0x65735546, // FUSE (rclone, sshfs, …)
  0x01021997, // 9P
  0x5346414f, // AFS
  0x73757245, // Coda
  0x564c, // NCP
]);

/** Whether a file lies on a network share (UNC path, or a network file system). */
export async function onNetworkShare(path: string): Promise<boolean> {
  if (/^\\\\|^\/\//.test(path)) return true;
  const fs = await statfs(path).catch(() => null);
  return fs !== null && NETWORK_FS.has(Number(fs.type));
}

/**
 * Looks at the file before anything reads it: a regular file, its identity, and whether it
 * lies on a network share.
 */
export async function openSource(path: string): Promise<JobSource> {
  const name = basename(path);
  const st = await stat(path, { bigint: true });
  if (!st.isFile())
    throw new CourierError(
      'not-a-file',
      `${name} is not a regular file (a folder, device or pipe). Add the CSV file itself.`,
    );
  return {
    path,
    name,
    bytes: Number(st.size),
    identity: identityOf(st),
    readPath: path,
    onShare: st.size > 0n && (await onNetworkShare(path)),
  };
}

/**
 * Copies a share's file into the job's private staging folder; every pass then reads the
 * copy. The copy holds the bytes of the recorded identity only if nothing wrote to the file
 * meanwhile, which is checked after it.
 */
export async function usePrivateCopy(
  src: JobSource,
  staging: string,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const to = join(staging, 'source.copy');
  let done = 0;
  const input = createReadStream(src.path, { highWaterMark: 4 * 1024 * 1024 });
  input.on('data', (chunk) => {
    done += chunk.length;
    onProgress?.(done, src.bytes);
  });
  await pipeline(input, createWriteStream(to, { mode: 0o600, flags: 'wx' }));
  await assertUnchanged(src);
  src.readPath = to;
}
