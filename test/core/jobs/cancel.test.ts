import { createWriteStream, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stage } from '../../../src-main/shared/report';
import { runJob } from '../../../src-main/core/jobs/runJob';
import { definitions, tempDir } from '../../helpers/env';

let dir: string;
let cleanup: () => void;
let big: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  big = join(dir, 'big.csv');
  const out = createWriteStream(big);
  out.write('id,a,b,c\n');
  let chunk = '';
  for (let i = 0; i < 1_500_000; i++) {
    chunk += `${i},alpha${i % 97},"quoted, value",${i * 3}\n`;
    if (chunk.length > 1 << 20) {
      out.write(chunk);
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise<void>((r) => out.on('finish', () => r()));
});
afterAll(() => cleanup());

describe('cancellation', () => {
  for (const at of ['scanning', 'converting', 'checking'] as Stage[]) {
    it(`cancelled while ${at}: stage cancelled, no staging left`, async () => {
      const controller = new AbortController();
      const home = join(dir, `home-${at}`);
      const seen: Stage[] = [];
      const r = await runJob(big, {
        home,
        definitions: await definitions(),
        table: 'any',
        keepArtifact: true,
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p.stage);
          if (p.stage === at) controller.abort();
        },
      });
      expect(seen).toContain(at);
      expect(r.stage).toBe('cancelled');
      expect(r.artifact).toBeNull();
      expect(readdirSync(join(home, 'workspace', 'staging'))).toEqual([]);
    });
  }
});
