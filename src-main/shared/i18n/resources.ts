/**
 * What every language's catalogs need before i18next reads them: each plural form the
 * language has (French says "many" for millions: it takes the `_other` wording), and French
 * spacing (a no-break space before « : » and inside « », so a colon never starts a line).
 * One function for main's catalogs and the window's.
 */

type Tree = { [key: string]: string | Tree };

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** The plural categories of a language, as `Intl` knows them. */
function categories(lang: string): string[] {
  return new Intl.PluralRules(lang).resolvedOptions().pluralCategories as string[];
}

function frenchSpacing(text: string): string {
  return text.replace(/ ([:;!?»])/g, '\u00a0$1').replace(/« /g, '«\u00a0');
}

/** A copy of `tree` with the missing plural forms filled from `_other`, spaced for French. */
export function prepareCatalog<T extends object>(tree: T, lang: string): T {
  const cats = categories(lang);
  const walk = (node: Tree): Tree => {
    const out: Tree = {};
    for (const [key, value] of Object.entries(node)) {
      out[key] =
        typeof value === 'string' ? (lang === 'fr' ? frenchSpacing(value) : value) : walk(value);
    }
    for (const [key, value] of Object.entries(out)) {
      if (typeof value !== 'string' || !key.endsWith('_other')) continue;
      const base = key.replace(PLURAL, '');
      for (const c of cats) if (!(`${base}_${c}` in out)) out[`${base}_${c}`] = value;
    }
    return out;
  };
  return walk(tree as unknown as Tree) as unknown as T;
}

/** Every key of a catalog, dotted ("banner.ready", "rows.count_one"). */
export function catalogKeys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : catalogKeys(v as object, `${prefix}${k}.`),
  );
}
