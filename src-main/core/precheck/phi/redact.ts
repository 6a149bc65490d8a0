/**
 * The `redact` guided fix's text operation: every identifier the screen finds replaced by a
 * placeholder of its kind. Pure: the fix engine applies it cell by cell.
 */
import type { PhiKind } from '../../../shared/report';
import { findIdentifiers, replaceSpans } from './detect';
import type { NameLexicon } from './lexicon';

/** What replaces an identifier of each kind. */
export const REDACTION_TOKENS: Readonly<Record<PhiKind, string>> = {
  name: '[NAME]',
  phone: '[PHONE]',
  email: '[EMAIL]',
  ssn: '[SSN]',
  'street-address': '[ADDRESS]',
  'record-number': '[RECORD]',
  url: '[URL]',
  'ip-address': '[IP]',
  'identifier-column': '[REDACTED]',
};

export interface Redaction {
  text: string;
  /** Where the identifiers were in the original text. */
  spans: { start: number; end: number; kind: PhiKind }[];
}

/**
 * `text` with each identifier of `kinds` (default: all) replaced by its placeholder
 * ("per [NAME], call [PHONE]"), using the screen's own detectors.
 */
export function redactText(
  text: string,
  kinds?: readonly PhiKind[],
  lexicon?: NameLexicon,
): Redaction {
  const spans = findIdentifiers(text, { kinds, lexicon });
  return {
    text: replaceSpans(text, spans, (s) => REDACTION_TOKENS[s.kind]),
    spans: spans.map((s) => ({ start: s.start, end: s.end, kind: s.kind })),
  };
}
