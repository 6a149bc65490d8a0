import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHUNK_BYTES, partialPath } from '../../../src-main/core/push/atomic';
import { cleanStalePartials, pushArtifact } from '../../../src-main/core/push/commit';
import type { PushOptions } from '../../../src-main/core/push/commit';
import { PushError } from '../../../src-main/core/push/errors';
import { destinationPaths } from '../../../src-main/core/push/layout';
import { commitNoReplace, lockPath } from '../../../src-main/core/push/noReplace';
import { SHARE_MARKER, checkShare, initShare } from '../../../src-main/core/push/share';
import type { Share } from '../../helpers/shares';
import { skipReason, startSftpShare, startSmbShare } from '../../helpers/shares';
import type { Kill } from './helpers';
import {
  buildPushChild,
  countRows,
  fakeSha,
  killAndRecover,
  listFiles,
  makeDuckArtifact,
  pushOptions,
  runPushChild,
  sha256File,
  tempDir,
} from './helpers';

/**
 * Pushes to real network shares: Samba served on 127.0.0.1 and mounted through rclone's SMB
 * backend (FUSE), and OpenSSH's sftp mounted with sshfs. What each test reads back, it reads
 * from the server's own disk, not through the mount.
 */

type Artifact = { path: string; sha256: string; bytes: number; rows: number };

const CASES = [
  {
    kind: 'smb' as const,
    start: startSmbShare,
    label: 'SMB share via FUSE (rclone)',
    commit: 'exclusive-create',
  },
  { kind: 'sftp' as const, start: startSftpShare, label: 'SFTP via sshfs', commit: 'link' },
];

async function pushError(p: Promise<unknown>): Promise<PushError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PushError);
  return err as PushError;
}

for (const c of CASES) {
  const skip = skipReason(c.kind);
  describe.skipIf(skip !== null)(`${c.label}${skip ? ` (skipped: ${skip})` : ''}`, () => {
    let share: Share;
    let dir: string;
    let cleanup: () => void;
    let script: string;
    let id: string;
    let patient: Artifact;
    let lab: Artifact;
    let big: Artifact;

    beforeAll(async () => {
      ({ dir, cleanup } = tempDir());
      share = await c.start();
      id = (await initShare(share.dir)).id;
      script = await buildPushChild(dir);
      patient = await makeDuckArtifact(dir, 'patient.duckdb', 'patient', 5_000);
      lab = await makeDuckArtifact(dir, 'laboratory.duckdb', 'laboratory', 20_000);
      // Three copy chunks: the server can be stopped after the first.
      big = await makeDuckArtifact(dir, 'big.duckdb', 'laboratory', 400_000);
      expect(big.bytes).toBeGreaterThan(2 * CHUNK_BYTES);
    });
    afterAll(() => {
      share?.stop();
      cleanup?.();
    });

    /** Where a path under the mount lives on the server's own disk. */
    const server = (p: string): string => join(share.serverDir, relative(share.dir, p));

    /** A job's push options: its own cohort and source, so each test has its own folder. */
    let jobs = 0;
    const job = (
      artifact: Artifact,
      table: 'patient' | 'laboratory',
      extra: Partial<PushOptions> = {},
    ) => {
      const sourceSha = fakeSha();
      const opts = pushOptions(share.dir, id, artifact, sourceSha, {
        cohort: `Cohort ${++jobs}`,
        table,
        sourceName: `${table}_2025.csv`,
        manifest: {
          manifestVersion: 1,
          table,
          source: { name: `${table}_2025.csv`, sha256: sourceSha },
        },
        ...extra,
      });
      return { opts, paths: destinationPaths(share.dir, opts) };
    };

    /** Courier's hidden files anywhere on the server's disk (partials, locks, probes). */
    const hiddenLeft = (): string[] =>
      listFiles(share.serverDir).filter(
        (f) => f.split('/').pop()!.startsWith('.') && f !== SHARE_MARKER,
      );

    it(`is recognised as ${c.label} and commits by ${c.commit}`, async () => {
      const check = await checkShare(share.dir, id);
      expect(check.ok).toBe(true);
      if (!check.ok) return;
      expect(check.capabilities?.kind.label).toBe(c.label);
      expect(check.capabilities?.commit).toBe(c.commit);
      expect(hiddenLeft()).toEqual([]);
    });

    it('pushes a patient and a laboratory artifact, readable as DuckDB on the NAS', async () => {
      for (const [artifact, table] of [
        [patient, 'patient'],
        [lab, 'laboratory'],
      ] as const) {
        const { opts, paths } = job(artifact, table);
        const r = await pushArtifact(opts);
        expect(r.status).toBe('pushed');
        expect(sha256File(server(paths.artifact))).toBe(artifact.sha256);
        expect(await countRows(server(paths.artifact))).toBe(artifact.rows);
        const m = JSON.parse(readFileSync(server(paths.manifest), 'utf8')) as Record<string, any>;
        expect(m.artifact).toEqual({
          file: `${paths.base}.duckdb`,
          bytes: artifact.bytes,
          sha256: artifact.sha256,
        });
        expect(m.table).toBe(table);
        expect(readdirSync(server(paths.dir)).sort()).toEqual(
          [`${paths.base}.duckdb`, `${paths.base}.json`].sort(),
        );
      }
      expect(hiddenLeft()).toEqual([]);
    });

    it('pushes again without rewriting anything (same inodes, same times, same bytes)', async () => {
      const { opts, paths } = job(patient, 'patient');
      await pushArtifact(opts);
      const facts = (p: string) => {
        const s = statSync(server(p));
        return { ino: s.ino, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, size: s.size };
      };
      const before = [facts(paths.artifact), facts(paths.manifest)];
      const text = readFileSync(server(paths.manifest), 'utf8');
      const again = await pushArtifact(opts);
      expect(again.status).toBe('already-pushed');
      expect([facts(paths.artifact), facts(paths.manifest)]).toEqual(before);
      expect(readFileSync(server(paths.manifest), 'utf8')).toBe(text);
      expect(hiddenLeft()).toEqual([]);
    });

    it('never overwrites a file another computer put under a final name', async () => {
      // An artifact name taken on the NAS itself, before Courier ever looked.
      const a = job(lab, 'laboratory');
      mkdirSync(server(a.paths.dir), { recursive: true });
      writeFileSync(server(a.paths.artifact), "someone else's file");
      const err = await pushError(pushArtifact(a.opts));
      expect(err).toMatchObject({ code: 'conflict', retryable: false });
      expect(err.message).toMatch(/never overwrites/);
      expect(readFileSync(server(a.paths.artifact), 'utf8')).toBe("someone else's file");
      expect(existsSync(server(a.paths.manifest))).toBe(false);

      // A manifest name taken by another source's manifest.
      const b = job(lab, 'laboratory');
      mkdirSync(server(b.paths.dir), { recursive: true });
      const foreign = JSON.stringify({ source: { sha256: fakeSha() }, artifact: { bytes: 1 } });
      writeFileSync(server(b.paths.manifest), foreign);
      const err2 = await pushError(pushArtifact(b.opts));
      expect(err2.code).toBe('conflict');
      expect(readFileSync(server(b.paths.manifest), 'utf8')).toBe(foreign);
      expect(existsSync(server(b.paths.artifact))).toBe(false);
      expect(hiddenLeft()).toEqual([]);
    });

    it('survives SIGKILL at several moments: no partial or wrong file under a final name', async () => {
      const { opts, paths } = job(lab, 'laboratory');
      const pushMs = await runPushChild(script, opts, null);
      expect(pushMs).not.toBeNull();
      // Over the copy and read-back, then around the commit (lock, check, rename, manifest).
      const kills: Kill[] = [
        ...[0, 1, 2].map((i) => ({
          after: 'start' as const,
          ms: Math.round(((pushMs ?? 0) * i) / 3),
        })),
        ...[0, 2, 5, 10, 20, 40].map((ms) => ({ after: 'verified' as const, ms })),
      ];
      const seen = await killAndRecover({
        script,
        opts,
        artifact: lab,
        kills,
        paths,
        truth: server,
        push: pushArtifact,
        clean: (r) => cleanStalePartials(r, { staleMs: 0 }),
      });
      console.info(`${c.label}: push took ${pushMs?.toFixed(0)} ms; after kills:`, seen);
      expect(hiddenLeft()).toEqual([]);
    });

    it('reports a server stopped mid-copy plainly, and completes once it is back', async () => {
      const { opts, paths } = job(big, 'laboratory');
      let stopped = false;
      let err: PushError;
      try {
        err = await pushError(
          pushArtifact({
            ...opts,
            onProgress: (done, _total, phase) => {
              if (phase === 'copy' && done >= CHUNK_BYTES && !stopped) {
                stopped = true;
                share.stopServer();
              }
            },
          }),
        );
      } finally {
        await share.startServer();
      }
      console.info(`${c.label}: with the server stopped mid-copy: [${err.code}] ${err.message}`);
      expect(stopped).toBe(true);
      expect(err.retryable).toBe(true);
      expect(['io', 'unreachable']).toContain(err.code);
      expect(err.message).toMatch(/NAS|destination/);
      expect(err.message).toMatch(/try again/);
      expect(err.message).not.toMatch(/\n\s+at /); // no stack trace
      expect(existsSync(server(paths.artifact))).toBe(false);
      expect(existsSync(server(paths.manifest))).toBe(false);

      // The mount reconnects on its own; the first tries may still meet the old connection.
      const outcomes: string[] = [];
      for (let i = 0; i < 20 && outcomes.at(-1) !== 'pushed'; i++) {
        try {
          outcomes.push((await pushArtifact(opts)).status);
        } catch (e) {
          expect(e).toBeInstanceOf(PushError);
          expect((e as PushError).retryable).toBe(true);
          outcomes.push((e as PushError).code);
          await new Promise((r) => setTimeout(r, 250));
        }
      }
      console.info(`${c.label}: tries after the server came back:`, outcomes);
      expect(outcomes.at(-1)).toBe('pushed');
      expect(sha256File(server(paths.artifact))).toBe(big.sha256);
      expect(await countRows(server(paths.artifact))).toBe(big.rows);
      // The partial the failed push could not remove was taken over, not left behind.
      expect(hiddenLeft()).toEqual([]);
    });

    it('knows an unmounted share from an empty folder, and writes nothing under the mount point', async () => {
      const { opts, paths } = job(patient, 'patient');
      share.unmount();
      try {
        const check = await checkShare(share.dir, id);
        expect(check).toMatchObject({ ok: false, reason: 'no-marker' });
        if (!check.ok) expect(check.message).toMatch(/not mounted/);
        const err = await pushError(pushArtifact(opts));
        expect(err).toMatchObject({ code: 'unreachable', retryable: true });
        expect(readdirSync(share.dir)).toEqual([]);
      } finally {
        await share.remount();
      }
      expect((await pushArtifact(opts)).status).toBe('pushed');
      expect(sha256File(server(paths.artifact))).toBe(patient.sha256);
    });

    it('reports a mount whose FUSE process died as unreachable', async () => {
      const { opts } = job(patient, 'patient');
      share.killMount();
      try {
        const check = await checkShare(share.dir, id);
        expect(check).toMatchObject({ ok: false, reason: 'missing-root' });
        if (!check.ok) expect(check.message).toMatch(/mounted/);
        const err = await pushError(pushArtifact(opts));
        expect(err).toMatchObject({ code: 'unreachable', retryable: true });
      } finally {
        await share.remount();
      }
      expect((await pushArtifact(opts)).status).toBe('pushed');
    });

    it('commits without ever replacing a final name that is there before the check', async () => {
      const { paths } = job(lab, 'laboratory');
      mkdirSync(paths.dir, { recursive: true });
      const partial = partialPath(paths.artifact);
      writeFileSync(partial, 'verified copy');
      writeFileSync(server(paths.artifact), 'already there');
      const r = await commitNoReplace(partial, paths.artifact, {
        way: c.commit as 'link' | 'exclusive-create',
        staleMs: 60_000,
      });
      expect(r).toBe('exists');
      expect(readFileSync(server(paths.artifact), 'utf8')).toBe('already there');
      expect(readdirSync(server(paths.dir))).toEqual([`${paths.base}.duckdb`]);
    });

    if (c.commit === 'exclusive-create') {
      it('answers link() with EIO, which is reported as an I/O error, never worked around', async () => {
        const { paths } = job(lab, 'laboratory');
        mkdirSync(paths.dir, { recursive: true });
        const partial = partialPath(paths.artifact);
        writeFileSync(partial, 'verified copy');
        const err = await pushError(
          commitNoReplace(partial, paths.artifact, { way: 'link', staleMs: 60_000 }),
        );
        expect(err.code).toBe('io');
        expect(err.message).toMatch(/read\/write error \(EIO\)/);
        expect(existsSync(server(paths.artifact))).toBe(false);
      });

      it('waits while another Courier holds the lock of a final name', async () => {
        const { paths } = job(lab, 'laboratory');
        mkdirSync(paths.dir, { recursive: true });
        const partial = partialPath(paths.artifact);
        writeFileSync(partial, 'verified copy');
        writeFileSync(server(lockPath(paths.artifact)), '{"pid":1}');
        const err = await pushError(
          commitNoReplace(partial, paths.artifact, { way: 'exclusive-create', staleMs: 60_000 }),
        );
        expect(err).toMatchObject({ code: 'busy', retryable: true });
        expect(existsSync(server(paths.artifact))).toBe(false);
        // The other's lock stays; our partial is gone (the next try copies again).
        expect(readdirSync(server(paths.dir))).toEqual([`.${paths.base}.duckdb.lock`]);
      });

      it('has one window: a writer that ignores the lock, between the check and the rename', async () => {
        // What the docs say: a file created in exactly that interval by someone who does not
        // take the lock is replaced by the rename (this share's rename replaces). Courier's own
        // files are never in that position, since every Courier takes the lock.
        const { paths } = job(lab, 'laboratory');
        mkdirSync(paths.dir, { recursive: true });
        const partial = partialPath(paths.artifact);
        writeFileSync(partial, 'verified copy');
        let lockSeen = false;
        const r = await commitNoReplace(partial, paths.artifact, {
          way: 'exclusive-create',
          staleMs: 60_000,
          inWindow: async () => {
            lockSeen = existsSync(server(lockPath(paths.artifact)));
            writeFileSync(server(paths.artifact), 'written inside the window');
          },
        });
        expect(lockSeen).toBe(true);
        expect(r).toBe('done');
        expect(readFileSync(server(paths.artifact), 'utf8')).toBe('verified copy');
        expect(readdirSync(server(paths.dir))).toEqual([`${paths.base}.duckdb`]);
      });
    }
  });
}
