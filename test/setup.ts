import { afterAll } from 'vitest';
import { shutdownWorkers } from '../src-main/core/workers/client';

// The tests read English words unless they ask for another language: a developer's French
// locale (LANG=fr_CA.UTF-8) must not change what the window and the command say to them.
process.env.COURIER_LANG ??= 'en';

// Worker threads kept idle between jobs are stopped before the test process ends: a thread
// that loaded DuckDB must not be torn down by the process exit.
afterAll(async () => {
  await shutdownWorkers();
});
