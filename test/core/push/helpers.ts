import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
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
