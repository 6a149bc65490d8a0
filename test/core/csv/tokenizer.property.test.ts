import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src-main/core/csv/parse';
import { RecordKind } from '../../../src-main/core/csv/tokenizer';

type Style = 'minimal' | 'all';
const EOLS = { lf: '\n', crlf: '\r\n', cr: '\r' } as const;

/** Serializes a table and returns, for each data record, the physical line it starts on. */
function serialize(rows: string[][], delim: string, style: Style, eol: string) {
  let text = '';
  let line = 1;
  const starts: number[] = [];
  rows.forEach((row, r) => {
    if (r > 0) starts.push(line);
    const cells = row.map((v) => {
      const must = /["\r\n]/.test(v) || v.includes(delim) || (row.length === 1 && v === '');
      return style === 'all' || must ? `"${v.replaceAll('"', '""')}"` : v;
    });
    const rec = cells.join(delim);
    line += (rec.match(/\r\n|\r|\n/g) ?? []).length + 1;
    text += rec + eol;
  });
  return { text, starts };
}

const cell = fc.stringMatching(/^[a-zé0-9 ,;|\t"\r\n]{0,8}$/);

describe('tokenizer properties', () => {
  it('random tables round-trip with exact line numbers in every quoting and line-ending style', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((cols) =>
          fc.tuple(
            fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), {
              minLength: 1,
              maxLength: 12,
            }),
            fc.constantFrom(',', ';', '\t', '|'),
            fc.constantFrom<Style>('minimal', 'all'),
            fc.constantFrom(...(Object.keys(EOLS) as (keyof typeof EOLS)[])),
            fc.integer({ min: 1, max: 17 }),
          ),
        ),
        ([rows, delim, style, eolName, chunk]) => {
          const { text, starts } = serialize(rows, delim, style, EOLS[eolName]);
          const parsed = parseCsv(text, delim, chunk);
          expect(parsed.header).toEqual(rows[0]);
          const data = parsed.records;
          expect(data.map((r) => r.kind)).toEqual(starts.map(() => RecordKind.good));
          expect(data.map((r) => r.values)).toEqual(rows.slice(1));
          expect(data.map((r) => r.line)).toEqual(starts);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('random byte mutations never throw and keep every line accounted for', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 300 }),
        fc.integer({ min: 1, max: 64 }),
        (bytes, chunk) => {
          const whole = parseCsv(bytes, ',');
          const chunked = parseCsv(bytes, ',', chunk);
          // Streaming in chunks gives the same answer as one buffer.
          expect(chunked).toEqual(whole);
          // Records come in ascending line order.
          const lines = whole.records.map((r) => r.line);
          expect([...lines].sort((a, b) => a - b)).toEqual(lines);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('one unclosed quote rejects only its own line', () => {
    const text = 'id,note\n1,"open\n2,fine\n3,"closed"\n4,x\n';
    const parsed = parseCsv(text);
    expect(parsed.records.map((r) => [r.kind, r.line])).toEqual([
      [RecordKind.unclosedQuote, 2],
      [RecordKind.good, 3],
      [RecordKind.good, 4],
      [RecordKind.good, 5],
    ]);
  });
});
