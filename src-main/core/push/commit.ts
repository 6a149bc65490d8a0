import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { STALE_MS, dropOwn, fsyncDir, noop, partialPath, writeAll } from './atomic';
import type { CommitWay, ShareCapabilities } from './capabilities';
import { capabilitySummary, forgetCapabilities, probeCapabilities } from './capabilities';
import { PushError, destinationError, errnoOf, fullError, localArtifactError } from './errors';
import { inspect } from './existing';
import type { DestinationKey, DestinationPaths } from './layout';
import { cohortFolder } from './cohortFolder';
import { destinationPaths } from './layout';
import { manifestWith } from './manifest';
import { trustsFreeSpace } from './mounts';
import { commitNoReplace } from './noReplace';
import { copy, freeBytes, verifyPartial, writePartial } from './partial';
import { checkShare, readShare, shareError } from './share';
import { windowsPathProblem, windowsRootProblem } from './windows';

export { backoff } from './backoff';
export { cleanStalePartials } from './stale';

export type PushPhase = 'copy' | 'verify';

export interface PushOptions extends DestinationKey {
  /** The NAS root (or the default local destination), already set up with `initShare`. */
  root: string;
  /** The share id pinned in the settings; null accepts any Courier share (then pin the result's). */
  expectedShareId: string | null;
  /** The local artifact and its SHA-256 (Contract 2). */
  artifactPath: string;
  artifactSha256: string;
  /** Contract 3 fields but `artifact` and `pushedAt`, which are added here. */
  manifest: object;
  /** Bytes done of total within each phase: the copy, then the read-back. */
  onProgress?: (done: number, total: number, phase: PushPhase) => void;
  /** Age after which another push's `.partial` counts as abandoned; tests shorten it. */
  staleMs?: number;
  /** Windows only: long paths are enabled, so paths may exceed 260 characters. */
  windowsLongPaths?: boolean;
}

export interface PushResult {
  status: 'pushed' | 'already-pushed';
  artifact: string;
  manifest: string;
  shareId: string;
  /**
   * `already-pushed`: the SHA-256 the NAS's manifest records for its artifact (another data
   * folder may have converted the same file into other bytes), when it records one.
   */
  nasArtifactSha256?: string | null;
}

interface Ctx {
  opts: PushOptions;
  paths: DestinationPaths;
  shareId: string;
  bytes: number;
  sha: string;
  staleMs: number;
  caps: ShareCapabilities;
  way: CommitWay;
}

/**
 * Sends one artifact and its manifest to the NAS with Contract 4's commit protocol.
 *
 * Copies to a hidden `.partial`, fsyncs, reads it back and compares the SHA-256, moves it to
 * its final name, then writes the manifest the same way, last: the manifest is the commit
 * marker. The source SHA-256 is the idempotency key: a manifest already there for the same
 * source means `already-pushed` (nothing rewritten); anything else under the final names is a
 * `conflict`, never overwritten. A crash at any moment leaves final names absent or complete.
 */
export async function pushArtifact(opts: PushOptions): Promise<PushResult> {
  const sha = opts.artifactSha256.toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(sha) || !/^[0-9a-fA-F]{64}$/.test(opts.sourceSha256))
    throw new Error('pushArtifact: artifactSha256 and sourceSha256 must be SHA-256 hex digests');
  if (process.platform === 'win32') {
    const why = windowsRootProblem(opts.root);
    if (why) throw new PushError('unsupported', why);
  }
  const check = await checkShare(opts.root, opts.expectedShareId);
  if (!check.ok) throw shareError(check, opts.expectedShareId);
  const caps = check.capabilities ?? (await probeCapabilities(opts.root, check.id));
  if (caps.commit === null)
    throw new PushError(
      'unsupported',
      `Courier cannot use ${opts.root}. ${capabilitySummary(caps)}`,
    );
  const paths = destinationPaths(opts.root, {
    ...opts,
    cohortSlug: await cohortFolder(opts.root, opts.cohort),
  });
  if (process.platform === 'win32') {
    const why = windowsPathProblem(
      { dir: paths.dir, longestFile: partialPath(paths.artifact) },
      opts.windowsLongPaths,
    );
    if (why) throw new PushError('unsupported', why);
  }
  let bytes: number;
  try {
    bytes = (await stat(opts.artifactPath)).size;
  } catch (err) {
    throw localArtifactError(err, opts.artifactPath);
  }
  await ensureDir(opts.root, paths.dir);
  const ctx: Ctx = {
    opts,
    paths,
    shareId: check.id,
    bytes,
    sha,
    staleMs: opts.staleMs ?? STALE_MS,
    caps,
    way: caps.commit,
  };
  try {
    return await attempt(ctx, 0);
  } catch (err) {
    // The share may have changed under us (remounted, another server): probe it again next time.
    if (!(err instanceof PushError && (err.code === 'busy' || err.code === 'conflict')))
      forgetCapabilities(opts.root);
    throw err;
  }
}

/**
 * One pass of the protocol from whatever is already there. Another Courier committing the
 * same file between our look and our move sends us round again (at most twice).
 */
async function attempt(ctx: Ctx, round: number): Promise<PushResult> {
  const { paths } = ctx;
  const result = (status: PushResult['status']): PushResult => ({
    status,
    artifact: paths.artifact,
    manifest: paths.manifest,
    shareId: ctx.shareId,
  });
  const again = (): Promise<PushResult> => {
    if (round >= 2)
      throw new PushError(
        'busy',
        `Another Courier is sending the same file to ${paths.dir} at the same time. Courier will try again later.`,
      );
    return attempt(ctx, round + 1);
  };
  const found = await inspect(
    ctx.paths,
    ctx.opts.sourceSha256,
    { bytes: ctx.bytes, sha256: ctx.sha },
    { cohort: ctx.opts.cohort, protocolYear: ctx.opts.protocolYear, table: ctx.opts.table },
  );
  if (found.state === 'complete')
    return { ...result('already-pushed'), nasArtifactSha256: found.nasArtifactSha256 };
  if (found.state === 'absent') {
    if ((await placeArtifact(ctx)) === 'exists') return again();
    await syncDir(ctx); // the artifact is durable before the manifest that commits it
  }
  if ((await placeManifest(ctx)) === 'exists') return again();
  await syncDir(ctx);
  return result('pushed');
}

/** fsync of the table folder, skipped where the share refuses it (the probe said so). */
async function syncDir(ctx: Ctx): Promise<void> {
  if (ctx.caps.dirSync) await fsyncDir(ctx.paths.dir);
}

/** Gives a verified partial its final name the way the share allows (see noReplace.ts). */
function commit(ctx: Ctx, partial: string, final: string): Promise<'done' | 'exists'> {
  return commitNoReplace(partial, final, { way: ctx.way, staleMs: ctx.staleMs });
}

/** Copies, verifies and commits the artifact under its final name. */
async function placeArtifact(ctx: Ctx): Promise<'done' | 'exists'> {
  const { opts, paths, bytes, sha } = ctx;
  const partial = partialPath(paths.artifact);
  // Room for the artifact and its manifest, where the share tells: refuse before filling it.
  const free = trustsFreeSpace(ctx.caps.kind) ? await freeBytes(paths.dir) : null;
  const needed = bytes + 64 * 1024;
  if (free !== null && free < needed)
    throw fullError(`copy ${basename(paths.artifact)} to ${paths.dir}`, 'ENOSPC', { free, needed });
  let src: FileHandle;
  try {
    src = await open(opts.artifactPath, 'r');
  } catch (err) {
    throw localArtifactError(err, opts.artifactPath);
  }
  let readSha = '';
  let ino: number;
  try {
    ino = await writePartial(
      partial,
      ctx.staleMs,
      async (dst) => {
        readSha = await copy(src, dst, opts.artifactPath, (done) =>
          opts.onProgress?.(done, bytes, 'copy'),
        );
      },
      { sync: ctx.caps.fileSync, needed: bytes, exactFree: trustsFreeSpace(ctx.caps.kind) },
    );
  } finally {
    await src.close().catch(noop);
  }
  if (readSha !== sha) {
    await dropOwn(partial);
    throw new PushError(
      'verify-failed',
      `The artifact ${opts.artifactPath} on this computer no longer matches its recorded checksum (it changed or is damaged), so it was not sent. Ingest the source file again.`,
    );
  }
  await verifyPartial(
    partial,
    ino,
    sha,
    (done) => opts.onProgress?.(done, bytes, 'verify'),
    `The copy on the NAS did not read back identical to the artifact (the NAS or the network damaged it); the copy was removed. Send it again; if this repeats, tell the NAS administrator.`,
  );
  await sameShare(ctx, partial);
  return commit(ctx, partial, paths.artifact);
}

/** Writes the manifest, the commit marker, under its final name. */
async function placeManifest(ctx: Ctx): Promise<'done' | 'exists'> {
  const { opts, paths } = ctx;
  const body = manifestWith(opts.manifest, opts.sourceSha256, {
    file: basename(paths.artifact),
    bytes: ctx.bytes,
    sha256: ctx.sha,
  });
  const data = Buffer.from(JSON.stringify(body, null, 2) + '\n', 'utf8');
  const partial = partialPath(paths.manifest);
  const ino = await writePartial(partial, ctx.staleMs, (fh) => writeAll(fh, data), {
    sync: ctx.caps.fileSync,
    needed: data.length,
    exactFree: trustsFreeSpace(ctx.caps.kind),
  });
  await verifyPartial(
    partial,
    ino,
    createHash('sha256').update(data).digest('hex'),
    noop,
    `The manifest written to the NAS did not read back identical (the NAS or the network damaged it); it was removed. Send it again; if this repeats, tell the NAS administrator.`,
  );
  await sameShare(ctx, partial);
  return commit(ctx, partial, paths.manifest);
}

/**
 * Checks the share marker again just before a final name appears: if the NAS was unmounted
 * during the copy, the folders below an empty mount point are on the local disk.
 */
async function sameShare(ctx: Ctx, partial: string): Promise<void> {
  const marker = await readShare(ctx.opts.root).catch(() => null);
  if (marker?.id === ctx.shareId) return;
  await dropOwn(partial);
  throw new PushError(
    'unreachable',
    `The destination ${ctx.opts.root} went away while Courier was writing to it (its marker file is gone). Check that the NAS is connected and mounted; Courier will try again.`,
  );
}

/**
 * Creates the folders below the root one level at a time, never the root itself: a root that
 * vanished must fail (unreachable), not be recreated on the local disk under a mount point.
 */
export async function ensureDir(root: string, dir: string): Promise<void> {
  let path = root;
  for (const part of relative(root, dir).split(sep)) {
    path = join(path, part);
    try {
      await mkdir(path);
      continue;
    } catch (err) {
      if (errnoOf(err) !== 'EEXIST') throw destinationError(err, `create the folder ${path}`);
    }
    let isDir: boolean;
    try {
      isDir = (await stat(path)).isDirectory();
    } catch (err) {
      throw destinationError(err, `inspect ${path}`);
    }
    if (!isDir)
      throw new PushError(
        'conflict',
        `Courier needs the folder ${path} on the NAS, but a file with that name is in the way. Courier never overwrites files there: ask the NAS administrator to move it.`,
      );
  }
}
