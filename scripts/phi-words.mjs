// Writes src-main/core/precheck/phi/data/common-words.json: the single English words that
// compromise's lexicon knows as something other than a person's name (verbs, adjectives,
// nouns, places…), lower case. The identifier screen reads a capitalized word from this list
// as an ordinary word ("Visit", "Young", "Will"), not a name, unless its context says it is
// one ("Dr. Young"). Derived from compromise (MIT, © Spencer Kelly); run again after upgrading it:
//   node scripts/phi-words.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nlp from 'compromise';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person', 'Honorific']);
const lexicon = nlp.model().one.lexicon;
const words = [];
const names = [];
for (const [word, tag] of Object.entries(lexicon)) {
  if (!/^[a-z][a-z'-]*$/.test(word)) continue;
  const tags = Array.isArray(tag) ? tag : [tag];
  if (tags.some((t) => NAME_TAGS.has(t))) names.push(word);
  else words.push(word);
}
const file = join(root, 'src-main/core/precheck/phi/data/common-words.json');
writeFileSync(
  file,
  JSON.stringify({
    source: `compromise ${nlp.version} lexicon (MIT): words not tagged as names`,
    words: words.sort(),
    names: names.sort(),
  }),
);
console.log(`${file}: ${words.length} words, ${names.length} names`);
