import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  artifactBase,
  artifactStem,
  fitBytes,
  printable,
  safeFileName,
  transliterate,
} from '../../../src-main/core/names';

const SHA = 'abcdef0123456789'.repeat(4);

describe('the one rule for the names Courier writes', () => {
  it('transliterates accents and spells NFC and NFD one way', () => {
    expect(transliterate('Cohorte médicale de Montréal')).toBe('Cohorte medicale de Montreal');
    expect(artifactStem('Résultats labo.csv')).toBe('Resultats-labo');
    expect(artifactStem('Résultats labo.csv'.normalize('NFD'))).toBe('Resultats-labo');
    expect(artifactBase('Résultats labo.csv'.normalize('NFD'), SHA)).toBe(
      artifactBase('Résultats labo.csv', SHA),
    );
  });

  it('shortens by bytes, never inside a character, keeping a hash of the whole name', () => {
    const long = 'é'.repeat(200); // 400 bytes
    const cut = fitBytes(long, 100);
    expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(100);
    expect(cut).toMatch(/^é+-[0-9a-f]{8}$/);
    // Two long names with the same beginning stay apart.
    expect(fitBytes(`${long}a`, 100)).not.toBe(fitBytes(`${long}b`, 100));
  });

  it('gives a 250-byte file name an artifact name within every file system limit', () => {
    const name = `${'Laboratoire-données-'.repeat(12)}.csv`;
    expect(Buffer.byteLength(name)).toBeGreaterThan(250);
    const base = artifactBase(name, SHA);
    expect(base.length).toBeLessThanOrEqual(48 + 13);
    expect(base).toMatch(/^[A-Za-z0-9_-]+-abcdef012345$/);
  });

  it('keeps an upload’s name in its own script, its extension, and under 200 bytes', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('lab\n2025.csv')).toBe('lab2025.csv');
    expect(safeFileName('')).toBe('upload.csv');
    const emoji = `${'🧪'.repeat(100)}.csv`; // 400 bytes of stem
    const safe = safeFileName(emoji);
    expect(Buffer.byteLength(safe)).toBeLessThanOrEqual(200);
    expect(safe.endsWith('.csv')).toBe(true);
    expect(safe).toMatch(/^(🧪)+-[0-9a-f]{8}\.csv$/u);
  });

  it('never lets a name print a line of its own', () => {
    expect(printable('lab\n2025 ready: 0 errors.csv')).toBe('lab\\n2025 ready: 0 errors.csv');
    expect(printable('a\u001b[31mb\u2028c')).toBe('a\\x1b[31mb\\u2028c');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        // eslint-disable-next-line no-control-regex
        expect(printable(s)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
      }),
    );
  });

  it('makes every artifact name ASCII, bounded and stable (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (name) => {
        const base = artifactBase(name, SHA);
        expect(base).toMatch(/^[A-Za-z0-9_-]+-abcdef012345$/);
        expect(base.length).toBeLessThanOrEqual(61);
        expect(artifactBase(name.normalize('NFD'), SHA)).toBe(base);
      }),
    );
  });
});
