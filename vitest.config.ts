import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    setupFiles: ['test/setup.ts'],
    // electron-store imports `electron`: processed by vitest so that tests can fake it.
    server: { deps: { inline: ['electron-store'] } },
    // Core tests spawn workers and DuckDB instances: two cores, so keep files serial-ish.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-output/vitest.json' },
  },
});
