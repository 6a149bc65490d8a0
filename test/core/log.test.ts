import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../src-main/core/jobs/runJob';
import { Log, LOG_KEEP } from '../../src-main/core/log';
import { definitions, tempDir } from '../helpers/env';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
});
afterAll(() => cleanup());

describe('the log file', () => {
  it('rotates by size and keeps a bounded number of files', () => {
    const log = new Log(dir, 2000);
    for (let i = 0; i < 400; i++) log.info(`job 20261124-${i} ready sha256=${'a'.repeat(64)}`);
    const files = readdirSync(join(dir, 'logs')).sort();
    expect(files).toEqual([
      'courier.log',
      ...Array.from({ length: LOG_KEEP }, (_, k) => `courier.log.${k + 1}`),
    ]);
    for (const f of files) expect(readFileSync(join(dir, 'logs', f)).length).toBeLessThan(2200);
    expect(readFileSync(join(dir, 'logs', 'courier.log'), 'utf8')).toMatch(
      /^\d{4}-\d{2}-\d{2}T.* info job 20261124-\d+ ready sha256=a{64}$/m,
    );
  });
});

describe('the workers in the log', () => {
  it('writes one line of worker timings per job, with method names and no cell values', async () => {
    const home = join(dir, 'workers-home');
    const file = join(dir, 'canary.csv');
    writeFileSync(file, 'a,b\nCANARY-VALUE-7731,2\n');
    const r = await runJob(file, {
      home,
      definitions: await definitions(),
      table: 'any',
      keepArtifact: false,
    });
    expect(r.stage).toBe('ready');
    const log = readFileSync(join(home, 'logs', 'courier.log'), 'utf8');
    const line = log.split('\n').find((l) => l.includes(`job ${r.id} worker timings`));
    expect(line).toMatch(/scan\.scan=\d+ms/);
    expect(line).toMatch(/convert\.build=\d+ms/);
    expect(log).not.toContain('CANARY-VALUE-7731');
  });
});
