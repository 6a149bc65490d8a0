#!/usr/bin/env node
// `npm start`: the desktop app when Electron's runtime is present; otherwise one attempt to
// fetch it, then browser mode (`courier serve`), which needs no Electron at all.
// Arguments after `npm start --` go to Electron or to `courier serve` (e.g. `-- --port 8080`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const args = process.argv.slice(2);
const at = (...p) => path.join(root, ...p);

/** The Electron binary, or null. `require('electron')` returns its path, or throws without it. */
function electronBinary() {
  try {
    delete require.cache[require.resolve('electron')];
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** Newest modification time under the given files and folders (0 when none exist). */
function newest(paths) {
  let latest = 0;
  const visit = (p) => {
    let info;
    try {
      info = statSync(p);
    } catch {
      return;
    }
    if (info.isDirectory()) {
      for (const name of readdirSync(p)) if (name !== 'node_modules') visit(path.join(p, name));
    } else {
      latest = Math.max(latest, info.mtimeMs);
    }
  };
  for (const p of paths) visit(p);
  return latest;
}

/** True when any output is missing or older than any source. */
function stale(outputs, sources) {
  if (!outputs.every((o) => existsSync(o))) return true;
  const oldestOutput = Math.min(...outputs.map((o) => statSync(o).mtimeMs));
  return newest(sources) > oldestOutput;
}

/** Runs a build step in the foreground; exits with its code if it fails. */
function run(label, file, argv) {
  console.log(label);
  const result = spawnSync(process.execPath, [file, ...argv], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`Courier could not start: "${label}" failed (see above).`);
    process.exit(result.status ?? 1);
  }
}

function buildApp(outputs, sources) {
  if (!stale(outputs, sources)) return;
  const cli = path.join(
    path.dirname(require.resolve('electron-vite/package.json')),
    'bin',
    'electron-vite.js',
  );
  run('Building the Courier window (electron-vite build)…', cli, ['build']);
}

/** Starts the child in the foreground and leaves with its exit code. */
function handOver(command, argv) {
  const child = spawn(command, argv, { cwd: root, stdio: 'inherit' });
  // Ctrl+C already reaches the child (same process group); stay alive until it has stopped.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('error', (err) => {
    console.error(`Courier could not start ${command}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** The `courier` command and the worker threads (both the window and browser mode run them). */
function buildNode() {
  const outputs = ['courier.mjs', 'scan.worker.mjs', 'convert.worker.mjs'].map((f) =>
    at('out/node', f),
  );
  if (stale(outputs, [at('src-main'), at('scripts/build-node.mjs')])) {
    run('Building the courier command and its workers…', at('scripts/build-node.mjs'), []);
  }
}

const rendererSources = [
  at('src-renderer'),
  at('src-main/shared'),
  at('electron.vite.config.ts'),
  at('resources/icon.svg'),
];

let electron = electronBinary();
if (!electron && existsSync(at('node_modules/electron/install.js'))) {
  console.log('Fetching the Electron runtime (first start only)…');
  // The download is quick online and fails fast offline; the cap is for a network that hangs.
  spawnSync(process.execPath, [at('node_modules/electron/install.js')], {
    cwd: root,
    stdio: 'ignore',
    timeout: 300_000,
  });
  electron = electronBinary();
}

if (electron) {
  // The window's conversions run in the worker threads of out/node: stale workers would run
  // yesterday's code behind today's window.
  buildNode();
  buildApp(
    [at('out/main/index.js'), at('out/preload/index.cjs'), at('out/renderer/index.html')],
    [...rendererSources, at('src-main'), at('src-preload')],
  );
  handOver(electron, ['.', ...args]);
} else {
  console.log(
    'The Electron runtime is not available (it could not be downloaded), so Courier opens in your browser instead.',
  );
  buildApp([at('out/renderer/index.html')], rendererSources);
  // The CLI bundle carries the server; rebuild it when the sources moved on.
  buildNode();
  handOver(process.execPath, [at('bin/courier.mjs'), 'serve', ...args]);
}
