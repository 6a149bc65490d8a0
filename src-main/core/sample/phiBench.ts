/**
 * The identifier screen's benchmark (`npm run bench -- --phi`): a labelled set of free-text
 * values, half clean clinical notes (clinicalText.ts), half notes carrying one identifier of a
 * known kind at a known place (identifiers.ts, people drawn from a given list of names), and
 * recall and precision per kind of a detector over it. Name recognizers compared: the screen's
 * lexicon and context rules, compromise's `people()`, and both together.
 */
import type { PhiKind } from '../../shared/report';
import { findIdentifiers } from '../precheck/phi/detect';
import { nameLexicon } from '../precheck/phi/lexicon';
import type { Span } from '../precheck/phi/patterns';
import { patternSpans, settle } from '../precheck/phi/patterns';
import { clinicalNote } from './clinicalText';
import type { NameList, TextKind } from './identifiers';
import { identifier, TEXT_KINDS, withIdentifier } from './identifiers';
import { stream } from './random';

export interface Labelled {
  text: string;
  /** The identifier's kind and place; null for a clean note. */
  label: { kind: TextKind; start: number; end: number; surnameKnown: boolean } | null;
}

/** `n` values: the first half clean, the second with one identifier each, kinds in turn. */
export function labelledSet(n: number, names: NameList, seed = 1): Labelled[] {
  const r = stream(seed, 'phi-benchmark');
  const known = nameLexicon().last;
  const out: Labelled[] = [];
  const clean = Math.floor(n / 2);
  for (let i = 0; i < clean; i++) out.push({ text: clinicalNote(r), label: null });
  for (let i = clean; i < n; i++) {
    const kind = TEXT_KINDS[(i - clean) % TEXT_KINDS.length]!;
    const id = identifier(kind, r, names);
    const text = withIdentifier(clinicalNote(r), kind, id, r);
    const start = text.indexOf(id);
    const surname =
      kind === 'name'
        ? names.last.find((l) => id.toLowerCase().includes(l.toLowerCase()))
        : undefined;
    out.push({
      text,
      label: {
        kind,
        start,
        end: start + id.length,
        surnameKnown: surname !== undefined && known.has(surname.toLowerCase()),
      },
    });
  }
  return out;
}

/** A name recognizer under test: the name spans of each text. */
export type NameEngine = (texts: string[]) => Promise<Span[][]>;

/** The screen's own recognizer (lexicon and context). */
export const lexiconEngine: NameEngine = async (texts) =>
  texts.map((t) => (nameCandidate(t) ? findIdentifiers(t, { patterns: false }) : []));

/**
 * The screen's SQL test for a value that could hold a name (`nameCandidateSql`): letters, a
 * second word, a capital letter somewhere. Values it rejects never reach the recognizer.
 */
export function nameCandidate(t: string): boolean {
  return /[A-Za-z][^A-Za-z0-9]+[A-Za-z]/.test(t) && /[A-Z]/.test(t);
}

/** compromise's `people()`, one document per value (its spans by character offset). */
export async function compromiseEngine(): Promise<NameEngine> {
  const nlp = (await import('compromise')).default;
  return async (texts) =>
    texts.map((t) =>
      (
        nlp(t).people().json({ offset: true }) as { offset: { start: number; length: number } }[]
      ).map((p) => ({
        start: p.offset.start,
        end: p.offset.start + p.offset.length,
        kind: 'name' as const,
      })),
    );
}

/** Both: a name either finds. */
export function unionEngine(a: NameEngine, b: NameEngine): NameEngine {
  return async (texts) => {
    const [x, y] = [await a(texts), await b(texts)];
    return texts.map((_, i) => [...x[i]!, ...y[i]!]);
  };
}

export interface KindScore {
  kind: PhiKind;
  positives: number;
  found: number;
  falsePositives: number;
  recall: number;
  precision: number;
}

export interface BenchScore {
  values: number;
  kinds: KindScore[];
  /** Share of clean notes with nothing flagged. */
  cleanPrecision: number;
  cleanFlagged: number;
  /** Names: recall where the surname is in the shipped lexicon, and where it is not. */
  nameRecallKnownSurname: number;
  nameRecallUnknownSurname: number;
  ms: number;
}

/** Scores the screen's patterns plus `names` over the labelled set. */
export async function scoreScreen(set: Labelled[], names: NameEngine): Promise<BenchScore> {
  const t0 = performance.now();
  const texts = set.map((x) => x.text);
  const nameSpans = await names(texts);
  const found = texts.map((t, i) =>
    settle([...patternSpans(t), ...nameSpans[i]!.filter((s) => s.kind === 'name')]),
  );
  const ms = performance.now() - t0;
  const kinds: KindScore[] = TEXT_KINDS.map((kind) => {
    let positives = 0;
    let hit = 0;
    let fp = 0;
    set.forEach((x, i) => {
      const spans = found[i]!.filter((s) => s.kind === kind);
      const l = x.label;
      if (l?.kind === kind) {
        positives++;
        const ok = spans.some((s) => s.start < l.end && s.end > l.start);
        if (ok) hit++;
        fp += spans.filter((s) => !(s.start < l.end && s.end > l.start)).length;
      } else fp += spans.length;
    });
    const flagged = hit + fp;
    return {
      kind,
      positives,
      found: hit,
      falsePositives: fp,
      recall: positives ? hit / positives : 1,
      precision: flagged ? hit / flagged : 1,
    };
  });
  const clean = set.filter((x) => x.label === null).length;
  const cleanFlagged = set.filter((x, i) => x.label === null && found[i]!.length > 0).length;
  const nameRecall = (known: boolean): number => {
    const idx = set.flatMap((x, i) =>
      x.label?.kind === 'name' && x.label.surnameKnown === known ? [i] : [],
    );
    const hit = idx.filter((i) => {
      const l = set[i]!.label!;
      return found[i]!.some((s) => s.kind === 'name' && s.start < l.end && s.end > l.start);
    });
    return idx.length ? hit.length / idx.length : 1;
  };
  return {
    values: set.length,
    kinds,
    cleanPrecision: clean ? 1 - cleanFlagged / clean : 1,
    cleanFlagged,
    nameRecallKnownSurname: nameRecall(true),
    nameRecallUnknownSurname: nameRecall(false),
    ms,
  };
}

/** Examples of misses and false positives, for people tuning the recognizer (never run on real data). */
export async function mistakes(
  set: Labelled[],
  names: NameEngine,
  kind: PhiKind,
  limit = 20,
): Promise<{ missed: string[]; wrong: string[] }> {
  const nameSpans = await names(set.map((x) => x.text));
  const missed: string[] = [];
  const wrong: string[] = [];
  set.forEach((x, i) => {
    const spans = settle([...patternSpans(x.text), ...nameSpans[i]!]).filter(
      (s) => s.kind === kind,
    );
    const l = x.label;
    const hit = l?.kind === kind && spans.some((s) => s.start < l.end && s.end > l.start);
    if (l?.kind === kind && !hit && missed.length < limit) missed.push(x.text);
    for (const s of spans)
      if (!(l?.kind === kind && s.start < l.end && s.end > l.start) && wrong.length < limit)
        wrong.push(`${x.text}  →  [${x.text.slice(s.start, s.end)}]`);
  });
  return { missed, wrong };
}

/**
 * `n` distinct free-text values for the screen's speed benchmark (a sig column with many
 * distinct values): round(n × `rate`) with one identifier each, the rest clean notes.
 */
export function distinctNotes(n: number, names: NameList, rate: number, seed = 2): string[] {
  const r = stream(seed, 'phi-distinct-notes');
  const withId = Math.round(n * rate);
  const clean = new Set<string>();
  while (clean.size < n - withId) clean.add(clinicalNote(r));
  const out = [...clean];
  for (let k = 0; k < withId; k++) {
    const kind = TEXT_KINDS[k % TEXT_KINDS.length]!;
    // Spread through the list, as they would be through a file.
    out.splice(
      r.int(0, out.length),
      0,
      withIdentifier(clinicalNote(r), kind, identifier(kind, r, names), r),
    );
  }
  return out;
}
