import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanStalePartials, pushArtifact } from '../../../src-main/core/push/commit';
import { destinationPaths } from '../../../src-main/core/push/layout';
import { initShare } from '../../../src-main/core/push/share';
import type { Kill } from './helpers';
import {
  buildPushChild,
  fakeSha,
  killAndRecover,
  makeArtifact,
  pushOptions,
  runPushChild,
  sha256File,
  tempDir,
} from './helpers';

/**
 * SIGKILL a real push at many moments: whatever the moment, a final name never holds a
 * partial or wrong file, and the next push completes. (The same on real network shares:
 * shares.test.ts.)
 */

let dir: string;
let cleanup: () => void;
let script: string;
let artifact: { path: string; sha256: string; bytes: number };
const sourceSha = fakeSha();

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  script = await buildPushChild(dir);
  artifact = makeArtifact(dir, 'artifact.duckdb', 20 * 1024 * 1024);
});
afterAll(() => cleanup());

describe('a push killed at any moment', () => {
  it('never leaves a partial or wrong file under a final name, and the next push completes', async () => {
    const root = join(dir, 'nas');
    mkdirSync(root);
    const { id } = await initShare(root);
    const opts = pushOptions(root, id, artifact, sourceSha, {
      cohort: 'UW - Seattle',
      manifest: { manifestVersion: 1, source: { name: 'lab_2025.csv', sha256: sourceSha } },
    });
    const paths = destinationPaths(root, opts);

    // Calibrate: how long the push itself takes here (without the process start).
    const pushMs = await runPushChild(script, opts, null);
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
    const seen = await killAndRecover({
      script,
      opts,
      artifact,
      kills,
      paths,
      push: pushArtifact,
      clean: (r) => cleanStalePartials(r, { staleMs: 0 }),
    });
    console.info(`push of 20 MiB took ${pushMs?.toFixed(0)} ms; states after kills:`, seen);
  });
});
