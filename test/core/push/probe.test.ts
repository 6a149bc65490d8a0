import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShareCapabilities } from '../../../src-main/core/push/capabilities';
import {
  cachedCapabilities,
  capabilitySummary,
  commitWay,
  probeCapabilities,
} from '../../../src-main/core/push/capabilities';
import { isUncPath, kindLabel, mountOf } from '../../../src-main/core/push/mounts';
import { SHARE_MARKER, checkShare, initShare } from '../../../src-main/core/push/share';
import type { Share } from '../../helpers/shares';
import { mountTmpfs, skipReason, startSftpShare, startSmbShare } from '../../helpers/shares';
import { tempDir } from './helpers';

/**
 * What each kind of destination answers to the probe, measured on the real thing. The table
 * in docs/deployment-shares.md is this one.
 */

type Answers = Omit<ShareCapabilities, 'kind'>;
const ALL_YES: Answers = {
  hardLinks: true,
  exclusiveCreate: true,
  rename: true,
  renameReplaces: true,
  fileSync: true,
  dirSync: true,
  commit: 'link',
};

const CASES: {
  kind: Share['kind'];
  start: () => Promise<Share>;
  label: RegExp;
  answers: Answers;
}[] = [
  {
    kind: 'tmpfs',
    start: () => mountTmpfs(16 * 1024 * 1024),
    label: /^memory file system \(tmpfs\)$/,
    answers: ALL_YES,
  },
  {
    kind: 'smb',
    start: () => startSmbShare(),
    label: /^SMB share via FUSE \(rclone\)$/,
    answers: { ...ALL_YES, hardLinks: false, commit: 'exclusive-create' },
  },
  { kind: 'sftp', start: () => startSftpShare(), label: /^SFTP via sshfs$/, answers: ALL_YES },
];

/** Files at the root of the server's disk (rclone's SMB backend adds an empty `．` folder). */
function rootFiles(share: Share): string[] {
  return readdirSync(share.serverDir, { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
}

describe('the probe on the local disk', () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => ({ dir, cleanup } = tempDir()));
  afterAll(() => cleanup());

  it('finds hard links on the temp folder, commits by link, and leaves nothing', async () => {
    const root = join(dir, 'nas');
    mkdirSync(root);
    const { id } = await initShare(root);
    const caps = await probeCapabilities(root, id);
    expect(caps).toMatchObject(ALL_YES);
    expect(caps.kind.label).toMatch(/^(local disk|memory file system)/);
    expect(readdirSync(root)).toEqual([SHARE_MARKER]);
    expect(await cachedCapabilities(root, id)).toBe(caps);
    // Another marker id (the share was set up again) is another destination: probe again.
    expect(await cachedCapabilities(root, 'another-id')).toBeNull();
  });

  it.skipIf(skipReason('tmpfs') !== null)(
    'probes again when another file system appears at the same path',
    async () => {
      const tmp = await mountTmpfs(1024 * 1024);
      try {
        const root = tmp.dir;
        // The same marker on two file systems: the tmpfs, then a folder of the disk over it.
        const { id } = await initShare(root);
        const onTmpfs = await probeCapabilities(root, id);
        expect(onTmpfs.kind.fsType).toBe('tmpfs');
        const disk = join(dir, 'disk');
        mkdirSync(disk);
        copyFileSync(join(root, SHARE_MARKER), join(disk, SHARE_MARKER));
        execFileSync('mount', ['--bind', disk, root]);
        try {
          expect(await cachedCapabilities(root, id)).toBeNull();
          const check = await checkShare(root, id);
          expect(check.ok && check.capabilities?.kind.fsType).not.toBe('tmpfs');
        } finally {
          execFileSync('umount', [root]);
        }
      } finally {
        tmp.stop();
      }
    },
  );
});

for (const c of CASES) {
  const skip = skipReason(c.kind);
  describe.skipIf(skip !== null)(
    `the probe on ${c.kind}${skip ? ` (skipped: ${skip})` : ''}`,
    () => {
      let share: Share;
      let id: string;
      beforeAll(async () => {
        share = await c.start();
        id = (await initShare(share.dir)).id;
      });
      afterAll(() => share?.stop());

      it('answers as measured, in plain words, and leaves no probe file', async () => {
        const caps = await probeCapabilities(share.dir, id);
        const { kind, ...answers } = caps;
        console.info(
          `${c.kind}: ${capabilitySummary(caps)}`,
          answers,
          kind.fsType,
          kind.statfsType,
        );
        expect(kind.label).toMatch(c.label);
        expect(answers).toEqual(c.answers);
        expect(rootFiles(share)).toEqual([SHARE_MARKER]);
        const check = await checkShare(share.dir, id);
        expect(check).toMatchObject({ ok: true, capabilities: caps });
        expect(rootFiles(share)).toEqual([SHARE_MARKER]);
      });

      // A tmpfs forgets its files when unmounted: only network shares come back with their marker.
      if (c.kind !== 'tmpfs')
        it('probes again after the share was unmounted and mounted again, not before', async () => {
          const first = await probeCapabilities(share.dir, id);
          expect(await cachedCapabilities(share.dir, id)).toBe(first);
          expect((await checkShare(share.dir, id)).ok).toBe(true);
          expect(await cachedCapabilities(share.dir, id)).toBe(first);
          share.unmount();
          try {
            // Courier's check meets the empty mount point: the answers are forgotten.
            expect(await checkShare(share.dir, id)).toMatchObject({
              ok: false,
              reason: 'no-marker',
            });
            expect(await cachedCapabilities(share.dir, id)).toBeNull();
          } finally {
            await share.remount();
          }
          const check = await checkShare(share.dir, id);
          expect(check.ok).toBe(true);
          if (check.ok) {
            expect(check.capabilities).not.toBe(first);
            expect(check.capabilities).toMatchObject(c.answers);
          }
        });

      if (c.kind !== 'tmpfs')
        it('says what a stopped server looks like', async () => {
          share.stopServer();
          const t0 = performance.now();
          let check: Awaited<ReturnType<typeof checkShare>>;
          try {
            check = await checkShare(share.dir, id);
          } finally {
            await share.startServer();
          }
          const ms = performance.now() - t0;
          console.info(`${c.kind} with its server stopped, after ${ms.toFixed(0)} ms:`, check);
          expect(check.ok).toBe(false);
          if (!check.ok) {
            expect(['missing-root', 'not-writable']).toContain(check.reason);
            expect(check.message).toMatch(/EIO|reachable/);
          }
        });
    },
  );
}

describe('commitWay', () => {
  it('prefers links, then a rename that refuses to replace, then exclusive create', () => {
    const none = { ...ALL_YES, hardLinks: false, exclusiveCreate: false };
    expect(commitWay(ALL_YES)).toBe('link');
    expect(commitWay({ ...none, renameReplaces: false })).toBe('rename-noreplace');
    expect(commitWay({ ...none, exclusiveCreate: true })).toBe('exclusive-create');
    expect(commitWay(none)).toBeNull();
    expect(commitWay({ ...none, exclusiveCreate: true, rename: false })).toBeNull();
  });

  it('says in plain words why a share cannot be used', () => {
    const caps: ShareCapabilities = {
      ...ALL_YES,
      hardLinks: false,
      exclusiveCreate: false,
      commit: null,
      kind: { label: 'FUSE file system (x)', fsType: 'fuse.x', statfsType: null, mount: null },
    };
    expect(capabilitySummary(caps)).toMatch(
      /^FUSE file system \(x\): no hard links, no exclusive create/,
    );
    expect(
      capabilitySummary({
        ...caps,
        exclusiveCreate: true,
        commit: 'exclusive-create',
        dirSync: false,
      }),
    ).toBe(
      'FUSE file system (x): no hard links, so Courier commits by exclusive create; folders cannot be flushed, so that step is skipped.',
    );
  });
});

describe('share kinds in plain words', () => {
  it('names each file system from the mount table', () => {
    expect(kindLabel('fuse.rclone', ':smb{1Da82}:courier')).toBe('SMB share via FUSE (rclone)');
    expect(kindLabel('fuse.rclone', ':smb,host=nas:courier')).toBe('SMB share via FUSE (rclone)');
    expect(kindLabel('fuse.rclone', ':sftp{x}:/data')).toBe('SFTP via FUSE (rclone)');
    expect(kindLabel('fuse.rclone', 'mynas:courier')).toBe('rclone mount via FUSE');
    expect(kindLabel('fuse.sshfs', 'me@nas:/data')).toBe('SFTP via sshfs');
    expect(kindLabel('cifs', '//nas/naaccord')).toBe('SMB share (kernel client)');
    expect(kindLabel('nfs4', 'nas:/export')).toBe('NFS');
    expect(kindLabel('ext4', '/dev/sda1')).toBe('local disk (ext4)');
    expect(kindLabel('tmpfs')).toBe('memory file system (tmpfs)');
    expect(kindLabel('fuse.gocryptfs')).toBe('FUSE file system (gocryptfs)');
    expect(kindLabel(null)).toMatch(/unknown/);
  });

  it('finds the mount a path is on (the deepest, the last mounted)', () => {
    const table = [
      { mountPoint: '/', fsType: 'ext4', source: '/dev/vda' },
      { mountPoint: '/mnt/nas', fsType: 'cifs', source: '//a/b' },
      { mountPoint: '/mnt/nas', fsType: 'fuse.rclone', source: ':smb{x}:b' },
      { mountPoint: '/mnt/nas2', fsType: 'nfs', source: 'x:/y' },
    ];
    expect(mountOf('/mnt/nas/cohort', table)?.fsType).toBe('fuse.rclone');
    expect(mountOf('/mnt/nas', table)?.fsType).toBe('fuse.rclone');
    expect(mountOf('/mnt/nas2x', table)?.fsType).toBe('ext4');
    expect(mountOf('/home', table)?.fsType).toBe('ext4');
  });

  it('tells a UNC path from a drive letter', () => {
    expect(isUncPath('\\\\nas\\naaccord')).toBe(true);
    expect(isUncPath('\\\\?\\UNC\\nas\\naaccord')).toBe(true);
    expect(isUncPath('N:\\naaccord')).toBe(false);
    expect(isUncPath('\\\\?\\N:\\naaccord')).toBe(false);
  });
});
