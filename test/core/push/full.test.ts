import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHUNK_BYTES } from '../../../src-main/core/push/atomic';
import { pushArtifact } from '../../../src-main/core/push/commit';
import { PushError } from '../../../src-main/core/push/errors';
import { destinationPaths } from '../../../src-main/core/push/layout';
import { SHARE_MARKER, initShare } from '../../../src-main/core/push/share';
import type { Share } from '../../helpers/shares';
import { mountTmpfs, skipReason, startSftpShare, startSmbShare } from '../../helpers/shares';
import {
  countRows,
  fakeSha,
  listFiles,
  makeDuckArtifact,
  pushOptions,
  sha256File,
  tempDir,
} from './helpers';

/**
 * A NAS that fills up while Courier copies to it: a tmpfs as the destination itself, and an
 * SMB and an SFTP server whose own disk is a small tmpfs (those answer a full disk with a bare
 * EIO, or ESPIPE through rclone). Each time: a plain "the NAS is full", the `.partial` gone,
 * and the same push completes once there is room again.
 */

type Artifact = { path: string; sha256: string; bytes: number; rows: number };
const MB = 1024 * 1024;

let dir: string;
let cleanup: () => void;
let artifact: Artifact;
beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  // Two copy chunks: the disk fills between them.
  artifact = await makeDuckArtifact(dir, 'lab.duckdb', 'laboratory', 200_000);
  expect(artifact.bytes).toBeGreaterThan(CHUNK_BYTES);
});
afterAll(() => cleanup());

async function pushError(p: Promise<unknown>): Promise<PushError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PushError);
  return err as PushError;
}

const CASES: { kind: Share['kind']; label: string; start: (bytes: number) => Promise<Share> }[] = [
  { kind: 'tmpfs', label: 'a tmpfs destination', start: (bytes) => mountTmpfs(bytes) },
  {
    kind: 'smb',
    label: 'an SMB share (rclone) on a small disk',
    start: (bytes) => startSmbShare({ exportBytes: bytes }),
  },
  {
    kind: 'sftp',
    label: 'an SFTP share (sshfs) on a small disk',
    start: (bytes) => startSftpShare({ exportBytes: bytes }),
  },
];

for (const c of CASES) {
  const skip = skipReason(c.kind);
  describe.skipIf(skip !== null)(`${c.label}${skip ? ` (skipped: ${skip})` : ''}`, () => {
    let share: Share;
    let id: string;
    beforeAll(async () => {
      share = await c.start(artifact.bytes + 4 * MB);
      id = (await initShare(share.dir)).id;
    });
    afterAll(() => share?.stop());

    it('that fills up mid-copy says the NAS is full, leaves no partial, and completes later', async () => {
      const sourceSha = fakeSha();
      const opts = pushOptions(share.dir, id, artifact, sourceSha);
      const paths = destinationPaths(share.dir, opts);
      const filler = join(share.serverDir, 'someone-elses-upload.bin');
      let filled = false;
      const err = await pushError(
        pushArtifact({
          ...opts,
          onProgress: (done, _total, phase) => {
            // Another upload takes the room left while Courier is between two chunks.
            if (phase === 'copy' && done >= CHUNK_BYTES && !filled) {
              filled = true;
              try {
                writeFileSync(filler, Buffer.alloc(4 * MB, 1));
              } catch {
                // the disk was full before the filler completed: as full as it gets
              }
            }
          },
        }),
      );
      console.info(`${c.label}: [${err.code}] ${err.message}`);
      expect(filled).toBe(true);
      expect(err).toMatchObject({ code: 'full', retryable: true });
      expect(err.message).toMatch(/the NAS is full/);
      expect(err.message).toMatch(/Free some space on the NAS/);
      const rel = relative(share.serverDir, filler);
      expect(listFiles(share.serverDir)).toEqual([SHARE_MARKER, rel].sort());

      rmSync(filler);
      expect((await pushArtifact(opts)).status).toBe('pushed');
      const onNas = join(share.serverDir, relative(share.dir, paths.artifact));
      expect(sha256File(onNas)).toBe(artifact.sha256);
      expect(await countRows(onNas)).toBe(artifact.rows);
      rmSync(dirname(dirname(paths.dir)), { recursive: true }); // the cohort's folder
    });

    it('without room for the artifact says so and leaves nothing behind', async () => {
      // Where the share's free space can be trusted, Courier refuses before copying; through
      // rclone (which reports half the real free space) it finds out when the write fails.
      const filler = join(share.serverDir, 'big-archive.bin');
      writeFileSync(filler, Buffer.alloc(5 * MB, 1));
      try {
        const opts = pushOptions(share.dir, id, artifact, fakeSha());
        const err = await pushError(pushArtifact(opts));
        expect(err).toMatchObject({ code: 'full', retryable: true });
        // Numbers only where the share reports its free space truly (not through rclone).
        expect(err.message).toMatch(
          c.kind === 'smb'
            ? /the NAS is full\./
            : /the NAS is full \([\d.]+ MB free, [\d.]+ MB needed\)/,
        );
        expect(listFiles(share.serverDir)).toEqual([SHARE_MARKER, 'big-archive.bin'].sort());
      } finally {
        rmSync(filler);
      }
    });
  });
}
