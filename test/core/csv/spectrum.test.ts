import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src-main/core/csv/parse';
import { RecordKind } from '../../../src-main/core/csv/tokenizer';

const root = join(import.meta.dirname, '../../fixtures/csv-spectrum');
const names = readdirSync(join(root, 'csvs'))
  .filter((f) => f.endsWith('.csv'))
  .map((f) => f.replace(/\.csv$/, ''));

describe('csv-spectrum acid test', () => {
  it('has the fixtures', () => {
    expect(names.length).toBe(11);
  });
  for (const name of names) {
    it(`${name}.csv parses to exactly its JSON`, () => {
      const parsed = parseCsv(readFileSync(join(root, 'csvs', `${name}.csv`)));
      const expected = JSON.parse(
        readFileSync(join(root, 'json', `${name}.json`), 'utf8'),
      ) as Record<string, string>[];
      expect(parsed.records.every((r) => r.kind === RecordKind.good)).toBe(true);
      const header = parsed.header ?? [];
      const objects = parsed.records.map((r) =>
        Object.fromEntries(header.map((h, i) => [h, r.values?.[i] ?? ''])),
      );
      expect(objects).toEqual(expected);
    });
  }
  it('reports physical start lines after quoted newlines', () => {
    const parsed = parseCsv(readFileSync(join(root, 'csvs', 'newlines.csv')));
    expect(parsed.records.map((r) => r.line)).toEqual([2, 3, 5]);
  });
});
