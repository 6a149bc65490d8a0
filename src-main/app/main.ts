/**
 * The Electron main process's entry: where the built parts are, then the desktop app
 * (lifecycle.ts). Thin on purpose: the product lives in src-main/core, which runs without
 * Electron, and this process loads DuckDB only when an export needs it (the conversions run
 * in worker threads).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app } from 'electron';
import { runDesktop } from './lifecycle';

const here = path.dirname(fileURLToPath(import.meta.url));
// Worker threads cannot start from inside app.asar: packaged builds unpack them (see
// electron-builder.yml) and the core finds them through this variable.
if (app.isPackaged && !process.env.COURIER_WORKER_DIR)
  process.env.COURIER_WORKER_DIR = path.join(
    process.resourcesPath,
    'app.asar.unpacked',
    'out',
    'node',
  );

const icon = path.join(app.getAppPath(), 'resources', 'icon.png');
const desktop = runDesktop({
  preload: path.join(here, '../preload/index.cjs'),
  renderer: path.join(here, '../renderer'),
  icon: existsSync(icon) ? icon : undefined,
  // electron-vite dev serves the renderer over HTTP and tells us where.
  devUrl: !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined,
});
desktop?.started.catch((e: unknown) =>
  desktop.log.warn(`app: start failed: ${e instanceof Error ? e.message : String(e)}`),
);
