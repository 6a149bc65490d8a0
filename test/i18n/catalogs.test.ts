/**
 * The catalogs hold together: English and French have the same keys (the window's and main's),
 * every plural has each form its language needs, every key the window asks for exists, and no
 * component writes a word that is not in a catalog.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogKeys, prepareCatalog } from '../../src-main/shared/i18n/resources';
import { mainEn } from '../../src-main/shared/i18n/main.en';
import { mainFr } from '../../src-main/shared/i18n/main.fr';
import { en } from '../../src-renderer/i18n/en';
import { fr } from '../../src-renderer/i18n/fr';
import { scanSource } from './hardcoded';

const root = join(import.meta.dirname, '../..');
const renderer = join(root, 'src-renderer');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'i18n' ? [] : sources(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

describe('the catalogs', () => {
  for (const [name, a, b] of [
    ['the window', en, fr],
    ['main', mainEn, mainFr],
  ] as const)
    it(`${name}: English and French have the same keys`, () => {
      const keysA = catalogKeys(a).sort();
      const keysB = catalogKeys(b).sort();
      expect(
        keysB.filter((k) => !keysA.includes(k)),
        'only in French',
      ).toEqual([]);
      expect(
        keysA.filter((k) => !keysB.includes(k)),
        'only in English',
      ).toEqual([]);
    });

  it('gives every plural each form its language needs', () => {
    for (const [lang, catalogs] of [
      ['en', [en, mainEn]],
      ['fr', [fr, mainFr]],
    ] as const) {
      const needed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      for (const catalog of catalogs) {
        const keys = new Set(catalogKeys(prepareCatalog(catalog, lang)));
        const bases = [...keys].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, ''));
        for (const base of bases)
          for (const c of needed)
            expect(keys.has(`${base}_${c}`), `${lang} ${base}_${c}`).toBe(true);
      }
    }
  });

  it('has every key the window asks for', () => {
    const keys = new Set(catalogKeys(en).map((k) => k.replace(PLURAL, '')));
    const prefixes = [...keys];
    const missing: string[] = [];
    let looked = 0;
    for (const file of sources(renderer)) {
      const text = readFileSync(file, 'utf8');
      // t('a.b'), t(`a.${x}.c`), i18nKey="a.b"
      for (const m of text.matchAll(
        /\b(?:t|word)\(\s*(['`])([a-zA-Z][\w.$-]*(?:\$\{[^}]+\}[\w.-]*)*)\1/g,
      )) {
        looked++;
        const key = m[2]!;
        if (key.includes('${')) {
          const head = key.slice(0, key.indexOf('${'));
          if (!prefixes.some((k) => k.startsWith(head)))
            missing.push(`${relative(root, file)}: ${key}`);
        } else if (!keys.has(key)) missing.push(`${relative(root, file)}: ${key}`);
      }
      for (const m of text.matchAll(/i18nKey="([^"]+)"/g))
        if (!keys.has(m[1]!)) missing.push(`${relative(root, file)}: ${m[1]}`);
    }
    expect(looked).toBeGreaterThan(150);
    expect(missing).toEqual([]);
  });
});

describe('no hard-coded words in the window', () => {
  it('finds none in the components, stores and services', () => {
    const found = sources(renderer).flatMap((f) =>
      scanSource(relative(root, f), readFileSync(f, 'utf8')),
    );
    expect(found.map((f) => `${f.file}:${f.line} ${f.text}`)).toEqual([]);
  });

  it('catches each way a word can be written in', () => {
    const src = `
      export function X({ n }: { n: number }) {
        const note = { tone: 'info', text: 'Nothing was sent.' };
        return (
          <div className={\`row \${n}\`} aria-label="Files in the inbox">
            Send all
            <input placeholder="e.g. Seattle" title={t('a.b')} />
            {n > 1 ? \`\${n} files waiting\` : t('x.y')}
            {note.text}
          </div>
        );
      }`;
    const found = scanSource('x.tsx', src).map((f) => f.text);
    expect(found).toEqual([
      'Nothing was sent.',
      'aria-label="Files in the inbox"',
      'Send all',
      'placeholder="e.g. Seattle"',
      '${n} files waiting'.replace('${n}', '').trim(),
    ]);
  });
});
