/**
 * The pattern kinds of the identifier screen: SSNs, North American phone and fax numbers,
 * email addresses, URLs, IPv4/IPv6 addresses, street addresses and record numbers next to
 * their label. Each is one regular expression written in the subset that RE2 (DuckDB's
 * `regexp_matches`, the cheap test over distinct values) and JavaScript (the spans, masking
 * and redaction) read alike: no look-around, no back-references, no inline flags; case is
 * spelled out with character classes instead.
 */
import type { PhiKind } from '../../../shared/report';

/** `[Ss][Tt]` for "st": both cases of each letter, so RE2 and JavaScript agree without flags. */
function ci(word: string): string {
  return [...word]
    .map((ch) => (/[a-z]/i.test(ch) ? `[${ch.toUpperCase()}${ch.toLowerCase()}]` : escape(ch)))
    .join('');
}

function escape(ch: string): string {
  return /[.*+?^${}()|[\]\\/#-]/.test(ch) ? `\\${ch}` : ch;
}

const any = (words: readonly string[]): string => `(?:${words.map(ci).join('|')})`;

const SSN = [
  String.raw`\b\d{3}-\d{2}-\d{4}\b`,
  String.raw`\b\d{3} \d{2} \d{4}\b`,
  // Nine digits after the word: "SSN 123456789".
  `${any(['ssn', 'ss#', 'social security number', 'social security no', 'social security'])}[ .:#]*\\d{9}\\b`,
];

// NANP: area code and exchange start with 2-9 (555 numbers included).
const PHONE = [
  String.raw`(?:\+?1[-. ]?)?\([2-9]\d{2}\) ?[2-9]\d{2}[-. ]\d{4}\b`,
  String.raw`(?:\+?1[-. ])?\b[2-9]\d{2}[-. ][2-9]\d{2}[-. ]\d{4}\b`,
  // Ten digits in a row only after a word that says so.
  `${any(['phone', 'tel', 'cell', 'fax', 'call', 'ph', 'pager', 'mobile', 'contact'])}[ .:#]*(?:\\+?1)?[2-9]\\d{9}\\b`,
];

const EMAIL = [String.raw`\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b`];

const TLD = ['com', 'org', 'net', 'edu', 'gov', 'info', 'biz', 'io', 'health'];
const URL = [
  String.raw`\b(?:[Hh][Tt][Tt][Pp][Ss]?|[Ff][Tt][Pp])://[^\s<>"]+`,
  String.raw`\b[Ww][Ww][Ww]\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+[^\s<>"]*`,
  `\\b[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.${any(TLD)}\\b(?:/[^\\s<>"]*)?`,
];

const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
const HEX = '[0-9A-Fa-f]{1,4}';
const IP = [
  `\\b${OCTET}(?:\\.${OCTET}){3}\\b`,
  `\\b(?:${HEX}:){7}${HEX}\\b`,
  // Compressed (`2001:db8::8a2e:370:7334`): one `::`, so times (10:30:00) never match.
  `\\b(?:${HEX}:){1,6}(?::${HEX}){1,6}\\b`,
];

/** Street types and unit words: shown as written in a masked address ("*** M*** St"). */
export const ADDRESS_WORDS: ReadonlySet<string> = new Set<string>();

const SUFFIXES = [
  'street',
  'st',
  'avenue',
  'ave',
  'av',
  'road',
  'rd',
  'boulevard',
  'blvd',
  'drive',
  'dr',
  'lane',
  'ln',
  'court',
  'ct',
  'way',
  'place',
  'pl',
  'terrace',
  'ter',
  'parkway',
  'pkwy',
  'highway',
  'hwy',
  'circle',
  'cir',
  'square',
  'sq',
  'trail',
  'trl',
];
for (const w of [
  ...SUFFIXES,
  'apt',
  'suite',
  'ste',
  'unit',
  'box',
  'north',
  'south',
  'east',
  'west',
])
  (ADDRESS_WORDS as Set<string>).add(w);
const STREET_WORD = String.raw`(?:[A-Z][A-Za-z'.-]*|\d{1,3}(?:st|nd|rd|th|ST|ND|RD|TH))`;
const ADDRESS = [
  // "123 Main St", "4500 N. Martin Luther King Jr Blvd, Apt 4B", "77 W 5th Ave".
  `\\b\\d{1,6}[A-Za-z]? (?:[NSEW]\\.? |${any(['north', 'south', 'east', 'west'])} )?(?:${STREET_WORD} ){1,4}${any(SUFFIXES)}\\b\\.?(?:,? ${any(['apt', 'suite', 'ste', 'unit'])}\\.? ?#?[A-Za-z0-9-]+|,? #[A-Za-z0-9-]+)?`,
  `\\b[Pp]\\.? ?[Oo]\\.? ${ci('box')} \\d+`,
];

const RECORD_LABELS = [
  'mrn',
  'mr#',
  'medical record number',
  'medical record no',
  'medical record #',
  'medical record',
  'record number',
  'record no',
  'record #',
  'record',
  'account number',
  'account no',
  'account #',
  'account',
  'acct',
  'chart number',
  'chart no',
  'chart #',
  'patient id',
  'patient number',
  'pt id',
  'member id',
  'policy number',
  'policy no',
  'claim number',
  'case number',
  'case no',
];
const RECORD = [
  // The label, then a number of at least five digits in a row (letters before it allowed:
  // A1234567) or two groups (12-345678): never a date such as 2019-03-04.
  `\\b${any(RECORD_LABELS)}\\.?[ :#]*[A-Za-z]{0,3}-?(?:\\d{5,}|\\d{2,}-\\d{3,})[\\d-]*\\b`,
];

/** Each pattern kind and its regular expressions, in the order overlapping spans are settled. */
export const PATTERN_KINDS: readonly { kind: PhiKind; sources: readonly string[] }[] = [
  { kind: 'email', sources: EMAIL },
  { kind: 'url', sources: URL },
  { kind: 'ssn', sources: SSN },
  { kind: 'phone', sources: PHONE },
  { kind: 'ip-address', sources: IP },
  { kind: 'record-number', sources: RECORD },
  { kind: 'street-address', sources: ADDRESS },
];

/** One regular expression matching where any pattern kind does (DuckDB's cheap first test). */
export const ANY_PATTERN_SOURCE = PATTERN_KINDS.flatMap((p) => p.sources).join('|');

/** A found identifier: `text.slice(start, end)` is of `kind`. */
export interface Span {
  start: number;
  end: number;
  kind: PhiKind;
}

const COMPILED = PATTERN_KINDS.map((p) => ({
  kind: p.kind,
  res: p.sources.map((s) => new RegExp(s, 'g')),
}));

/** Trailing punctuation that ends a sentence rather than a URL or an address. */
const TRAILING = /[.,;:!?)\]'"]+$/;

/** Every pattern-kind span of `text` (overlaps included; {@link settle} keeps one of each). */
export function patternSpans(text: string): Span[] {
  const out: Span[] = [];
  for (const { kind, res } of COMPILED) {
    for (const re of res) {
      re.lastIndex = 0;
      for (const m of text.matchAll(re)) {
        let end = m.index + m[0].length;
        if (kind === 'url') end -= TRAILING.exec(m[0])?.[0].length ?? 0;
        if (end > m.index) out.push({ start: m.index, end, kind });
      }
    }
  }
  return out;
}

const PRIORITY: Record<PhiKind, number> = {
  email: 0,
  url: 1,
  ssn: 2,
  phone: 3,
  'ip-address': 4,
  'record-number': 5,
  'street-address': 6,
  name: 7,
  'identifier-column': 8,
};

/**
 * Non-overlapping spans in text order: where two overlap, the longer wins, then the kind that
 * comes first (an email before the URL of its domain).
 */
export function settle(spans: Span[]): Span[] {
  const ranked = [...spans].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || PRIORITY[a.kind] - PRIORITY[b.kind],
  );
  const kept: Span[] = [];
  for (const s of ranked) {
    if (kept.every((k) => s.end <= k.start || s.start >= k.end)) kept.push(s);
  }
  return kept.sort((a, b) => a.start - b.start);
}
