import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARTIAL_NAME } from '../../../src-main/core/push/atomic';
import { cleanStalePartials, pushArtifact } from '../../../src-main/core/push/commit';
import { destinationPaths } from '../../../src-main/core/push/layout';
import { initShare } from '../../../src-main/core/push/share';
import { fakeSha, makeArtifact, pushOptions, sha256File, tempDir } from './helpers';

/**
 * SIGKILL a real push at many moments: whatever the moment, a final name never holds a
 * partial or wrong file, and the next push completes. The child is the real module, bundled
 * by esbuild (node cannot run the TypeScript directly).
 */

const CHILD = `
import { pushArtifact } from './commit';
const [root, shareId, artifactPath, artifactSha256, sourceSha256] = process.argv.slice(2);
const t0 = performance.now();
process.stdout.write('start\\n');
await pushArtifact({
  root, expectedShareId: shareId, artifactPath, artifactSha256, sourceSha256,
  manifest: { manifestVersion: 1, source: { name: 'lab_2025.csv', sha256: sourceSha256 } },
  cohort: 'UW - Seattle', protocolYear: 2025, table: 'laboratory', sourceName: 'lab_2025.csv',
  onProgress: (done, total, phase) => {
    if (phase === 'verify' && done === total) process.stdout.write('verified\\n');
  },
});
process.stdout.write('done ' + (performance.now() - t0) + '\\n');
`;

let dir: string;
let cleanup: () => void;
let script: string;
let artifact: { path: string; sha256: string; bytes: number };
const sourceSha = fakeSha();

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  script = join(dir, 'push-child.mjs');
  await build({
    stdin: {
      contents: CHILD,
      resolveDir: resolve(import.meta.dirname, '../../../src-main/core/push'),
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: script,
    logLevel: 'silent',
  });
  artifact = makeArtifact(dir, 'artifact.duckdb', 20 * 1024 * 1024);
});
afterAll(() => cleanup());

/** When to kill: `ms` after the child says `start` (before pushing) or `verified` (about to commit). */
type Kill = { after: 'start' | 'verified'; ms: number } | null;

/** Runs the child and kills it as told; resolves with the push time it reported, or null if killed. */
function runChild(root: string, shareId: string, kill: Kill) {
  return new Promise<number | null>((done, fail) => {
    const child = spawn(
      process.execPath,
      [script, root, shareId, artifact.path, artifact.sha256, sourceSha],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (kill !== null && timer === undefined && out.includes(`${kill.after}\n`))
        timer = setTimeout(() => child.kill('SIGKILL'), kill.ms);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const m = /done ([\d.]+)/.exec(out);
      if (m?.[1]) return done(Number(m[1]));
      if (signal === 'SIGKILL') return done(null);
      fail(new Error(`push child exited with ${code}: ${err}`));
    });
  });
}

describe('a push killed at any moment', () => {
  it('never leaves a partial or wrong file under a final name, and the next push completes', async () => {
    const root = join(dir, 'nas');
    const { id } = await initShare(root);
    const opts = pushOptions(root, id, artifact, sourceSha, {
      cohort: 'UW - Seattle',
      manifest: { manifestVersion: 1, source: { name: 'lab_2025.csv', sha256: sourceSha } },
    });
    const paths = destinationPaths(root, opts);

    // Calibrate: how long the push itself takes here (without the process start).
    const pushMs = await runChild(root, id, null);
    expect(pushMs).not.toBeNull();
    expect(sha256File(paths.artifact)).toBe(artifact.sha256);

    // Ten moments spread over the whole push, five around the commit (the two moves).
    const kills: Kill[] = [
      ...Array.from({ length: 10 }, (_, i) => ({
        after: 'start' as const,
        ms: Math.round(((pushMs ?? 0) * i) / 10),
      })),
      ...[0, 0, 1, 2, 4].map((ms) => ({ after: 'verified' as const, ms })),
    ];
    const seen: Record<string, number> = {};
    for (const kill of kills) {
      rmSync(paths.dir, { recursive: true, force: true });
      const finished = (await runChild(root, id, kill)) !== null;

      // Final names: absent, or complete and right.
      const hasArtifact = existsSync(paths.artifact);
      const hasManifest = existsSync(paths.manifest);
      if (hasArtifact) expect(sha256File(paths.artifact)).toBe(artifact.sha256);
      if (hasManifest) {
        expect(hasArtifact).toBe(true);
        const m = JSON.parse(readFileSync(paths.manifest, 'utf8')) as {
          artifact: { sha256: string; bytes: number };
          source: { sha256: string };
        };
        expect(m.artifact).toMatchObject({ sha256: artifact.sha256, bytes: artifact.bytes });
        expect(m.source.sha256).toBe(sourceSha);
      }
      const names = existsSync(paths.dir) ? readdirSync(paths.dir) : [];
      const partials = names.filter((n) => PARTIAL_NAME.test(n));
      // Nothing but the final names and Courier's own hidden partials, ever.
      expect(names.filter((n) => !partials.includes(n) && !n.startsWith(paths.base))).toEqual([]);
      expect(names.length - partials.length).toBe(Number(hasArtifact) + Number(hasManifest));
      const state = finished
        ? 'finished'
        : `${hasArtifact ? 'artifact' : 'no artifact'}, ${hasManifest ? 'manifest' : 'no manifest'}, ${partials.length} partial(s)`;
      seen[state] = (seen[state] ?? 0) + 1;

      // Recovery: the crashed push's partials are stale once cleaned with a zero age.
      await cleanStalePartials(root, { staleMs: 0 });
      const r = await pushArtifact(opts);
      expect(r.status).toBe(hasManifest ? 'already-pushed' : 'pushed');
      expect(sha256File(paths.artifact)).toBe(artifact.sha256);
      const m = JSON.parse(readFileSync(paths.manifest, 'utf8')) as {
        artifact: { sha256: string };
      };
      expect(m.artifact.sha256).toBe(artifact.sha256);
      expect(readdirSync(paths.dir).sort()).toEqual(
        [`${paths.base}.duckdb`, `${paths.base}.json`].sort(),
      );
    }
    console.info(`push of 20 MiB took ${pushMs?.toFixed(0)} ms; states after kills:`, seen);
  });
});
