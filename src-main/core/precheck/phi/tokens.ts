/** Words of a text with their place and shape, for the name recognizer. */

/** One word: letters, with inner apostrophes and hyphens (O'Brien, Smith-Jones). */
export interface Word {
  text: string;
  start: number;
  end: number;
  /** Lower case, possessive dropped ("addison's" → "addison"): the key for every list. */
  key: string;
  /** The parts of a hyphenated word's key ("hiv-infected" → hiv, infected); else [key]. */
  parts: string[];
  /** Capitalized: an upper-case first letter and lower-case letters (Maria, McDonald). */
  cap: boolean;
  /** Upper case only, two letters or more (MARIA, PO). */
  upper: boolean;
}

export const WORD = /[A-Za-zÀ-ÖØ-öø-ÿ]+(?:['’-][A-Za-zÀ-ÖØ-öø-ÿ]+)*/g;
export const UPPER_FIRST = /^[A-ZÀ-ÖØ-Þ]/;
const HAS_LOWER = /[a-zß-öø-ÿ]/;
const ALL_UPPER = /^[A-ZÀ-ÖØ-Þ'’-]{2,}$/;

/** The words of `text`, in order. */
export function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    const t = m[0];
    out.push({
      text: t,
      start: m.index,
      end: m.index + t.length,
      key: t.toLowerCase().replace(/['’]s$/, ''),
      parts: t
        .toLowerCase()
        .replace(/['’]s$/, '')
        .split('-'),
      cap: UPPER_FIRST.test(t) && HAS_LOWER.test(t),
      upper: ALL_UPPER.test(t),
    });
  }
  return out;
}
