import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { bindingPackage, duckdbBindingProblem } from '../../src-main/app/duckdbCheck';
import { duckdbLoadError, WorkerClient } from '../../src-main/core/workers/client';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'courier-duckdb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('DuckDB and the main process', () => {
  it('is never imported statically by the main process (a wrong binding cannot stop it)', async () => {
    // The same graph electron-vite bundles for out/main (dependencies external).
    const result = await build({
      absWorkingDir: root,
      entryPoints: ['src-main/app/main.ts'],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const imports = Object.values(result.metafile.inputs).flatMap((i) => i.imports);
    const duck = imports.filter((i) => i.path.startsWith('@duckdb/'));
    // Seen (so the check looks at the right graph), and only as import() at the time of need.
    expect(duck.length).toBeGreaterThan(0);
    expect(duck.filter((i) => i.kind !== 'dynamic-import')).toEqual([]);
  });

  it('checks the binding of this computer before starting, without loading it', () => {
    expect(duckdbBindingProblem()).toBeNull();
    const other = process.platform === 'win32' ? 'linux' : 'win32';
    const problem = duckdbBindingProblem(other, 'arm64');
    expect(problem).toMatch(/^This build of Courier does not match your computer \(\w+, arm64\)/);
    expect(bindingPackage('linux', 'x64', true)).toBe('@duckdb/node-bindings-linux-x64-musl');
    expect(bindingPackage('darwin', 'arm64', true)).toBe('@duckdb/node-bindings-darwin-arm64');
  });

  it('says so in plain words when a worker cannot load it', async () => {
    // A worker bundle of "another build": it asks for a binding this computer does not have.
    const other = bindingPackage(process.platform === 'win32' ? 'linux' : 'win32', 'arm64', false);
    writeFileSync(
      join(dir, 'scan.worker.mjs'),
      `import { createRequire } from 'node:module';\ncreateRequire(${JSON.stringify(join(root, 'package.json'))})('${other}/duckdb.node');\n`,
    );
    const saved = process.env.COURIER_WORKER_DIR;
    process.env.COURIER_WORKER_DIR = dir;
    try {
      const w = new WorkerClient('scan');
      await expect(w.request('close' as never, {} as never)).rejects.toMatchObject({
        code: 'build-mismatch',
        message: expect.stringContaining('does not match your computer'),
      });
      await w.terminate();
    } finally {
      if (saved === undefined) delete process.env.COURIER_WORKER_DIR;
      else process.env.COURIER_WORKER_DIR = saved;
    }
  });

  it('leaves other errors as they are', () => {
    const e = new Error('disk full');
    expect(duckdbLoadError(e)).toBe(e);
  });
});
