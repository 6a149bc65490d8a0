/**
 * A row larger than DuckDB can parse within its memory cap (one field of 70 MB): rejected as
 * that row (`field-too-large`, with its line), kept whole in the artifact, not a failed job.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../../src-main/core/jobs/runJob';
import { MAX_RECORD_BYTES } from '../../../src-main/core/scan/scan';
import { definitions, readTable, tempDir } from '../../helpers/env';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir('courier-oversized-'));
});
afterAll(() => cleanup());

describe('a row too large to parse', () => {
  it('is set aside with its line and kept whole in the artifact', async () => {
    // Accented letters and doubled quotes, so the pieces must not cut a character or a quote.
    const unit = 'é"abc"';
    const field = unit.repeat(Math.ceil((MAX_RECORD_BYTES + 4 * 1024 * 1024) / 8));
    const record = `2,"${field.replaceAll('"', '""')}"`;
    const file = join(dir, 'big.csv');
    writeFileSync(file, `id,text\n1,small\n${record}\n3,after\n`);
    const r = await runJob(file, {
      home: join(dir, 'home'),
      definitions: await definitions(),
      table: 'any',
      keepArtifact: true,
    });
    expect(r.stage).toBe('blocked');
    const report = r.report!;
    expect(report.rows).toBe(3);
    expect(report.rowsStored).toBe(2);
    expect(report.rowsRejected).toBe(1);
    expect(report.issues.find((i) => i.code === 'field-too-large')).toMatchObject({
      severity: 'error',
      lines: [3],
      count: 1,
    });
    const art = r.artifact!.path;
    expect(await readTable(art, 'SELECT _line, raw FROM _rejected_rows')).toEqual([
      { _line: 3, raw: null },
    ]);
    const [whole] = await readTable(
      art,
      "SELECT count(*) AS parts, sha256(string_agg(raw, '' ORDER BY part)) AS sha FROM _oversized_rows WHERE _line = 3",
    );
    expect(whole!.parts).toBeGreaterThan(1);
    expect(whole!.sha).toBe(createHash('sha256').update(record, 'utf8').digest('hex'));
    expect(await readTable(art, 'SELECT text FROM data ORDER BY _line')).toEqual([
      { text: 'small' },
      { text: 'after' },
    ]);
  }, 120_000);
});
