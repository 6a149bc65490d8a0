import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm start` as a real process, in a copy of the project's layout: the real Electron package
// pointed (by its own ELECTRON_OVERRIDE_DIST_PATH) at a stand-in binary that records how it was
// started, and stand-ins for the two builds that record that they ran.
const root = join(import.meta.dirname, '..', '..');
const project = mkdtempSync(join(tmpdir(), 'courier-start-'));
const at = (...p: string[]): string => join(project, ...p);

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

beforeAll(() => {
  write(at('package.json'), '{ "name": "courier", "type": "module" }');
  mkdirSync(at('scripts'));
  copyFileSync(join(root, 'scripts', 'start.mjs'), at('scripts', 'start.mjs'));
  const record = (what: string, outputs: string[]) =>
    `import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';\nimport { dirname, join } from 'node:path';\nconst root = ${JSON.stringify(project)};\nfor (const f of ${JSON.stringify(outputs)}) { mkdirSync(dirname(join(root, f)), { recursive: true }); writeFileSync(join(root, f), ''); }\nappendFileSync(join(root, 'built.log'), '${what}\\n');\n`;
  write(
    at('scripts', 'build-node.mjs'),
    record('node', [
      'out/node/courier.mjs',
      'out/node/scan.worker.mjs',
      'out/node/convert.worker.mjs',
    ]),
  );
  write(at('node_modules', 'electron-vite', 'package.json'), '{ "name": "electron-vite" }');
  write(
    at('node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
    record('window', ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']),
  );
  symlinkSync(join(root, 'node_modules', 'electron'), at('node_modules', 'electron'));
  write(at('dist', 'electron'), `#!/bin/sh\necho "$@" >> ${JSON.stringify(at('launched.log'))}\n`);
  chmodSync(at('dist', 'electron'), 0o755);
  for (const d of [
    'src-main/core/a.ts',
    'src-main/shared/b.ts',
    'src-preload/c.ts',
    'src-renderer/d.tsx',
  ])
    write(at(d), '');
  // Sources older than anything built below.
  for (const d of [
    'src-main/core/a.ts',
    'src-main/shared/b.ts',
    'src-preload/c.ts',
    'src-renderer/d.tsx',
    'scripts/build-node.mjs',
  ])
    utimesSync(at(d), new Date(2020, 0, 1), new Date(2020, 0, 1));
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

function start(): { status: number | null; built: string[]; launched: string[] } {
  rmSync(at('built.log'), { force: true });
  rmSync(at('launched.log'), { force: true });
  const r = spawnSync(process.execPath, [at('scripts', 'start.mjs')], {
    cwd: project,
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: at('dist') },
    encoding: 'utf8',
  });
  const lines = (f: string) =>
    existsSync(f) ? readFileSync(f, 'utf8').trim().split('\n').filter(Boolean) : [];
  return { status: r.status, built: lines(at('built.log')), launched: lines(at('launched.log')) };
}

describe('npm start with Electron present', () => {
  it('builds the workers and the window when missing, then starts the desktop app', () => {
    expect(start()).toEqual({ status: 0, built: ['node', 'window'], launched: ['.'] });
  });

  it('builds nothing when nothing changed', () => {
    expect(start()).toEqual({ status: 0, built: [], launched: ['.'] });
  });

  it('rebuilds the workers when the core changed (they run the conversions)', () => {
    const later = new Date(Date.now() + 60_000);
    utimesSync(at('src-main/core/a.ts'), later, later);
    expect(start()).toEqual({ status: 0, built: ['node', 'window'], launched: ['.'] });
  });
});
