/**
 * Every identifier in a text: the pattern kinds and person names, overlaps settled. One
 * function for the screen, the masked examples and the redaction, so that what the report
 * counts is what a redaction removes.
 */
import type { PhiKind } from '../../../shared/report';
import type { NameLexicon } from './lexicon';
import { nameLexicon } from './lexicon';
import { maskIdentifier } from './mask';
import { nameSpans } from './names';
import type { Span } from './patterns';
import { patternSpans, settle } from './patterns';

export interface DetectOptions {
  /** Only these kinds (default: every kind). */
  kinds?: readonly PhiKind[];
  /** Default: the bundled lexicon. */
  lexicon?: NameLexicon;
  /** Skip the name recognizer (a value that cannot hold a name). */
  names?: boolean;
  /** Skip the pattern kinds (a value no pattern matched in SQL). */
  patterns?: boolean;
}

/** The identifiers of `text`, in order, not overlapping. */
export function findIdentifiers(text: string, o: DetectOptions = {}): Span[] {
  const spans: Span[] = [];
  if (o.patterns !== false) spans.push(...patternSpans(text));
  if (o.names !== false) spans.push(...nameSpans(text, o.lexicon ?? nameLexicon()));
  const settled = settle(spans);
  return o.kinds ? settled.filter((s) => o.kinds!.includes(s.kind)) : settled;
}

/** `text` with each span replaced by `by(span)`. */
export function replaceSpans(
  text: string,
  spans: readonly Span[],
  by: (s: Span) => string,
): string {
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + by(s);
    at = s.end;
  }
  return out + text.slice(at);
}

/** `text` with each identifier shown masked ("call ***-***-0187"), for a report. */
export function maskedText(text: string, spans: readonly Span[]): string {
  return replaceSpans(text, spans, (s) => maskIdentifier(s.kind, text.slice(s.start, s.end)));
}
