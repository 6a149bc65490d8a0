/**
 * Names and keys on the NAS when the world is not tidy: cohort names of other scripts, two
 * cohorts whose names slug alike, the same file already sent from another data folder, and
 * things in the way of a final name.
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushArtifact } from '../../../src-main/core/push/commit';
import { PushError } from '../../../src-main/core/push/errors';
import { destinationPaths } from '../../../src-main/core/push/layout';
import { checkShare, initShare, SHARE_MARKER } from '../../../src-main/core/push/share';
import { fakeSha, makeArtifact, manifestFields, pushOptions, tempDir } from './helpers';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
});
afterAll(() => cleanup());

async function share(name: string): Promise<{ root: string; id: string }> {
  const root = join(dir, name);
  mkdirSync(root);
  const { id } = await initShare(root);
  return { root, id };
}

/** Push options for `cohort` (the manifest names the same cohort, as a job's would). */
function forCohort(root: string, id: string, cohort: string, sha: string, name: string) {
  const artifact = makeArtifact(dir, `${name}.duckdb`, 2048);
  return pushOptions(root, id, artifact, sha, {
    cohort,
    manifest: { ...manifestFields(sha), cohort },
  });
}

describe('cohort folders on the NAS', () => {
  it('gives two cohorts whose names keep no ASCII letter a folder each, and writes both', async () => {
    const { root, id } = await share('scripts');
    const sha = fakeSha();
    const a = await pushArtifact(forCohort(root, id, '北京协和', sha, 'a'));
    const b = await pushArtifact(forCohort(root, id, '🏥 Clinic', sha, 'b'));
    // Before, both went to unassigned/ and the second was "already sent" without being written.
    expect(a.status).toBe('pushed');
    expect(b.status).toBe('pushed');
    expect(a.artifact).not.toBe(b.artifact);
    expect(JSON.parse(readFileSync(a.manifest, 'utf8')).cohort).toBe('北京协和');
    expect(JSON.parse(readFileSync(b.manifest, 'utf8')).cohort).toBe('🏥 Clinic');
  });

  it('gives a second cohort whose name slugs like the first its own folder', async () => {
    const { root, id } = await share('alike');
    const sha = fakeSha();
    const first = await pushArtifact(forCohort(root, id, 'UW - Seattle', sha, 'c'));
    const second = await pushArtifact(forCohort(root, id, 'UW: Seattle', sha, 'd'));
    expect(first.artifact).toContain(join(root, 'uw-seattle', '2025'));
    expect(second.status).toBe('pushed');
    expect(second.artifact).toMatch(/uw-seattle-[0-9a-f]{8}/);
    // The first cohort keeps its folder, and its file is "already on the NAS" there.
    const again = await pushArtifact(forCohort(root, id, 'UW - Seattle', sha, 'c'));
    expect(again).toMatchObject({ status: 'already-pushed', artifact: first.artifact });
  });

  it('spells a cohort typed in NFC and NFD into one folder', async () => {
    const { root, id } = await share('nfd');
    const name = 'Cohorte médicale de Montréal';
    const sha = fakeSha();
    const nfc = await pushArtifact(forCohort(root, id, name, sha, 'e'));
    expect(nfc.artifact).toContain(join(root, 'cohorte-medicale-de-montreal'));
    const nfd = await pushArtifact(forCohort(root, id, name.normalize('NFD'), fakeSha(), 'f'));
    expect(nfd.artifact).toContain(join(root, 'cohorte-medicale-de-montreal'));
  });
});

describe('the idempotency key', () => {
  it('is the submission and the bytes: the same file for another table is a conflict, not "sent"', async () => {
    const { root, id } = await share('key');
    const sha = fakeSha();
    const artifact = makeArtifact(dir, 'key.duckdb', 1024);
    const opts = pushOptions(root, id, artifact, sha);
    expect((await pushArtifact(opts)).status).toBe('pushed');
    // A manifest for this source and this cohort, but another year, sits under the final name.
    const paths = destinationPaths(root, { ...opts, protocolYear: 2024 });
    mkdirSync(paths.dir, { recursive: true });
    writeFileSync(
      paths.manifest,
      JSON.stringify({
        ...manifestFields(sha),
        protocolYear: 2025,
        artifact: { file: 'x', bytes: 1024, sha256: artifact.sha256 },
      }),
    );
    writeFileSync(paths.artifact, readFileSync(artifact.path));
    const err = await pushArtifact({ ...opts, protocolYear: 2024 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PushError);
    expect(err).toMatchObject({ code: 'conflict' });
    expect((err as Error).message).toMatch(/for UT Southwestern.*2025.*not for .*2024/);
  });

  it('says what the NAS holds when another data folder sent the same file', async () => {
    const { root, id } = await share('elsewhere');
    const sha = fakeSha();
    const theirs = makeArtifact(dir, 'theirs.duckdb', 4096);
    const first = await pushArtifact(pushOptions(root, id, theirs, sha));
    expect(first.status).toBe('pushed');
    // This computer converted the same source into other bytes (DuckDB files differ).
    const ours = makeArtifact(dir, 'ours.duckdb', 3000);
    const r = await pushArtifact(pushOptions(root, id, ours, sha));
    expect(r.status).toBe('already-pushed');
    expect(r.nasArtifactSha256).toBe(theirs.sha256);
    expect(readFileSync(r.artifact).equals(readFileSync(theirs.path))).toBe(true);
  });
});

describe('something in the way of a final name', () => {
  it('refuses a dangling link and a folder at a final name, naming the path, never "busy"', async () => {
    const { root, id } = await share('inway');
    for (const kind of ['link', 'folder'] as const) {
      const sha = fakeSha();
      const artifact = makeArtifact(dir, `inway-${kind}.duckdb`, 512);
      const opts = pushOptions(root, id, artifact, sha);
      const paths = destinationPaths(root, opts);
      mkdirSync(paths.dir, { recursive: true });
      if (kind === 'link') symlinkSync(join(dir, 'nowhere'), paths.artifact);
      else mkdirSync(paths.artifact);
      const err = await pushArtifact(opts).catch((e: unknown) => e);
      expect(err, kind).toMatchObject({ code: 'conflict', retryable: false });
      expect((err as Error).message).toContain(paths.artifact);
      expect((err as Error).message).not.toMatch(/Another Courier/);
      expect(existsSync(paths.manifest)).toBe(false);
    }
  });

  it('refuses a share whose marker is a folder, plainly and naming it', async () => {
    const root = join(dir, 'marker-folder');
    mkdirSync(join(root, SHARE_MARKER), { recursive: true });
    const check = await checkShare(root, 'some-id');
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.message).toContain(join(root, SHARE_MARKER));
    expect(check.ok ? '' : check.message).toMatch(/is a folder/);
  });
});
