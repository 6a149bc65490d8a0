/**
 * Builds the three Electron parts: main (ESM, deps external), preload (one sandbox-safe CJS
 * file) and the renderer (React, relative base so the same files load over file:// in Electron
 * and from any path in browser mode).
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './src-main/shared/csp';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/**
 * The renderer's Content-Security-Policy (src-main/shared/csp.ts). Injected into the built
 * index.html only: the dev server needs inline scripts (React refresh) that it rightly forbids.
 */
const CSP = contentSecurityPolicy();

function cspPlugin(): Plugin {
  return {
    name: 'courier-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: here('out/main'),
      // Dependencies load from node_modules at run time; @duckdb/node-api is native and must.
      externalizeDeps: true,
      rollupOptions: {
        input: { index: here('src-main/app/main.ts') },
        external: ['@duckdb/node-api'],
      },
    },
  },
  preload: {
    build: {
      outDir: here('out/preload'),
      // A sandboxed preload can require only `electron`: bundle everything else into it.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: here('src-preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: here('src-renderer'),
    base: './',
    plugins: [react(), cspPlugin()],
    build: {
      outDir: here('out/renderer'),
      emptyOutDir: true,
      // Emit every asset as a file: the CSP allows no data: URLs.
      assetsInlineLimit: 0,
      rollupOptions: { input: here('src-renderer/index.html') },
    },
  },
});
