import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courier } from '../../helpers/cli';
import type { DestinationReport } from '../../../src-main/core/push/check';
import type { Share } from '../../helpers/shares';
import { skipReason, startSftpShare, startSmbShare } from '../../helpers/shares';
import { tempDir } from './helpers';

/** `courier push --dest DIR --check`: the real command (built by `npm run build:node`). */

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

describe('courier push --check', () => {
  it('describes a local folder set up as the share, and exits 0', () => {
    const home = join(dir, 'home-local');
    const nas = join(dir, 'nas');
    mkdirSync(nas);
    expect(courier(home, 'push', '--dest', nas).code).toBe(0); // sets it up, pins it
    const r = courier(home, 'push', '--dest', nas, '--check');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^.*nas: (local disk|memory file system) .*Courier's share/m);
    expect(r.stdout).toMatch(/hard links work, so Courier commits by hard link\.$/m);
    const json = courier(home, 'push', '--dest', nas, '--check', '--json');
    const report = JSON.parse(json.stdout) as DestinationReport;
    expect(report).toMatchObject({ usable: true, problem: null, capabilities: { commit: 'link' } });
    expect(readdirSync(nas)).toEqual(['.courier-share.json']);
  });

  it('says a missing folder is not found (is the NAS mounted?), never creates it, and exits 3', () => {
    const r = courier(join(dir, 'home-missing'), 'push', '--dest', join(dir, 'nope'), '--check');
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/not found: is the NAS mounted\?/);
    expect(existsSync(join(dir, 'nope'))).toBe(false);
    expect(r.stdout).toMatch(/Courier cannot push there now\./);
  });

  it('says a folder that is not a Courier share is not set up, and exits 3 without writing', () => {
    const foreign = join(dir, 'foreign');
    mkdirSync(foreign);
    const r = courier(join(dir, 'home-foreign'), 'push', '--dest', foreign, '--check');
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/not set up as a Courier destination/);
    expect(readdirSync(foreign)).toEqual([]);
  });
});

const CASES = [
  {
    kind: 'smb' as const,
    start: startSmbShare,
    line: 'SMB share via FUSE (rclone): no hard links, so Courier commits by exclusive create.',
  },
  {
    kind: 'sftp' as const,
    start: startSftpShare,
    line: 'SFTP via sshfs: hard links work, so Courier commits by hard link.',
  },
];

for (const c of CASES) {
  const skip = skipReason(c.kind);
  describe.skipIf(skip !== null)(
    `courier push --check on ${c.kind}${skip ? ` (skipped: ${skip})` : ''}`,
    () => {
      let share: Share;
      beforeAll(async () => {
        share = await c.start();
      });
      afterAll(() => share?.stop());

      it('takes an ingested file all the way: courier ingest, then courier push --dest the share', () => {
        // The issue's own steps: on the SMB mount this used to stop with "could not rename
        // .patient-….duckdb.partial …: the NAS reported a read/write error (EIO)".
        const home = join(dir, `home-e2e-${c.kind}`);
        const csv = join(dir, `patient_${c.kind}.csv`);
        writeFileSync(csv, 'id,score\n1,a\n2,b\n');
        const common = ['--home', home, '--cohort', 'UW - Seattle', '--year', '2025'];
        expect(courier(home, 'ingest', '--table', 'any', ...common, csv).code).toBe(0);
        const r = courier(home, 'push', '--home', home, '--dest', share.dir);
        expect(r.stderr).not.toMatch(/EIO|could not/);
        expect(r.code).toBe(0);
        expect(r.stderr).toMatch(/sent to .*patient_[a-z]+-[0-9a-f]{12}\.duckdb/);
        const sent = readdirSync(join(share.serverDir, 'uw-seattle', '2025', 'any')).sort();
        expect(sent).toHaveLength(2);
        expect(sent.every((n) => /^patient_[a-z]+-[0-9a-f]{12}\.(duckdb|json)$/.test(n))).toBe(
          true,
        );
      });

      it('says what the share is and how Courier commits there; exits 3 once it is unmounted', async () => {
        const home = join(dir, `home-${c.kind}`);
        expect(courier(home, 'push', '--dest', share.dir).code).toBe(0);
        const r = courier(home, 'push', '--dest', share.dir, '--check');
        expect(r.code).toBe(0);
        expect(r.stdout.trim().split('\n').at(-1)).toBe(c.line);
        share.unmount();
        try {
          const gone = courier(home, 'push', '--dest', share.dir, '--check');
          expect(gone.code).toBe(3);
          expect(gone.stdout).toMatch(/the NAS is probably not mounted/);
        } finally {
          await share.remount();
        }
      });
    },
  );
}
