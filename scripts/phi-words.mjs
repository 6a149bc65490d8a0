// Writes src-main/core/precheck/phi/data/common-words.json, the ordinary words of the identifier
// screen's name recognizer:
// - `words`: lower-case English words, from SCOWL (Debian's `wamerican`, /usr/share/dict/
//   american-english: its lower-case entries, never its capitalized proper names) and the
//   words that compromise's lexicon tags as anything but a person's name;
// - `names`: the words compromise's lexicon tags as names;
// - `places`: its phrases of several words that name places and organizations ("Puerto Rico",
//   "Los Angeles"), `|`-separated: capitalized words that are no person.
// A capitalized word from `words` is read as an ordinary word ("Pharmacy", "Young", "Will"),
// not a name, unless its context says it is one ("Dr. Young"). Run again after upgrading
// compromise: `apt-get install wamerican && node scripts/phi-words.mjs`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nlp from 'compromise';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DICT = '/usr/share/dict/american-english';
if (!existsSync(DICT)) throw new Error(`${DICT} is missing: apt-get install wamerican`);
const NAME_TAGS = new Set([
  'FirstName',
  'MaleName',
  'FemaleName',
  'LastName',
  'Person',
  'Honorific',
]);
const words = new Set();
const names = new Set();
const places = new Set();
const PLACE_TAGS = new Set(['Country', 'City', 'Region', 'Place', 'Organization', 'SportsTeam']);
for (const [word, tag] of Object.entries(nlp.model().one.lexicon)) {
  const tags = Array.isArray(tag) ? tag : [tag];
  if (/^[a-z][a-z'-]* [a-z' -]+$/.test(word) && tags.some((t) => PLACE_TAGS.has(t))) {
    if (!tags.some((t) => NAME_TAGS.has(t))) places.add(word);
    continue;
  }
  if (!/^[a-z][a-z'-]*$/.test(word)) continue;
  if (tags.some((t) => NAME_TAGS.has(t))) names.add(word);
  else words.add(word);
}
for (const line of readFileSync(DICT, 'utf8').split('\n')) {
  if (/^[a-z]{2,}$/.test(line) && !names.has(line)) words.add(line);
}
const file = join(root, 'src-main/core/precheck/phi/data/common-words.json');
writeFileSync(
  file,
  JSON.stringify({
    source: `SCOWL via Debian wamerican (lower-case words) and compromise ${nlp.version}'s lexicon`,
    words: [...words].sort().join(' '),
    names: [...names].sort().join(' '),
    places: [...places].sort().join('|'),
  }),
);
console.log(`${file}: ${words.size} words, ${names.size} names, ${places.size} places`);
