/**
 * Person names in free text, by lexicon and context: a known first name followed by a
 * capitalized word ("Maria Gonzalez", "Brittny Kraska"), a title before a capitalized word
 * ("Dr. Alvarez", "Mrs. Okafor"), "Last, First" ("KRASKA, BRITTNY"), a known first name alone
 * ("spoke with Kevin"), and a surname after a word that introduces a person ("per Nguyen",
 * "daughter Maria"). Ordinary English words count only in such a context ("Dr. Young", never
 * "Young"), clinical words and known phrases never ("Ryan White" program), and a capitalized
 * word followed by a disease word is an eponym, not a person ("Kaposi sarcoma", "Addison
 * disease"). Microseconds a value: no model, nothing to load at run time but the word lists.
 */
import type { Span } from './patterns';
import { EPONYM_HEADS, HONORIFICS, NAME_CUES } from './clinicalTerms';
import type { NameLexicon } from './lexicon';
import type { Word } from './tokens';
import { UPPER_FIRST, WORD, words } from './tokens';

/** Names of services and specialists ("Hepatology", "Psychiatry", "Pediatrics"), not people. */
const SPECIALTY = /(?:ology|ologist|ologists|iatry|iatrics|iatrist)$/;

/** Short all-capital words are abbreviations (ART, PO, BID) unless the whole text shouts. */
const MIN_UPPER_NAME = 4;

interface Ctx {
  w: Word[];
  text: string;
  lex: NameLexicon;
  clinical: boolean[];
  shouting: boolean;
}

/** Every person-name span of `text`. */
export function nameSpans(text: string, lex: NameLexicon): Span[] {
  if (!mayHoldName(text, lex)) return [];
  const w = words(text);
  if (w.length === 0) return [];
  const ctx: Ctx = {
    w,
    text,
    lex,
    clinical: clinicalMarks(w, lex),
    shouting: !/[a-z]/.test(text),
  };
  const spans: Span[] = [];
  const taken = new Array<boolean>(w.length).fill(false);
  const add = (from: number, to: number, start = w[from]!.start): void => {
    if (eponym(ctx, to)) return;
    for (let k = from; k <= to; k++) if (ctx.clinical[k]) return;
    for (let k = from; k <= to; k++) taken[k] = true;
    spans.push({ start, end: w[to]!.end, kind: 'name' });
  };
  for (let i = 0; i < w.length; i++) {
    if (taken[i]) continue;
    const found = titled(ctx, i) ?? fullName(ctx, i) ?? lastFirst(ctx, i) ?? lowerCase(ctx, i);
    if (found) {
      add(found.from, found.to, found.start);
      i = found.to;
      continue;
    }
    if (strongFirst(ctx, i) || cuedSurname(ctx, i)) add(i, i);
  }
  return spans;
}

const SCAN = new RegExp(WORD.source, 'g');

/**
 * Whether any rule below could find a name in `text`: a word in name form that a name list
 * holds or no word list does, a title, or a lower-case word no list knows (a name in lower
 * case). Most clinical text has none (every word an ordinary or clinical one) and is passed
 * over without building its words: the screen's time goes to the few values that may.
 */
export function mayHoldName(text: string, lex: NameLexicon): boolean {
  // Its own regular expression: `words` (matchAll) would start at a shared one's lastIndex.
  SCAN.lastIndex = 0;
  let seen = interesting.get(lex);
  if (!seen) interesting.set(lex, (seen = new Map()));
  for (let m = SCAN.exec(text); m; m = SCAN.exec(text)) {
    const t = m[0];
    let yes = seen.get(t);
    if (yes === undefined) {
      yes = mayBeNamePart(t, lex);
      // A note's vocabulary is small: the answers are kept, up to a bound.
      if (seen.size < 200_000) seen.set(t, yes);
    }
    if (yes) return true;
  }
  return false;
}

/** Each lexicon's answers for the words met so far. */
const interesting = new WeakMap<NameLexicon, Map<string, boolean>>();

function mayBeNamePart(t: string, lex: NameLexicon): boolean {
  // Hyphens and apostrophes: left to the full rules (rare in notes).
  if (/['’-]/.test(t)) return true;
  const key = t.toLowerCase();
  if (lex.clinical.has(key)) return false;
  if (HONORIFICS.has(key)) return true;
  const known = lex.common.has(key) || SPECIALTY.test(key);
  if (UPPER_FIRST.test(t))
    return t.length > 1 && (!known || lex.first.has(key) || lex.last.has(key));
  return key.length >= 3 && !known;
}

/** Capitalized (or an upper-case word long enough, or any in an all-capitals text). */
function nameForm(ctx: Ctx, i: number): boolean {
  const t = ctx.w[i];
  if (!t || ctx.clinical[i]) return false;
  return t.cap || (t.upper && (ctx.shouting || t.text.length >= MIN_UPPER_NAME));
}

function isFirst(ctx: Ctx, i: number): boolean {
  return nameForm(ctx, i) && ctx.lex.first.has(ctx.w[i]!.key);
}

/** An ordinary word; a hyphenated one when a part is ("HIV-infected"), unless a part is a name. */
function isCommon(ctx: Ctx, i: number): boolean {
  const t = ctx.w[i]!;
  if (ctx.lex.common.has(t.key) || SPECIALTY.test(t.key)) return true;
  if (t.parts.length < 2) return false;
  const { common, first, last } = ctx.lex;
  return t.parts.some((p) => common.has(p)) && !t.parts.some((p) => first.has(p) || last.has(p));
}

/** A known first name that is no ordinary word (Maria, Kevin; not Will or Hope). */
function strongFirst(ctx: Ctx, i: number): boolean {
  return isFirst(ctx, i) && !isCommon(ctx, i) && !HONORIFICS.has(ctx.w[i]!.key);
}

/** A known surname that is no ordinary word (Gonzalez; not Young or Daily). */
function strongLast(ctx: Ctx, i: number): boolean {
  return nameForm(ctx, i) && ctx.lex.last.has(ctx.w[i]!.key) && !isCommon(ctx, i);
}

/** A capitalized word no list knows (Kraska, Okafor): a surname where context says so. */
function unknownCap(ctx: Ctx, i: number): boolean {
  const k = ctx.w[i]?.key ?? '';
  return (
    nameForm(ctx, i) &&
    k.length >= 2 &&
    !isCommon(ctx, i) &&
    !ctx.lex.first.has(k) &&
    !ctx.lex.last.has(k) &&
    !HONORIFICS.has(k)
  );
}

/** What may follow a first name as its surname. */
function surnameAfterFirst(ctx: Ctx, i: number, firstIsStrong: boolean): boolean {
  if (strongLast(ctx, i) || unknownCap(ctx, i)) return true;
  // A surname that is also a word or a first name (Young, James) after a clear first name.
  return firstIsStrong && nameForm(ctx, i) && (ctx.lex.last.has(ctx.w[i]!.key) || isFirst(ctx, i));
}

/** The text between word i and the next one. */
function gap(ctx: Ctx, i: number): string {
  const a = ctx.w[i];
  const b = ctx.w[i + 1];
  return a && b ? ctx.text.slice(a.end, b.start) : '';
}

const SPACE = /^ {1,2}$/;
const DOT_SPACE = /^\.? {0,2}$/;

/** A middle initial after word i ("John Q. Public"): the index of the word after it, or i + 1. */
function afterInitial(ctx: Ctx, i: number): number {
  const m = ctx.w[i + 1];
  if (m && m.text.length === 1 && /[A-Z]/.test(m.text) && DOT_SPACE.test(gap(ctx, i + 1)))
    return i + 2;
  return i + 1;
}

interface Found {
  from: number;
  to: number;
  start?: number;
}

/** "Dr. Alvarez", "Mrs. Maria Gonzalez" (never "Dr. visit" or "Dr. Visit"). */
function titled(ctx: Ctx, i: number): Found | null {
  if (!HONORIFICS.has(ctx.w[i]!.key) || !DOT_SPACE.test(gap(ctx, i)) || gap(ctx, i) === '')
    return null;
  const j = i + 1;
  if (!nameForm(ctx, j)) return null;
  const k = ctx.w[j]!.key;
  if (ctx.lex.common.has(k) && !ctx.lex.last.has(k) && !ctx.lex.first.has(k)) return null;
  let to = j;
  const next = afterInitial(ctx, j);
  const joined = next > j + 1 || SPACE.test(gap(ctx, j));
  if (joined && isFirst(ctx, j) && (strongLast(ctx, next) || unknownCap(ctx, next))) to = next;
  return { from: i, to };
}

/** "Maria Gonzalez", "John Q. Public", "Will Smith" (a first name, then a surname). */
function fullName(ctx: Ctx, i: number): Found | null {
  const first = isFirst(ctx, i);
  const unknown = !first && unknownCap(ctx, i);
  if (!first && !unknown) return null;
  const j = afterInitial(ctx, i);
  if (j === i + 1 && !SPACE.test(gap(ctx, i))) return null;
  if (!ctx.w[j]) return null;
  const strong = first && strongFirst(ctx, i);
  // An unknown first name (Xiomara) only before a clear surname.
  const ok = unknown ? strongLast(ctx, j) : surnameAfterFirst(ctx, j, strong);
  if (!ok) return null;
  // A common first word ("Will") needs a clear surname ("Will Smith", not "Will Daily"), a
  // surname no word list knows ("Ray Empie") or a middle initial ("Jay B. Dulmage").
  if (first && !strong && !strongLast(ctx, j) && !unknownCap(ctx, j) && j === i + 1) return null;
  return { from: i, to: j };
}

/** "Gonzalez, Maria", "KRASKA, BRITTNY". */
function lastFirst(ctx: Ctx, i: number): Found | null {
  if (!(strongLast(ctx, i) || unknownCap(ctx, i))) return null;
  if (!/^ ?, ?$/.test(gap(ctx, i))) return null;
  return strongFirst(ctx, i + 1) ? { from: i, to: i + 1 } : null;
}

/** A lower-case word that may be part of a name: no ordinary or clinical word, 3 letters or more. */
function lowerNamePart(ctx: Ctx, i: number): boolean {
  const t = ctx.w[i];
  return (
    t !== undefined &&
    !ctx.clinical[i] &&
    t.text === t.text.toLowerCase() &&
    t.text.length >= 3 &&
    !isCommon(ctx, i) &&
    !HONORIFICS.has(t.key)
  );
}

/** A name written in lower case: a known first name, then a surname ("kelvin sarwar"). */
function lowerCase(ctx: Ctx, i: number): Found | null {
  if (!lowerNamePart(ctx, i) || !ctx.lex.first.has(ctx.w[i]!.key)) return null;
  if (!SPACE.test(gap(ctx, i)) || !lowerNamePart(ctx, i + 1)) return null;
  return { from: i, to: i + 1 };
}

/** "per Nguyen", "spoke with Kraska", "daughter Maria". */
function cuedSurname(ctx: Ctx, i: number): boolean {
  const prev = ctx.w[i - 1];
  if (!prev || !NAME_CUES.has(prev.key) || !/^[ :]{1,3}$/.test(gap(ctx, i - 1))) return false;
  // After such a word even a first name that is also a word is a person ("daughter Christian").
  return (
    strongLast(ctx, i) || isFirst(ctx, i) || (unknownCap(ctx, i) && ctx.w[i]!.text.length >= 3)
  );
}

/** Word `to` is followed by a disease word: "Kaposi sarcoma", "Addison's disease". */
function eponym(ctx: Ctx, to: number): boolean {
  const next = ctx.w[to + 1];
  return next !== undefined && /^[ -]{1,2}$/.test(gap(ctx, to)) && EPONYM_HEADS.has(next.key);
}

/** Words inside a clinical word or a known phrase (matched as whole words, any case). */
function clinicalMarks(w: Word[], lex: NameLexicon): boolean[] {
  const marks = w.map((t) => lex.clinical.has(t.key) || t.parts.some((p) => lex.clinical.has(p)));
  for (let i = 0; i < w.length; i++) {
    for (const phrase of lex.phrases.get(w[i]!.key) ?? []) {
      if (phrase.every((p, k) => w[i + k]?.key === p))
        for (let k = 0; k < phrase.length; k++) marks[i + k] = true;
    }
  }
  return marks;
}
