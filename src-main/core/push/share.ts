import { randomBytes, randomUUID } from 'node:crypto';
import { open, readFile, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ShareCapabilities } from './capabilities';
import {
  cachedCapabilities,
  capabilitySummary,
  forgetCapabilities,
  probeCapabilities,
} from './capabilities';
import { PushError, destinationError, errnoOf } from './errors';

/** The one file Courier keeps at the NAS root, to recognise the share (Contract 4). */
export const SHARE_MARKER = '.courier-share.json';

export interface ShareMarker {
  courierShare: 1;
  id: string;
  createdAt: string;
}

export type ShareProblem =
  | 'missing-root'
  | 'no-marker'
  | 'other-share'
  | 'not-writable'
  /** Writable, but no way to add a file there without risking to replace one. */
  | 'unsupported';

export type ShareCheck =
  | {
      ok: true;
      id: string;
      /** What the share supports (probed once per mount, see capabilities.ts). */
      capabilities?: ShareCapabilities;
    }
  | { ok: false; reason: ShareProblem; message: string };

/**
 * Clutter that does not make a folder "someone else's": operating systems' own files, and the
 * empty `．` (full-width dot) folder rclone's SMB backend makes at a share's root.
 */
const CLUTTER = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini', '\uff0e']);

/**
 * The share marker at `root`, or null when there is none (or it is not Courier's).
 *
 * Throws a PushError when the marker cannot be read for another reason (permissions, I/O).
 */
export async function readShare(root: string): Promise<ShareMarker | null> {
  const path = join(root, SHARE_MARKER);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const errno = errnoOf(err);
    if (errno === 'ENOENT' || errno === 'ENOTDIR') return null;
    // A folder where the marker should be: waiting will not change it.
    if (errno === 'EISDIR')
      throw new PushError(
        'not-a-share',
        `${path} is a folder, not Courier's share marker. Ask the NAS administrator to remove or rename it; Courier will not write to ${root} until then.`,
        { retryable: false },
      );
    throw destinationError(err, `read ${path}`);
  }
  try {
    const m = JSON.parse(text) as Partial<ShareMarker> | null;
    if (m?.courierShare === 1 && typeof m.id === 'string' && m.id !== '')
      return { courierShare: 1, id: m.id, createdAt: String(m.createdAt ?? '') };
  } catch {
    // Not JSON: treated as no marker, so nothing is ever written on its strength.
  }
  return null;
}

/**
 * Makes an existing folder `root` a Courier share: writes the marker if the folder is empty,
 * and returns it (or the marker already there).
 *
 * Never creates the folder: a missing destination is most often a NAS that is not mounted or
 * a mistyped path, and creating it would put the files on this computer's own disk. Refuses
 * a folder with other content: it may be a mount point whose NAS is down (then the files
 * would land on the local disk) or someone else's folder.
 */
export async function initShare(root: string): Promise<ShareMarker> {
  let entries: string[];
  try {
    entries = await readdir(root);
  } catch (err) {
    if (errnoOf(err) === 'ENOTDIR')
      throw new PushError('not-a-share', `${root} is a file, not a folder. Choose a folder.`);
    if (errnoOf(err) === 'ENOENT') throw new PushError('unreachable', notFoundMessage(root));
    throw destinationError(err, `open the folder ${root}`);
  }
  if (entries.includes(SHARE_MARKER)) {
    const existing = await readShare(root);
    if (existing) return existing;
    throw new PushError(
      'not-a-share',
      `${join(root, SHARE_MARKER)} is damaged. If this folder is meant for Courier and holds nothing else, delete that file and choose the folder again.`,
    );
  }
  if (entries.some((e) => !CLUTTER.has(e)))
    throw new PushError(
      'not-a-share',
      `Courier will not set up ${root} as its destination: the folder already holds other files. Choose an empty folder (or a new one) on the NAS.`,
    );
  const marker: ShareMarker = {
    courierShare: 1,
    id: randomUUID(),
    createdAt: new Date().toISOString(),
  };
  const path = join(root, SHARE_MARKER);
  try {
    // 'wx': two processes setting up the same folder at once end up with one marker.
    const fh = await open(path, 'wx');
    try {
      await fh.writeFile(JSON.stringify(marker, null, 2) + '\n');
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch (err) {
    if (errnoOf(err) === 'EEXIST') {
      const other = await readShare(root);
      if (other) return other;
    }
    throw destinationError(err, `write ${path}`);
  }
  return marker;
}

/** A destination that is not there: never created, most likely a NAS that is not mounted. */
export function notFoundMessage(root: string): string {
  return `${root} was not found: is the NAS mounted? Courier never creates this folder. Connect and mount the NAS (or correct the path); files wait and Courier tries again.`;
}

/**
 * Whether `root` is the expected Courier share and can be written to now.
 *
 * With `expectedId` null any Courier share is accepted (its id is returned, to be pinned).
 * A root that exists without the marker while an id is expected is taken for an unmounted
 * NAS (an empty mount point looks just like that): nothing is ever written there.
 */
export async function checkShare(root: string, expectedId: string | null): Promise<ShareCheck> {
  const fail = (reason: ShareProblem, message: string): ShareCheck => {
    // Unmounted, gone or replaced: whatever comes back is probed afresh.
    forgetCapabilities(root);
    return { ok: false, reason, message };
  };
  try {
    const st = await stat(root);
    if (!st.isDirectory())
      return fail('missing-root', `The destination ${root} is a file, not a folder.`);
  } catch (err) {
    const e = destinationError(err, `open the destination folder ${root}`);
    if (errnoOf(err) === 'ENOENT') return fail('missing-root', notFoundMessage(root));
    if (e.code === 'unreachable')
      return fail(
        'missing-root',
        `The destination folder ${root} cannot be reached. If it is on the NAS, check that the NAS is connected and mounted; Courier will try again.`,
      );
    return fail('not-writable', e.message);
  }
  let marker: ShareMarker | null;
  try {
    marker = await readShare(root);
  } catch (err) {
    if (err instanceof PushError) return fail('not-writable', err.message);
    const e = destinationError(err, `read Courier's marker in ${root}`);
    return fail(e.code === 'unreachable' ? 'missing-root' : 'not-writable', e.message);
  }
  if (marker === null)
    return fail(
      'no-marker',
      expectedId === null
        ? `${root} is not set up as a Courier destination. Choose it in Settings to set it up.`
        : `The destination folder ${root} is there but Courier's marker file is not: the NAS is probably not mounted. Connect the NAS; nothing was written.`,
    );
  if (expectedId !== null && marker.id !== expectedId)
    return fail(
      'other-share',
      `${root} is a different Courier destination from the one configured (another share, or it was set up again). Nothing was written. Check the destination in Settings.`,
    );
  let capabilities: ShareCapabilities | null;
  try {
    capabilities = await cachedCapabilities(root, marker.id);
    // Known answers: only check it can be written to now. Unknown: the full probe does that.
    if (capabilities === null) capabilities = await probeCapabilities(root, marker.id);
    else await writeProbe(root);
  } catch (err) {
    const e = destinationError(err, `write in ${root}`);
    return fail(e.code === 'unreachable' ? 'missing-root' : 'not-writable', e.message);
  }
  if (capabilities.commit === null)
    return fail('unsupported', `Courier cannot use ${root}. ${capabilitySummary(capabilities)}`);
  return { ok: true, id: marker.id, capabilities };
}

/**
 * Creates and removes a hidden probe file: the share can be written to right now. It holds a
 * byte: rclone's mounts upload a file never written to only after close() has returned, so an
 * empty probe removed at once reappears on the NAS a moment later.
 */
async function writeProbe(root: string): Promise<void> {
  const probe = join(root, `.courier-probe-${randomBytes(6).toString('hex')}`);
  const fh = await open(probe, 'wx');
  try {
    await fh.writeFile('\n');
  } finally {
    await fh.close();
  }
  await rm(probe, { force: true });
}

/** The PushError for a failed check; a missing marker is retryable only if an id is pinned. */
export function shareError(
  check: Extract<ShareCheck, { ok: false }>,
  expectedId: string | null,
): PushError {
  switch (check.reason) {
    case 'missing-root':
      return new PushError('unreachable', check.message);
    case 'no-marker':
      return new PushError(expectedId === null ? 'not-a-share' : 'unreachable', check.message);
    case 'other-share':
      return new PushError('not-a-share', check.message);
    case 'not-writable':
      return new PushError('io', check.message);
    case 'unsupported':
      return new PushError('unsupported', check.message);
  }
}
