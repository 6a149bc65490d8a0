/**
 * Yes/no variables: a value Courier does not know (`allowed-values`), the documented spelling
 * in another case (`case-mismatch`), and an accepted synonym of it (`synonym`: `Y`, `1`,
 * `true` for `Yes`). The documented spellings are the variable's `values` (the depot's
 * Yes, No, Unknown by default); `booleanValues` lists every spelling accepted.
 */
import type { Variable } from '../definitions/schema';
import type { RowCheck } from './checks';
import { linesText, plural } from './issue';
import { missingCodeSql } from './missingCodes';
import type { RuleColumn } from './rowRules';
import { isEmpty, litList } from './sql';

type Kind = 'true' | 'false' | 'unknown';

const DEFAULTS: Record<Kind, string[]> = {
  true: ['true', '1', 't', 'y', 'yes'],
  false: ['false', '0', 'f', 'n', 'no'],
  unknown: ['unknown', 'unk', 'na', 'n/a'],
};

/** Every accepted spelling of each kind, folded (without booleanValues: the defaults). */
export function booleanSpellings(v: Variable): Record<Kind, string[]> {
  const b = v.booleanValues;
  const fold = (xs: readonly string[]): string[] => xs.map((x) => x.trim().toLowerCase());
  return b
    ? { true: fold(b.true), false: fold(b.false), unknown: fold(b.unknown ?? []) }
    : { true: DEFAULTS.true, false: DEFAULTS.false, unknown: DEFAULTS.unknown };
}

/** The spellings the data definition documents: `values`, else Yes, No (and Unknown). */
export function documentedSpellings(v: Variable): string[] {
  if (v.values?.length) return v.values;
  return booleanSpellings(v).unknown.length ? ['Yes', 'No', 'Unknown'] : ['Yes', 'No'];
}

function kindOf(spellings: Record<Kind, string[]>, folded: string): Kind | null {
  for (const k of ['true', 'false', 'unknown'] as const)
    if (spellings[k].includes(folded)) return k;
  return null;
}

/** Each accepted synonym found, mapped to its documented spelling; null when one has none. */
export function synonymMap(v: Variable, found: string[]): Record<string, string> | null {
  const sp = booleanSpellings(v);
  const documented = new Map<Kind, string>();
  for (const d of documentedSpellings(v)) {
    const k = kindOf(sp, d.trim().toLowerCase());
    if (k && !documented.has(k)) documented.set(k, d);
  }
  const map: Record<string, string> = {};
  for (const f of found) {
    const k = kindOf(sp, f.trim().toLowerCase());
    const to = k ? documented.get(k) : undefined;
    if (to === undefined) return null;
    map[f] = to;
  }
  return map;
}

/** The rule for boolean variables. */
export function booleanValues({ col, v, c, example }: RuleColumn): RowCheck[] {
  if (v.type !== 'boolean') return [];
  const sp = booleanSpellings(v);
  const documented = documentedSpellings(v);
  const docFolded = documented.map((x) => x.trim().toLowerCase());
  const accepted = [
    ...new Set([
      ...(v.values ?? []).map((x) => x.trim().toLowerCase()),
      ...sp.true,
      ...sp.false,
      ...sp.unknown,
    ]),
  ];
  const synonyms = accepted.filter((x) => !docFolded.includes(x));
  const exact = litList(documented);
  // Values spelled as documented (nearly all) skip the folding.
  const notDocumented = (then: string): string => `(${c} NOT IN ${exact} AND ${then})`;
  const shown = documented.join(', ');
  const out: RowCheck[] = [
    {
      code: 'allowed-values',
      severity: 'error',
      column: col.name,
      on: 'data',
      where: notDocumented(
        `NOT ${isEmpty(c)} AND lower(trim(${c})) NOT IN ${litList(accepted)} AND NOT ${missingCodeSql(c, false, accepted)}`,
      ),
      example,
      message: (n, lines) =>
        `${plural(n, 'value')} in "${col.name}" ${n === 1 ? 'is' : 'are'} not a yes/no answer Courier knows (${linesText(lines, n)}).`,
      hint: () =>
        `Use ${documented.length > 2 ? `${documented.slice(0, -1).join(', ')} or ${documented.at(-1)}` : documented.join(' or ')} (also accepted: ${accepted.slice(0, 8).join(', ')}).`,
    },
    {
      code: 'case-mismatch',
      severity: 'info',
      column: col.name,
      on: 'data',
      where: notDocumented(`lower(trim(${c})) IN ${litList(docFolded)}`),
      example,
      fix: (n) => ({ rule: 'case-to-documented', column: col.name, params: {}, cells: n }),
      message: (n) =>
        `${plural(n, 'value')} in "${col.name}" ${n === 1 ? 'was' : 'were'} accepted after ignoring case or spaces.`,
      hint: () => `Nothing to fix. The definition spells them: ${shown}.`,
    },
  ];
  if (synonyms.length) {
    const found = (facts: Record<string, unknown>): string[] =>
      ((facts.found as string[] | null) ?? []).map(String);
    out.push({
      code: 'synonym',
      severity: 'info',
      column: col.name,
      on: 'data',
      where: notDocumented(`lower(trim(${c})) IN ${litList(synonyms)}`),
      example,
      facts: { found: 'array_sort(list(DISTINCT v))' },
      fix: (n, facts) => {
        const map = synonymMap(v, found(facts));
        return map ? { rule: 'map-values', column: col.name, params: { map }, cells: n } : null;
      },
      message: (n, _lines, _d, facts) => {
        const map = synonymMap(v, found(facts).slice(0, 5));
        const pairs = map ? Object.entries(map).map(([f, t]) => `${f} for ${t}`) : found(facts);
        return `${plural(n, 'value')} in "${col.name}" ${n === 1 ? 'was' : 'were'} accepted as ${n === 1 ? 'a synonym' : 'synonyms'} of the documented spelling (${pairs.join(', ')}).`;
      },
      hint: () =>
        `Nothing blocks sending. The data definition spells them ${shown}: map the codes to these words at the source (a SAS format, a Stata value label, R's factor labels, or Excel's Find and Replace).`,
    });
  }
  return out;
}
