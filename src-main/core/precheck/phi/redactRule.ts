/**
 * The `redact` guided fix, shaped as a rule of the fix engine (branch h/fixes:
 * `FixRuleSpec` in precheck/fixes/rule.ts, joined with `registerFixRule(redactRule)`): each
 * cell's identifiers, as the screen finds them, replaced by a placeholder of their kind
 * ("per [NAME], call [PHONE]"). It keeps no original in the artifact (`keepsOriginal: false`):
 * the engine writes `_fixes.original` NULL and the original text to the local, owner-only
 * store, so the artifact that leaves carries no identifier at all. Pure: one cell's text in,
 * its redacted text out.
 */
import type { PhiKind } from '../../../shared/report';
import { PHI_KINDS } from '../../../shared/report';
import type { FixColumn, FixParams, FixRuleSpec } from '../fixes/rule';
import type { NameLexicon } from './lexicon';
import { nameLexicon } from './lexicon';
import { REDACTION_TOKENS, redactText } from './redact';
import { mayHoldIdentifierSql } from './screen';

/** What the rule knows of a column; its documented spellings are never redacted ("Ryan White"). */
type RedactColumn = Pick<FixColumn, 'name' | 'type' | 'documented'>;

/** `fix.params` of `redact`: `kinds`, the kinds to replace (default: every kind in text). */
type RedactParams = FixParams;

/** The kinds a cell's text can hold (`identifier-column` is a whole column: drop-column). */
const TEXT_KINDS: readonly PhiKind[] = PHI_KINDS.filter((k) => k !== 'identifier-column');

function kindsOf(params: RedactParams): PhiKind[] | null {
  const k = params.kinds;
  if (k === undefined) return [...TEXT_KINDS];
  if (!Array.isArray(k) || k.length === 0) return null;
  return k.every((x) => TEXT_KINDS.includes(x as PhiKind)) ? (k as PhiKind[]) : null;
}

/** The lexicon with a column's documented values as known phrases (made once a column). */
const lexicons = new WeakMap<readonly string[], NameLexicon>();
function lexiconFor(col: RedactColumn): NameLexicon {
  let lex = lexicons.get(col.documented);
  if (!lex) {
    lex = nameLexicon(col.documented.map((d) => d.toLowerCase()));
    lexicons.set(col.documented, lex);
  }
  return lex;
}

/** The `redact` rule of the fix engine. */
export const redactRule = {
  rule: 'redact',
  kind: 'value',
  keepsOriginal: false,
  // Any column the screen reads: a typed column's text that did not fit is screened too.
  fits: (_col: RedactColumn): string | null => null,
  checkParams: (params: RedactParams): string | null =>
    kindsOf(params)
      ? null
      : `"kinds" must be a list of kinds of identifier found in text (${TEXT_KINDS.join(', ')}).`,
  /** The cell's text with its identifiers replaced, or null when it holds none (left as it was). */
  apply(value: string, params: RedactParams, col: RedactColumn): string | null {
    const kinds = kindsOf(params);
    if (!kinds) return null;
    const r = redactText(value, kinds, lexiconFor(col));
    return r.spans.length ? r.text : null;
  },
  /** Only the values the screen would read (the same SQL test). */
  candidates: (v: string): string | null => mayHoldIdentifierSql(v),
  describe(params: RedactParams, column: string): string {
    const kinds = kindsOf(params) ?? [];
    const tokens = kinds.map((k) => REDACTION_TOKENS[k]).join(', ');
    return `identifiers in "${column}" replaced by ${tokens}; the original text kept on this computer only`;
  },
} satisfies FixRuleSpec;
