import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { build } from 'esbuild';
import { expect } from 'vitest';
import type { PushOptions } from '../../../src-main/core/push/commit';
import type { SkipReason } from '../../helpers/skip';

/** A temp folder removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'courier-push-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** A file of random bytes standing in for a DuckDB artifact (only its hash matters here). */
export function makeArtifact(dir: string, name: string, bytes: number) {
  const path = join(dir, name);
  writeFileSync(path, randomBytes(bytes));
  return { path, sha256: sha256File(path), bytes };
}

/** A random hex digest, for a source file that need not exist. */
export function fakeSha(prefix = ''): string {
  return (prefix + randomBytes(32).toString('hex')).slice(0, 64);
}

/** Every file under `root` (hidden ones included), relative, sorted. */
export function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(root, p));
    }
  };
  walk(root);
  return out.sort();
}

/** Contract 3 fields as the job runner would pass them (no `artifact`, no `pushedAt`). */
export function manifestFields(sourceSha256: string, name = 'lab_2025.csv') {
  return {
    manifestVersion: 1,
    app: { name: 'courier', version: '0.1.0' },
    duckdbVersion: 'v1.5.0',
    site: 'Seattle',
    cohort: 'UT Southwestern / Parkland, Dallas TX',
    protocolYear: 2025,
    table: 'laboratory',
    source: { name, bytes: 1234, sha256: sourceSha256, encoding: 'utf-8', lineEnding: 'lf' },
    rows: 10,
    rowsRejected: 0,
    columns: 9,
    patientIds: { distinct: 5, unknown: 0 },
    precheck: { status: 'pass', counts: {} },
    override: null,
    supersedes: null,
    createdAt: '2025-01-02T03:04:05.000Z',
  };
}

/** Push options for `artifact` to `root`, as a job with the design's example cohort. */
export function pushOptions(
  root: string,
  shareId: string | null,
  artifact: { path: string; sha256: string },
  sourceSha256: string,
  extra: Partial<PushOptions> = {},
): PushOptions {
  return {
    root,
    expectedShareId: shareId,
    artifactPath: artifact.path,
    artifactSha256: artifact.sha256,
    manifest: manifestFields(sourceSha256),
    cohort: 'UT Southwestern / Parkland, Dallas TX',
    protocolYear: 2025,
    table: 'laboratory',
    sourceName: 'lab_2025.csv',
    sourceSha256,
    ...extra,
  };
}

/** Why `makeReadOnly` returned null: the reason a read-only test is skipped. */
export const cannotMakeReadOnly: SkipReason = {
  why: 'running as root where `chattr +i` is refused (no CAP_LINUX_IMMUTABLE?)',
  what: 'read-only folder tests',
  fix: 'run the tests as an ordinary user, or where root may set the immutable attribute',
};

/**
 * Makes `dir` refuse new files, or returns null when this platform and user cannot. As an
 * ordinary user chmod 0555 does it; root ignores modes, so there the immutable attribute
 * (`chattr +i`, needs CAP_LINUX_IMMUTABLE and a file system that has it) is tried instead.
 */
export function makeReadOnly(dir: string): (() => void) | null {
  if (process.platform === 'win32') return null;
  if (process.getuid?.() !== 0) {
    chmodSync(dir, 0o555);
    return () => chmodSync(dir, 0o755);
  }
  try {
    execFileSync('chattr', ['+i', dir], { stdio: 'ignore' });
  } catch {
    return null;
  }
  return () => execFileSync('chattr', ['-i', dir], { stdio: 'ignore' });
}

/**
 * A real DuckDB artifact (Contract 2's `data` table, typed, with `_line`) of `rows` rows of
 * `table`: `patient` (one row a patient) or `laboratory` (results of 500 patients).
 */
export async function makeDuckArtifact(
  dir: string,
  name: string,
  table: 'patient' | 'laboratory',
  rows: number,
): Promise<{ path: string; sha256: string; bytes: number; rows: number }> {
  const path = join(dir, name);
  rmSync(path, { force: true });
  const select =
    table === 'patient'
      ? `SELECT 'P' || lpad(i::VARCHAR, 6, '0') AS cohortPatientId,
           DATE '1960-01-01' + (i % 15000)::INTEGER AS birthDate,
           ['Male', 'Female', 'Intersexed'][1 + i % 3] AS sex,
           2000 + (i % 25) AS enrollmentYear, i + 2 AS _line FROM range(${rows}) t(i)`
      : `SELECT 'P' || lpad((i % 500)::VARCHAR, 6, '0') AS cohortPatientId,
           md5(i::VARCHAR) AS testName, random() * 1000 AS result,
           DATE '2020-01-01' + (i % 1500)::INTEGER AS resultDate, i + 2 AS _line FROM range(${rows}) t(i)`;
  const inst = await DuckDBInstance.create(path);
  const conn = await inst.connect();
  try {
    await conn.run(`CREATE TABLE data AS ${select}`);
    await conn.run(`CREATE TABLE _meta AS SELECT 'table' AS key, '${table}' AS value`);
    await conn.run('CHECKPOINT');
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
  const bytes = readFileSync(path).length;
  return { path, sha256: sha256File(path), bytes, rows };
}

/** Rows of the `data` table of a DuckDB file, opened read-only. */
export async function countRows(path: string): Promise<number> {
  const inst = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  const conn = await inst.connect();
  try {
    const r = await conn.runAndReadAll('SELECT count(*)::INTEGER AS n FROM data');
    return Number(r.getRowObjectsJS()[0]?.n);
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
}

/**
 * A push in a child process (the real module, bundled by esbuild: node cannot run the
 * TypeScript directly). It reads its PushOptions as JSON from argv, prints `start`, `verified`
 * once the copy has been read back (about to commit), and `done <ms>` with the push time.
 */
const CHILD = `
import { pushArtifact } from './commit';
const opts = JSON.parse(process.argv[2]);
const t0 = performance.now();
process.stdout.write('start\\n');
await pushArtifact({
  ...opts,
  onProgress: (done, total, phase) => {
    if (phase === 'verify' && done === total) process.stdout.write('verified\\n');
  },
});
process.stdout.write('done ' + (performance.now() - t0) + '\\n');
`;

/** Bundles the push child into `dir`; returns the script's path. */
export async function buildPushChild(dir: string): Promise<string> {
  const script = join(dir, 'push-child.mjs');
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
  return script;
}

/** When to kill: `ms` after the child says `start` (before pushing) or `verified` (about to commit). */
export type Kill = { after: 'start' | 'verified'; ms: number } | null;

/** Runs the child and kills it as told; resolves with the push time it reported, or null if killed. */
export function runPushChild(
  script: string,
  opts: Omit<PushOptions, 'onProgress'>,
  kill: Kill,
): Promise<number | null> {
  return new Promise<number | null>((done, fail) => {
    const child = spawn(process.execPath, [script, JSON.stringify(opts)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
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

/** What a kill left, in words, for the log of a kill test. */
export type KillState = string;

/**
 * Kills a real push at each of `kills` and checks what it left: the final names absent, or
 * complete and right; nothing in the table folder but them and Courier's own hidden `.partial`
 * and `.lock` files. Then the next push (after the crashed push's leftovers are cleaned with a
 * zero age) completes. `truth` maps a path under the root to where the test reads it (the
 * server's own disk for a network share). Returns how often each state was seen.
 */
export async function killAndRecover(o: {
  script: string;
  opts: PushOptions;
  artifact: { sha256: string; bytes: number };
  kills: Kill[];
  truth?: (path: string) => string;
  /** Pushes again in this process (the module under test). */
  push: (opts: PushOptions) => Promise<{ status: string }>;
  clean: (root: string) => Promise<unknown>;
  paths: { dir: string; artifact: string; manifest: string; base: string };
}): Promise<Record<KillState, number>> {
  const truth = o.truth ?? ((p: string) => p);
  const { paths } = o;
  const seen: Record<KillState, number> = {};
  const hidden = (n: string): boolean =>
    n === `.${paths.base}.duckdb.partial` ||
    n === `.${paths.base}.json.partial` ||
    n === `.${paths.base}.duckdb.lock` ||
    n === `.${paths.base}.json.lock`;
  for (const kill of o.kills) {
    rmSync(paths.dir, { recursive: true, force: true }); // through the root: no stale caches
    const finished = (await runPushChild(o.script, o.opts, kill)) !== null;

    const names = existsSyncSafe(truth(paths.dir)) ? readdirSync(truth(paths.dir)) : [];
    const hasArtifact = names.includes(`${paths.base}.duckdb`);
    const hasManifest = names.includes(`${paths.base}.json`);
    if (hasArtifact) expect(sha256File(truth(paths.artifact))).toBe(o.artifact.sha256);
    if (hasManifest) {
      expect(hasArtifact).toBe(true);
      const m = JSON.parse(readFileSync(truth(paths.manifest), 'utf8')) as {
        artifact: { sha256: string; bytes: number };
        source: { sha256: string };
      };
      expect(m.artifact).toMatchObject({ sha256: o.artifact.sha256, bytes: o.artifact.bytes });
      expect(m.source.sha256).toBe(o.opts.sourceSha256.toLowerCase());
    }
    const leftovers = names.filter(hidden);
    // Nothing but the final names and Courier's own hidden files, ever.
    expect(
      names.filter((n) => !hidden(n) && n !== `${paths.base}.duckdb` && n !== `${paths.base}.json`),
    ).toEqual([]);
    const state = finished
      ? 'finished'
      : `${hasArtifact ? 'artifact' : 'no artifact'}, ${hasManifest ? 'manifest' : 'no manifest'}, ${leftovers.length} hidden file(s)`;
    seen[state] = (seen[state] ?? 0) + 1;

    // Recovery: the crashed push's hidden files are stale once cleaned with a zero age.
    await o.clean(o.opts.root);
    const r = await o.push(o.opts);
    expect(r.status).toBe(hasManifest ? 'already-pushed' : 'pushed');
    expect(sha256File(truth(paths.artifact))).toBe(o.artifact.sha256);
    const m = JSON.parse(readFileSync(truth(paths.manifest), 'utf8')) as {
      artifact: { sha256: string };
    };
    expect(m.artifact.sha256).toBe(o.artifact.sha256);
    expect(readdirSync(truth(paths.dir)).sort()).toEqual(
      [`${paths.base}.duckdb`, `${paths.base}.json`].sort(),
    );
  }
  return seen;
}

function existsSyncSafe(path: string): boolean {
  try {
    readdirSync(path);
    return true;
  } catch {
    return false;
  }
}
