/**
 * Made-up direct identifiers of every kind the screen looks for, written as people write them
 * in free text ("per Dr. Alvarez, call (410) 555-0187", "SSN 123-45-6789", "MRN: A1234567"),
 * for `courier sample --phi` and the screen's benchmark. Phone numbers use the 555 exchange;
 * names come from the list the caller gives.
 */
import type { PhiKind } from '../../shared/report';
import type { Rng } from './random';

/** First and last names to draw people from. */
export interface NameList {
  first: readonly string[];
  last: readonly string[];
}

/** The kinds found in cell text (everything but `identifier-column`). */
export const TEXT_KINDS = [
  'name',
  'street-address',
  'phone',
  'email',
  'ssn',
  'record-number',
  'url',
  'ip-address',
] as const satisfies readonly PhiKind[];
export type TextKind = (typeof TEXT_KINDS)[number];

const digits = (r: Rng, n: number): string =>
  Array.from({ length: n }, () => String(r.int(0, 9))).join('');
const area = (r: Rng): string => `${r.int(2, 9)}${digits(r, 2)}`;

const STREETS = [
  'Main',
  'Oak',
  'Maple',
  'Cedar',
  'Washington',
  'Lincoln',
  'Park',
  'Lake',
  'Hill',
  'Martin Luther King Jr',
  'Elm',
  'Sunset',
  '5th',
  '42nd',
  'Peachtree',
  'Broadway',
];
const SUFFIX = [
  'St',
  'Street',
  'Ave',
  'Avenue',
  'Rd',
  'Road',
  'Blvd',
  'Dr',
  'Ln',
  'Ct',
  'Way',
  'Pl',
];
const DOMAINS = ['example.org', 'example.com', 'mail.example.net', 'clinic.example.edu'];

/** The identifier itself, in one of the ways it is written. */
export function identifier(kind: TextKind, r: Rng, names: NameList): string {
  const first = (): string => r.pick(names.first);
  const last = (): string => r.pick(names.last);
  switch (kind) {
    case 'name':
      return personPhrase(r, first(), last());
    case 'phone': {
      const [a, x, n] = [area(r), '555', digits(r, 4)];
      return r.pick([
        `(${a}) ${x}-${n}`,
        `${a}-${x}-${n}`,
        `${a}.${x}.${n}`,
        `+1 ${a} ${x} ${n}`,
        `1-${a}-${x}-${n}`,
        `call ${a}${x}${n}`,
        `fax: ${a}-${x}-${n}`,
      ]);
    }
    case 'ssn': {
      const s = [`${r.int(100, 665)}`, digits(r, 2).replace(/^00$/, '12'), digits(r, 4)];
      return r.pick([`${s[0]}-${s[1]}-${s[2]}`, `SSN ${s.join('')}`, `${s[0]} ${s[1]} ${s[2]}`]);
    }
    case 'email': {
      const f = first()
        .toLowerCase()
        .replace(/[^a-z]/g, '');
      const l = last()
        .toLowerCase()
        .replace(/[^a-z]/g, '');
      return r.pick([
        `${f}.${l}@${r.pick(DOMAINS)}`,
        `${f[0]}${l}${r.int(1, 99)}@${r.pick(DOMAINS)}`,
      ]);
    }
    case 'url':
      return r.pick([
        `https://portal.${r.pick(DOMAINS)}/patient/${digits(r, 6)}`,
        `www.${r.pick(DOMAINS)}`,
        `http://${r.pick(DOMAINS)}/records?id=${digits(r, 5)}`,
      ]);
    case 'ip-address':
      return r.chance(0.7)
        ? `${r.int(1, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`
        : r.chance(0.5)
          ? Array.from({ length: 8 }, () => r.int(0, 0xffff).toString(16)).join(':')
          : `2001:db8::${r.int(1, 0xffff).toString(16)}:${r.int(1, 0xffff).toString(16)}`;
    case 'street-address': {
      const n = r.int(1, 9999);
      const dir = r.chance(0.3) ? `${r.pick(['N', 'S', 'E', 'W', 'N.', 'West'])} ` : '';
      const unit = r.chance(0.3)
        ? `, ${r.pick(['Apt', 'Suite', 'Unit'])} ${r.int(1, 40)}${r.pick(['', 'B', 'C'])}`
        : '';
      return r.chance(0.1)
        ? `PO Box ${r.int(10, 9999)}`
        : `${n} ${dir}${r.pick(STREETS)} ${r.pick(SUFFIX)}${unit}`;
    }
    case 'record-number':
      return r.pick([
        `MRN ${digits(r, 8)}`,
        `MRN: A${digits(r, 7)}`,
        `acct #${digits(r, 9)}`,
        `medical record number ${digits(r, 8)}`,
        `Chart No. ${digits(r, 7)}`,
        `account ${digits(r, 3)}-${digits(r, 6)}`,
      ]);
  }
}

/** A person as a note names them; the name itself is the whole phrase but its lead words. */
function personPhrase(r: Rng, first: string, last: string): string {
  return r.pick([
    `${first} ${last}`,
    `Dr. ${last}`,
    `Dr. ${first} ${last}`,
    `Mrs. ${last}`,
    `${last.toUpperCase()}, ${first.toUpperCase()}`,
    `${last}, ${first}`,
    `${first} ${String.fromCharCode(65 + r.int(0, 25))}. ${last}`,
    `${first}`,
    // Harder: a surname alone, and a name written in lower case.
    `${last}`,
    `${first.toLowerCase()} ${last.toLowerCase()}`,
  ]);
}

/** How a note carries the identifier: before, after or inside the clinical text. */
export function withIdentifier(note: string, kind: TextKind, id: string, r: Rng): string {
  const lead: Record<TextKind, string[]> = {
    name: ['per', 'seen by', 'spoke with', 'pt daughter', 'notified', 'called'],
    phone: ['call', 'pt phone', 'cb #', 'contact'],
    ssn: ['pt ssn', 'SS#', 'id'],
    email: ['email', 'sent to', 'pt email'],
    url: ['see', 'portal:', 'results at'],
    'ip-address': ['login from', 'ip', 'device'],
    'street-address': ['lives at', 'new address', 'mail to'],
    'record-number': ['old', 'ref', 'transfer'],
  };
  const w = r.pick(lead[kind]);
  // One in four without a word that announces it.
  if (r.chance(0.25)) return r.pick([`${note}; ${id}`, `${id} - ${note}`, `${note} (${id} aware)`]);
  return r.pick([`${note}; ${w} ${id}`, `${w} ${id}: ${note}`, `${note} (${w} ${id})`]);
}
