// Bundles the plain-Node side (the `courier` CLI and the worker threads) into out/node, and
// writes the definitions' JSON Schema from the zod schema.
// Runs on `npm install` (prepare), before tests and before `npm start`.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'out', 'node');
mkdirSync(outdir, { recursive: true });

await build({
  absWorkingDir: root,
  entryPoints: {
    courier: 'src-main/cli/main.ts',
    'scan.worker': 'src-main/core/scan/scan.worker.ts',
    'convert.worker': 'src-main/core/convert/convert.worker.ts',
    // Only for this script: the zod schema, to write its JSON Schema below.
    'definition-schema': 'src-main/core/definitions/jsonSchema.ts',
    // Only for `npm run bench -- --phi`: the identifier screen's labelled benchmark.
    'phi-bench': 'src-main/core/sample/phiBench.ts',
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

// The JSON Schema that editors of a definitions folder use is committed, generated from the zod
// schema. In CI the committed file is only compared (the definitions test fails when it is
// stale): rewriting it there would hide a schema change nobody committed.
const { DEFINITION_SCHEMA_FILE, definitionJsonSchemaText } = await import(
  pathToFileURL(join(outdir, 'definition-schema.mjs')).href
);
const schemaFile = join(root, DEFINITION_SCHEMA_FILE);
const text = definitionJsonSchemaText();
const current = existsSync(schemaFile) ? readFileSync(schemaFile, 'utf8') : null;
const ci = Boolean(process.env.CI) && !['0', 'false'].includes(process.env.CI.toLowerCase());
if (current !== text) {
  if (ci) {
    console.warn(`${DEFINITION_SCHEMA_FILE} is stale: run npm run build:node and commit it.`);
  } else {
    writeFileSync(schemaFile, text);
    console.log(`${DEFINITION_SCHEMA_FILE} written from the zod schema: commit it.`);
  }
}
