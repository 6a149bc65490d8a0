import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grouped, plural } from '../../../src-main/core/precheck/issue';

describe('numbers in messages', () => {
  it('groups thousands exactly as en-US does', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), (n) => {
        expect(grouped(n)).toBe(n.toLocaleString('en-US'));
      }),
      { numRuns: 500 },
    );
  });

  it('says one row, and 1,000,000 rows', () => {
    expect(plural(1, 'row')).toBe('1 row');
    expect(plural(1_000_000, 'row')).toBe('1,000,000 rows');
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
  });
});
