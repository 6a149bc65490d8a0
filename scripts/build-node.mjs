// Bundles the plain-Node side (the `courier` CLI and the worker threads) into out/node.
// Runs on `npm install` (prepare), before tests and before `npm start`.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'out', 'node');
mkdirSync(outdir, { recursive: true });

await build({
  absWorkingDir: root,
  entryPoints: {
    courier: 'src-main/cli/main.ts',
    'scan.worker': 'src-main/core/scan/scan.worker.ts',
    'convert.worker': 'src-main/core/convert/convert.worker.ts',
  },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Dependencies stay in node_modules (DuckDB is native); only our code is bundled.
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  banner: {
    js: "import { createRequire as __courierCreateRequire } from 'node:module'; const require = __courierCreateRequire(import.meta.url);",
  },
});
