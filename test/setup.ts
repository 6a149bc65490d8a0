import { afterAll } from 'vitest';
import { shutdownWorkers } from '../src-main/core/workers/client';

// Worker threads kept idle between jobs are stopped before the test process ends: a thread
// that loaded DuckDB must not be torn down by the process exit.
afterAll(async () => {
  await shutdownWorkers();
});
