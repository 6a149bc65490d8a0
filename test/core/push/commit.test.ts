import {
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanStalePartials, pushArtifact } from '../../../src-main/core/push/commit';
import { PushError } from '../../../src-main/core/push/errors';
import { destinationPaths } from '../../../src-main/core/push/layout';
import { SHARE_MARKER, initShare } from '../../../src-main/core/push/share';
import type { PushOptions } from '../../../src-main/core/push/commit';
import { skipTest } from '../../helpers/skip';
import {
  cannotMakeReadOnly,
  fakeSha,
  listFiles,
  makeArtifact,
  makeReadOnly,
  pushOptions,
  sha256File,
  tempDir,
} from './helpers';

let dir: string;
let cleanup: () => void;
/** Two 4 MiB chunks and a bit: the copy loop goes round more than once. */
let artifact: { path: string; sha256: string; bytes: number };
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  artifact = makeArtifact(dir, 'artifact.duckdb', 8 * 1024 * 1024 + 123);
});
afterAll(() => cleanup());

let n = 0;
/** A new share and the options of a push to it. */
async function setup(extra: Partial<PushOptions> = {}) {
  const root = join(dir, `nas-${n++}`);
  mkdirSync(root);
  const { id } = await initShare(root);
  const sourceSha = fakeSha();
  const opts = pushOptions(root, id, artifact, sourceSha, extra);
  return { root, id, sourceSha, opts, paths: destinationPaths(root, opts) };
}

async function pushError(p: Promise<unknown>): Promise<PushError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PushError);
  return err as PushError;
}

const rel = (root: string, p: string): string => relative(root, p);

describe('pushArtifact', () => {
  it('writes exactly the artifact and its manifest, verified', async () => {
    const { root, id, sourceSha, opts, paths } = await setup();
    const progress: string[] = [];
    const r = await pushArtifact({
      ...opts,
      onProgress: (done, total, phase) => progress.push(`${phase} ${done}/${total}`),
    });
    expect(r).toEqual({
      status: 'pushed',
      artifact: paths.artifact,
      manifest: paths.manifest,
      shareId: id,
    });
    expect(paths.artifact).toBe(
      join(
        root,
        'ut-southwestern-parkland-dallas-tx/2025/laboratory',
        `lab_2025-${sourceSha.slice(0, 12)}.duckdb`,
      ),
    );
    expect(listFiles(root)).toEqual(
      [SHARE_MARKER, rel(root, paths.artifact), rel(root, paths.manifest)].sort(),
    );
    expect(sha256File(paths.artifact)).toBe(artifact.sha256);
    const m = JSON.parse(readFileSync(paths.manifest, 'utf8')) as Record<string, unknown>;
    expect(m.artifact).toEqual({
      file: `lab_2025-${sourceSha.slice(0, 12)}.duckdb`,
      bytes: artifact.bytes,
      sha256: artifact.sha256,
    });
    expect(m.source).toMatchObject({ sha256: sourceSha, name: 'lab_2025.csv' });
    expect(new Date(m.pushedAt as string).toISOString()).toBe(m.pushedAt);
    expect(m).toMatchObject({
      manifestVersion: 1,
      cohort: 'UT Southwestern / Parkland, Dallas TX',
    });
    // Contract 3's order: artifact right after source, pushedAt last.
    const keys = Object.keys(m);
    expect(keys[keys.indexOf('source') + 1]).toBe('artifact');
    expect(keys.at(-1)).toBe('pushedAt');
    expect(progress.at(-1)).toBe(`verify ${artifact.bytes}/${artifact.bytes}`);
    expect(progress).toContain(`copy ${artifact.bytes}/${artifact.bytes}`);
  });

  it('is idempotent: a second push rewrites nothing', async () => {
    const { root, opts, paths } = await setup();
    await pushArtifact(opts);
    const before = [statSync(paths.artifact).mtimeMs, statSync(paths.manifest).mtimeMs];
    const text = readFileSync(paths.manifest, 'utf8');
    await new Promise((r) => setTimeout(r, 20));
    const again = await pushArtifact(opts);
    expect(again.status).toBe('already-pushed');
    expect([statSync(paths.artifact).mtimeMs, statSync(paths.manifest).mtimeMs]).toEqual(before);
    expect(readFileSync(paths.manifest, 'utf8')).toBe(text);
    expect(listFiles(root)).toHaveLength(3);
  });

  it('never overwrites a different manifest under the same name', async () => {
    const { root, opts, paths, sourceSha } = await setup();
    await pushArtifact(opts);
    const text = readFileSync(paths.manifest, 'utf8');
    const mtimes = [statSync(paths.artifact).mtimeMs, statSync(paths.manifest).mtimeMs];
    // Another source whose hash shares the first 12 digits: same final names.
    const other = fakeSha(sourceSha.slice(0, 12));
    const err = await pushError(
      pushArtifact({ ...opts, sourceSha256: other, manifest: { source: { sha256: other } } }),
    );
    expect(err).toMatchObject({ code: 'conflict', retryable: false });
    expect(err.message).toMatch(/never overwrites/);
    expect(readFileSync(paths.manifest, 'utf8')).toBe(text);
    expect([statSync(paths.artifact).mtimeMs, statSync(paths.manifest).mtimeMs]).toEqual(mtimes);
    expect(listFiles(root)).toHaveLength(3);
  });

  it('never overwrites a different artifact left without manifest', async () => {
    const { root, opts, paths } = await setup();
    mkdirSync(paths.dir, { recursive: true });
    writeFileSync(paths.artifact, 'someone else');
    const err = await pushError(pushArtifact(opts));
    expect(err.code).toBe('conflict');
    expect(readFileSync(paths.artifact, 'utf8')).toBe('someone else');
    expect(listFiles(root)).toEqual([SHARE_MARKER, rel(root, paths.artifact)].sort());
  });

  it('finishes a push interrupted between the artifact and the manifest', async () => {
    const { opts, paths } = await setup();
    mkdirSync(paths.dir, { recursive: true });
    writeFileSync(paths.artifact, readFileSync(artifact.path));
    const mtime = statSync(paths.artifact).mtimeMs;
    expect((await pushArtifact(opts)).status).toBe('pushed');
    expect(statSync(paths.artifact).mtimeMs).toBe(mtime);
    expect(existsSync(paths.manifest)).toBe(true);
  });

  it('refuses when a file is in the way of a folder', async () => {
    const { root, opts } = await setup();
    // Also a refusal that works when the tests run as root, where modes do not stop writes.
    writeFileSync(join(root, 'ut-southwestern-parkland-dallas-tx'), 'not a folder');
    const err = await pushError(pushArtifact(opts));
    expect(err).toMatchObject({ code: 'conflict', retryable: false });
    expect(err.message).toMatch(/in the way/);
  });

  it('reports a read-only destination folder, retryable, leaving nothing', async (ctx) => {
    const { root, opts, paths } = await setup();
    mkdirSync(paths.dir, { recursive: true });
    const undo = makeReadOnly(paths.dir);
    // As root without `chattr +i` nothing can refuse the write: skip rather than pass vacuously.
    if (undo === null) return skipTest(ctx, cannotMakeReadOnly);
    let err: PushError;
    try {
      err = await pushError(pushArtifact(opts));
    } finally {
      undo();
    }
    expect(err).toMatchObject({ code: 'io', retryable: true });
    expect(err.message).toMatch(/permission denied|read-only/);
    expect(listFiles(root)).toEqual([SHARE_MARKER]);
  });

  it('fails retryably, without recreating it, when the root is gone', async () => {
    const { root, opts } = await setup();
    await pushArtifact(opts);
    rmSync(root, { recursive: true });
    const err = await pushError(pushArtifact({ ...opts, sourceSha256: fakeSha() }));
    expect(err).toMatchObject({ code: 'unreachable', retryable: true });
    expect(existsSync(root)).toBe(false);
  });

  it('fails retryably when the root disappears during the copy', async () => {
    const { root, opts, paths } = await setup();
    const err = await pushError(
      pushArtifact({
        ...opts,
        onProgress: (_done, _total, phase) => {
          if (phase === 'copy' && existsSync(root)) rmSync(root, { recursive: true });
        },
      }),
    );
    expect(err).toMatchObject({ code: 'unreachable', retryable: true });
    expect(existsSync(root)).toBe(false);
    expect(existsSync(paths.artifact)).toBe(false);
  });

  it('writes nothing on a mount point whose NAS is down', async () => {
    const { root, id, opts } = await setup();
    rmSync(root, { recursive: true });
    mkdirSync(root); // what an unmounted mount point looks like: an empty folder
    const err = await pushError(pushArtifact(opts));
    expect(err).toMatchObject({ code: 'unreachable', retryable: true });
    expect(listFiles(root)).toEqual([]);
    // Without a pinned id there is nothing to expect: not a share, not retryable.
    const err2 = await pushError(pushArtifact({ ...opts, expectedShareId: null }));
    expect(err2).toMatchObject({ code: 'not-a-share', retryable: false });
    expect(id).not.toBe('');
  });

  it('refuses another share', async () => {
    const { opts } = await setup();
    const err = await pushError(pushArtifact({ ...opts, expectedShareId: 'someone-else' }));
    expect(err).toMatchObject({ code: 'not-a-share', retryable: false });
  });

  it('refuses an artifact that does not match its checksum, leaving nothing', async () => {
    const { root, opts } = await setup();
    const err = await pushError(pushArtifact({ ...opts, artifactSha256: fakeSha() }));
    expect(err).toMatchObject({ code: 'verify-failed', retryable: false });
    expect(err.message).toMatch(/on this computer/);
    expect(listFiles(root).filter((f) => f !== SHARE_MARKER)).toEqual([]);
  });

  it('reports a missing local artifact as not retryable', async () => {
    const { opts } = await setup();
    const err = await pushError(pushArtifact({ ...opts, artifactPath: join(dir, 'gone.duckdb') }));
    expect(err).toMatchObject({ code: 'io', retryable: false });
    expect(err.message).toMatch(/missing from this computer/);
  });

  it('is busy while another push writes the same partial, and takes over a stale one', async () => {
    const { root, opts, paths } = await setup();
    mkdirSync(paths.dir, { recursive: true });
    const partial = join(paths.dir, `.${paths.base}.duckdb.partial`);
    writeFileSync(partial, 'half');
    const err = await pushError(pushArtifact(opts));
    expect(err).toMatchObject({ code: 'busy', retryable: true });
    expect(readFileSync(partial, 'utf8')).toBe('half');
    const old = Date.now() / 1000 - 11 * 60;
    utimesSync(partial, old, old);
    expect((await pushArtifact(opts)).status).toBe('pushed');
    expect(listFiles(root)).toHaveLength(3);
    expect(sha256File(paths.artifact)).toBe(artifact.sha256);
  });
});

describe('cleanStalePartials', () => {
  it("removes only Courier's own old partials in table folders", async () => {
    const { root, paths } = await setup();
    mkdirSync(paths.dir, { recursive: true });
    const old = Date.now() / 1000 - 3600;
    const make = (p: string, age = old): string => {
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, 'x');
      utimesSync(p, age, age);
      return p;
    };
    const stale1 = make(join(paths.dir, `.${paths.base}.duckdb.partial`));
    const stale2 = make(join(paths.dir, `.${paths.base}.json.partial`));
    const young = make(join(paths.dir, '.other-0123456789ab.duckdb.partial'), Date.now() / 1000);
    const keep = [
      young,
      make(join(paths.dir, '.someone.partial')),
      make(join(paths.dir, 'lab-0123456789ab.duckdb.partial')),
      make(join(root, '.x-0123456789ab.json.partial')),
      make(join(root, 'a', '.x-0123456789ab.json.partial')),
    ];
    const removed = await cleanStalePartials(root);
    expect(removed.sort()).toEqual([stale1, stale2].sort());
    for (const p of keep) expect(existsSync(p)).toBe(true);
    expect(await cleanStalePartials(root, { staleMs: 0 })).toEqual([young]);
  });

  it('leaves a folder without the marker alone', async () => {
    const { root, paths } = await setup();
    mkdirSync(paths.dir, { recursive: true });
    const p = join(paths.dir, `.${paths.base}.duckdb.partial`);
    writeFileSync(p, 'x');
    rmSync(join(root, SHARE_MARKER));
    expect(await cleanStalePartials(root, { staleMs: 0 })).toEqual([]);
    expect(existsSync(p)).toBe(true);
  });
});
