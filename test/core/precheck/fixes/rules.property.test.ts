/**
 * Each guided-fix rule on its own: where a rule has an inverse (a date written in a pattern, a
 * number in another locale, an ID that lost its zeros), any value written that way comes back
 * exactly; a value the rule cannot transform gives null (left as it was).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIX_RULES } from '../../../../src-main/shared/report';
import { restoreZeros } from '../../../../src-main/core/precheck/fixes/ids';
import { isoDate } from '../../../../src-main/core/precheck/fixes/isoDate';
import { decimalPoint, dropThousands } from '../../../../src-main/core/precheck/fixes/numbers';
import { fixRuleSpec, registerFixRule } from '../../../../src-main/core/precheck/fixes/registry';
import { redactRule } from '../../../../src-main/core/precheck/phi/redactRule';
import type { FixColumn } from '../../../../src-main/core/precheck/fixes/rule';
import { spaceTrim } from '../../../../src-main/core/precheck/fixes/rule';
import {
  mapped,
  missingToEmpty,
  toDocumented,
  trimmed,
} from '../../../../src-main/core/precheck/fixes/values';

const MON = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const p2 = (n: number): string => String(n).padStart(2, '0');

/** A real date between two years, as [y, m, d] and its ISO text. */
const date = (from: number, to: number) =>
  fc
    .date({
      min: new Date(Date.UTC(from, 0, 1)),
      max: new Date(Date.UTC(to, 11, 31)),
      noInvalidDate: true,
    })
    .map((d) => {
      const iso = d.toISOString().slice(0, 10);
      return { y: +iso.slice(0, 4), m: +iso.slice(5, 7), d: +iso.slice(8, 10), iso };
    });

/** Spaces DuckDB's trim removes, around a value (the checks read trim(raw)). */
const padding = fc.constantFrom('', ' ', '  ', '\u00a0', '\u202f');

describe('iso-date', () => {
  it('reads MM/DD/YYYY and DD/MM/YYYY, padded or not', () => {
    fc.assert(
      fc.property(date(1900, 2100), fc.boolean(), padding, (x, pad, sp) => {
        const [m, d] = pad ? [p2(x.m), p2(x.d)] : [String(x.m), String(x.d)];
        expect(isoDate(`${sp}${m}/${d}/${x.y}${sp}`, 'MM/DD/YYYY')).toBe(x.iso);
        expect(isoDate(`${d}/${m}/${x.y}`, 'DD/MM/YYYY')).toBe(x.iso);
      }),
    );
  });

  it('reads M/D/YY with the century %y gives it (69–99: 1900s, 00–68: 2000s)', () => {
    fc.assert(
      fc.property(date(1969, 2068), (x) => {
        expect(isoDate(`${x.m}/${x.d}/${p2(x.y % 100)}`, 'M/D/YY')).toBe(x.iso);
      }),
    );
  });

  it('reads SAS DATE9 and DATE7 and Stata %td, in any case', () => {
    fc.assert(
      fc.property(date(1800, 2200), date(1969, 2068), fc.boolean(), (x, y, lower) => {
        const mon = (m: number): string => (lower ? MON[m - 1]!.toLowerCase() : MON[m - 1]!);
        expect(isoDate(`${p2(x.d)}${mon(x.m)}${x.y}`, 'DDMONYYYY')).toBe(x.iso);
        expect(isoDate(`${x.d}${mon(x.m)}${x.y}`, 'DDMONYYYY')).toBe(x.iso);
        expect(isoDate(`${p2(y.d)}${mon(y.m)}${p2(y.y % 100)}`, 'DDMONYYYY')).toBe(y.iso);
      }),
    );
  });

  it('reads YYYYMMDD and date-times (the date as written, whatever the time or zone)', () => {
    const time = fc.tuple(
      fc.integer({ min: 0, max: 23 }),
      fc.integer({ min: 0, max: 59 }),
      fc.constantFrom('', ':07', ':59.123'),
      fc.constantFrom('', 'Z', '+02:00', '-0500'),
      fc.constantFrom(' ', 'T'),
    );
    fc.assert(
      fc.property(date(1800, 2199), time, (x, [h, mi, s, z, sep]) => {
        expect(isoDate(`${x.y}${p2(x.m)}${p2(x.d)}`, 'YYYYMMDD')).toBe(x.iso);
        expect(isoDate(`${x.iso}${sep}${h}:${p2(mi)}${s}${z}`, 'YYYY-MM-DD hh:mm:ss')).toBe(x.iso);
      }),
    );
  });

  it('reads spreadsheet serial days (with or without the time of day)', () => {
    fc.assert(
      fc.property(date(1927, 2099), fc.constantFrom('', '.5', '.25', '.999'), (x, frac) => {
        const serial = Math.round(Date.UTC(x.y, x.m - 1, x.d) / 86_400_000) + 25569;
        if (serial < 10000) return;
        expect(isoDate(`${serial}${frac}`, 'excel-serial')).toBe(x.iso);
      }),
    );
    expect(isoDate('45332', 'excel-serial')).toBe('2024-02-10');
  });

  it('leaves what is not a real date in the pattern', () => {
    for (const [text, p] of [
      ['02/30/2024', 'MM/DD/YYYY'],
      ['13/01/2024', 'MM/DD/YYYY'],
      ['31FEB2024', 'DDMONYYYY'],
      ['10FOO2024', 'DDMONYYYY'],
      ['20241301', 'YYYYMMDD'],
      ['2024-02-10', 'YYYY-MM-DD hh:mm:ss'],
      ['9999', 'excel-serial'],
      ['02/10/2024', 'ambiguous-day-month'],
      ['NA', 'DD/MM/YYYY'],
      ['\t10FEB2024', 'DDMONYYYY'],
    ] as const)
      expect(isoDate(text, p), `${text} as ${p}`).toBeNull();
  });
});

describe('number formats', () => {
  it('decimal-point gives back a number written with a decimal comma', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 1, max: 4 }), (n, k) => {
        const text = (n / 7).toFixed(k);
        expect(decimalPoint(text.replace('.', ','))).toBe(text);
      }),
    );
    expect(decimalPoint('12.5')).toBeNull();
    expect(decimalPoint('1,2,3')).toBeNull();
  });

  it('drop-thousands-separator gives back a number grouped in any locale', () => {
    const sep = fc.constantFrom(',', ' ', '.', '\u202f', '\u00a0', "'");
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 2 ** 40 }),
        sep,
        fc.option(fc.integer({ min: 0, max: 99 }), { nil: undefined }),
        fc.boolean(),
        (n, s, dec, neg) => {
          const decimal = s === '.' ? ',' : s === ',' ? '.' : dec !== undefined && neg ? ',' : '.';
          const grouped = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, s);
          const text = `${neg ? '-' : ''}${grouped}${dec !== undefined ? `${decimal}${dec}` : ''}`;
          const plain = `${neg ? '-' : ''}${n}${dec !== undefined ? `.${dec}` : ''}`;
          expect(dropThousands(text, [s], decimal)).toBe(plain);
        },
      ),
    );
    expect(dropThousands('1,51', [','], '.')).toBeNull();
    expect(dropThousands('1512', [','], '.')).toBeNull();
    expect(dropThousands('1,512', [','], ',')).toBeNull();
  });
});

describe('IDs and text', () => {
  it('restore-leading-zeros gives back an ID a spreadsheet read as a number', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }),
        fc.constantFrom('', 'P', 'UW-'),
        fc.nat(),
        (width, prefix, n) => {
          const digits = String(n % 10 ** width).padStart(width, '0');
          const id = `${prefix}${digits}`;
          const asNumber = String(Number(digits));
          // Without a prefix, an ID that had no zeros to lose is not short: nothing to restore.
          const lost = prefix !== '' || digits.startsWith('0');
          expect(restoreZeros(asNumber, width, prefix)).toBe(lost ? id : null);
        },
      ),
    );
    expect(restoreZeros('12345', 4, '')).toBeNull();
    expect(restoreZeros('P123', 6, 'P')).toBeNull();
  });

  it('trim gives back a value padded with spaces or tabs', () => {
    const core = fc.string({ minLength: 1 }).filter((s) => s === s.replace(/^[ \t]+|[ \t]+$/g, ''));
    const pad = fc.array(fc.constantFrom(' ', '\t'), { maxLength: 3 }).map((a) => a.join(''));
    fc.assert(
      fc.property(core, pad, pad, (v, a, b) => {
        expect(trimmed(`${a}${v}${b}`)).toBe(a || b ? v : null);
      }),
    );
  });

  it('missing-to-empty empties exactly the codes named', () => {
    expect(missingToEmpty('NA', ['NA', '.'])).toBe('');
    expect(missingToEmpty('.', ['NA', '.'])).toBe('');
    expect(missingToEmpty('na', ['NA'])).toBeNull();
    expect(missingToEmpty('NA ', ['NA'])).toBeNull();
  });

  it('case-to-documented spells a value as the definition does', () => {
    const documented = ['Yes', 'No', 'Unknown'];
    fc.assert(
      fc.property(
        fc.constantFrom(...documented),
        fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
        (d, up) => {
          const text = [...d].map((c, i) => (up[i] ? c.toUpperCase() : c.toLowerCase())).join('');
          expect(toDocumented(text, documented)).toBe(text === d ? null : d);
        },
      ),
    );
    expect(toDocumented('Maybe', documented)).toBeNull();
  });

  it('map-values maps exactly the codes of the map', () => {
    const map = { Y: 'Yes', '1': 'Yes', N: 'No' };
    expect(mapped('Y', map)).toBe('Yes');
    expect(mapped('y', map)).toBeNull();
    expect(mapped('Yes', map)).toBeNull();
    expect(mapped('toString', map)).toBeNull();
  });

  it('trims as DuckDB does: Unicode spaces, never tabs', () => {
    expect(spaceTrim('\u00a0 12\u202f')).toBe('12');
    expect(spaceTrim('\t12')).toBe('\t12');
  });
});

describe('the rule registry', () => {
  const text: FixColumn = {
    name: 'note',
    type: 'string',
    defined: false,
    documented: [],
    patientIds: false,
  };

  it("has every rule of the vocabulary, redact the identifier screen's", () => {
    for (const rule of FIX_RULES) expect(fixRuleSpec(rule)?.rule).toBe(rule);
    const redact = fixRuleSpec('redact')!;
    expect(redact.keepsOriginal).toBe(false);
    expect(redact.apply('per Dr. Alvarez, call 410-555-0187', {}, text)).toBe(
      'per [NAME], call [PHONE]',
    );
    expect(redact.apply('Abacavir 600 mg daily', {}, text)).toBeNull();
  });

  it("takes another redact implementation, and the screen's back", () => {
    registerFixRule({
      rule: 'redact',
      kind: 'value',
      keepsOriginal: false,
      fits: () => null,
      checkParams: () => null,
      apply: (v) => (v.includes('555-') ? v.replace(/555-\d{4}/g, '[PHONE]') : null),
      describe: (_p, c) => `identifiers in "${c}" redacted`,
    });
    try {
      expect(fixRuleSpec('redact')?.apply('call 555-1234', {}, text)).toBe('call [PHONE]');
    } finally {
      registerFixRule(redactRule);
    }
    expect(fixRuleSpec('redact')).toBe(redactRule);
  });

  it('checks params and columns in plain words', () => {
    const iso = fixRuleSpec('iso-date')!;
    expect(iso.checkParams({ from: 'ambiguous-day-month' }, text)).toMatch(/ambiguous/);
    expect(iso.checkParams({ from: 'DDMONYYYY' }, text)).toBeNull();
    expect(fixRuleSpec('drop-column')!.fits({ ...text, defined: true })).toMatch(/definition/);
    expect(fixRuleSpec('case-to-documented')!.fits(text)).toMatch(/no documented values/);
    expect(fixRuleSpec('restore-leading-zeros')!.fits(text)).toMatch(/patient ID column/);
    expect(fixRuleSpec('map-values')!.checkParams({ map: {} }, text)).toMatch(/needs "map"/);
  });
});
