#!/usr/bin/env node
// The `courier` command: runs the bundled CLI (built by `npm install` / `npm run build:node`).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'out', 'node', 'courier.mjs');
if (!existsSync(entry)) {
  process.stderr.write(
    'courier: not built yet. Run `npm install` (or `npm run build:node`) in ' + root + '\n',
  );
  process.exit(2);
}
await import(pathToFileURL(entry).href);
