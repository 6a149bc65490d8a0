import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEmpty, lit } from '../../../src-main/core/precheck/sql';

let instance: DuckDBInstance;
let conn: DuckDBConnection;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
});
afterAll(() => {
  conn.closeSync();
  instance.closeSync();
});

// Characters around the edges of "empty": spaces DuckDB's trim removes (space, no-break space,
// ideographic space), whitespace it keeps (tab, newlines), visible ASCII and other letters.
const tricky = fc.constantFrom(
  ' ',
  '\u00a0',
  '\u3000',
  '\t',
  '\n',
  '\r',
  'a',
  '!',
  '~',
  'é',
  '0',
  '',
);
const value = fc.oneof(
  fc.array(tricky, { maxLength: 6 }).map((xs) => xs.join('')),
  fc.string({ maxLength: 8 }),
);

describe('isEmpty', () => {
  it('agrees with "v IS NULL OR trim(v) = empty" on every value', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(value, { minLength: 1, maxLength: 40 }), async (values) => {
        const rows = values.map((v) => `(${lit(v)})`).join(', ');
        const r = await conn.runAndReadAll(
          `SELECT count(*) FILTER (WHERE ${isEmpty('v')} IS DISTINCT FROM (v IS NULL OR trim(v) = '')) AS differ FROM (VALUES ${rows}, (NULL)) t(v)`,
        );
        expect(Number(r.getRowObjectsJS()[0]!.differ)).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});
