/**
 * Rules over coded and free text: `missing-to-empty` (a tool's code for "no value" → an empty
 * cell), `trim` (spaces around IDs and text), `case-to-documented` (an enum or yes/no value
 * in the definition's own spelling) and `map-values` (a code map: the synonyms Courier found,
 * or a cohort's own codes to the definition's).
 */
import type { FixParams, FixRuleSpec } from './rule';
import { stringList, stringMap } from './rule';
import { lit } from '../sql';

/** `''` when `text` is one of `codes` (exactly as written); null otherwise. */
export function missingToEmpty(text: string, codes: readonly string[]): string | null {
  return codes.includes(text) ? '' : null;
}

export const missingToEmptyRule: FixRuleSpec = {
  rule: 'missing-to-empty',
  kind: 'value',
  keepsOriginal: true,
  fits: () => null,
  checkParams: (p) => {
    const codes = stringList(p.codes);
    return codes && codes.length > 0 && codes.every((c) => c.length > 0 && c.length <= 16)
      ? null
      : 'missing-to-empty needs "codes": the missing-value codes to empty (NA, ., …).';
  },
  apply: (value, p) => missingToEmpty(value, stringList(p.codes) ?? []),
  candidates: (v, p) => {
    const codes = stringList(p.codes) ?? [];
    return codes.length ? `${v} IN (${codes.map(lit).join(', ')})` : 'false';
  },
  describe: (p, column) =>
    `missing-value codes in "${column}" (${(stringList(p.codes) ?? []).join(', ')}) → empty`,
};

/** The text without spaces or tabs around it; null when it has none. */
export function trimmed(text: string): string | null {
  const t = text.replace(/^[ \t]+|[ \t]+$/g, '');
  return t === text ? null : t;
}

export const trimRule: FixRuleSpec = {
  rule: 'trim',
  kind: 'value',
  keepsOriginal: true,
  knownIds: 'id-column',
  fits: (col) =>
    col.type === 'date' || col.type === 'year' || col.type === 'integer' || col.type === 'number'
      ? `"${col.name}" holds numbers or dates: trim is for IDs and text.`
      : null,
  checkParams: () => null,
  apply: (value) => trimmed(value),
  candidates: (v) => `(ascii(${v}) IN (9, 32) OR ends_with(${v}, ' ') OR ends_with(${v}, chr(9)))`,
  describe: (_p, column) => `spaces around the values of "${column}" removed`,
};

/** The documented spelling of `text` when it differs only by case or spaces; else null. */
export function toDocumented(text: string, documented: readonly string[]): string | null {
  const key = text.trim().toLowerCase();
  const hit = documented.find((d) => d.trim().toLowerCase() === key);
  return hit !== undefined && hit !== text ? hit : null;
}

export const caseRule: FixRuleSpec = {
  rule: 'case-to-documented',
  kind: 'value',
  keepsOriginal: true,
  fits: (col) =>
    col.documented.length > 0
      ? null
      : `"${col.name}" has no documented values to spell them as (it is not an enum or a yes/no variable).`,
  checkParams: () => null,
  apply: (value, _p, col) => toDocumented(value, col.documented),
  describe: (_p, column) => `values of "${column}" in their documented spelling (yes → Yes)`,
};

/** `map[text]` when the map has `text` (exactly as written) and changes it; else null. */
export function mapped(text: string, map: Readonly<Record<string, string>>): string | null {
  if (!Object.prototype.hasOwnProperty.call(map, text)) return null;
  const to = map[text]!;
  return to === text ? null : to;
}

/** The longest code map a fix carries (a cohort's local codes are a few dozen). */
export const MAX_MAP_ENTRIES = 10_000;

export const mapValuesRule: FixRuleSpec = {
  rule: 'map-values',
  kind: 'value',
  keepsOriginal: true,
  fits: () => null,
  checkParams: (p) => {
    const map = stringMap(p.map);
    if (!map || Object.keys(map).length === 0)
      return 'map-values needs "map": each value as found to the value it stands for.';
    if (Object.keys(map).length > MAX_MAP_ENTRIES)
      return `map-values takes at most ${MAX_MAP_ENTRIES.toLocaleString('en-US')} codes.`;
    return null;
  },
  apply: (value, p: FixParams) => mapped(value, stringMap(p.map) ?? {}),
  candidates: (v, p) => {
    const keys = Object.keys(stringMap(p.map) ?? {});
    return keys.length ? `${v} IN (${keys.map(lit).join(', ')})` : 'false';
  },
  describe: (p, column) => {
    const map = stringMap(p.map) ?? {};
    const pairs = Object.entries(map)
      .slice(0, 3)
      .map(([f, t]) => `${f} → ${t}`);
    const more = Object.keys(map).length > 3 ? ', …' : '';
    return `codes in "${column}" mapped (${pairs.join(', ')}${more})`;
  },
};
