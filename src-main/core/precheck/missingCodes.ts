/**
 * `missing-code`: a statistics package's or a spreadsheet's code for "no value" (`NA`, `.`,
 * `#N/A`…) written where the cell should be empty. Found in the same pass as every row rule;
 * a cell it reports is not also a `type`, `date-format` or `allowed-values` finding.
 */
import type { Severity } from '../../shared/report';
import type { RowCheck } from './checks';
import { linesText, plural } from './issue';
import type { RuleColumn } from './rowRules';
import { isTyped, lit } from './sql';

/**
 * The codes as the tools write them, for free text columns: `None` is left out there, since
 * it is a real answer ("How many drinks? None"). SAS's and Stata's special missing values
 * `.a`–`.z` (`.A`–`.Z`) and `._` too.
 */
const LETTERS = [...'abcdefghijklmnopqrstuvwxyz'];
export const EXACT_MATCH = [
  'NA',
  'N/A',
  'n/a',
  '.',
  'NULL',
  'null',
  'NaN',
  'nan',
  '#N/A',
  '-',
  '._',
  ...LETTERS.map((l) => `.${l}`),
  ...LETTERS.map((l) => `.${l.toUpperCase()}`),
];
/** The same in their usual other spellings, for columns where no such text is a value. */
export const ANY_CASE_MATCH = [
  ...EXACT_MATCH,
  'na',
  'Na',
  'N/a',
  'Null',
  'None',
  'none',
  'NONE',
  'NAN',
  'Nan',
  '#n/a',
];

/**
 * SQL true where `v` may be a code: short, and starting as one does (`#`, `-`, `.`, `N`, `n`).
 * Plain comparisons on every value, cheap: no list lookup (DuckDB turns an IN list into a
 * join over every row), and nearly every value fails it at once.
 */
export function missingCodeGate(v: string): string {
  const starts = [
    ['#', '$'],
    ['-', '/'],
    ['N', 'O'],
    ['n', 'o'],
  ]
    .map(([lo, hi]) => `(${v} >= '${lo}' AND ${v} < '${hi}')`)
    .join(' OR ');
  return `(strlen(${v}) <= ${MAX_CODE_BYTES} AND (${starts}))`;
}

/**
 * SQL true when `v` is a missing-value code, written as the tools write it (no spaces
 * around). `exact`: free text columns (`Na` may be sodium there, `None` an answer);
 * otherwise the usual spellings in other cases too. `accepted`: folded spellings the
 * variable accepts as values (a boolean's `n/a` for Unknown), which are not codes there.
 * The comparisons run only where the gate holds.
 */
export function missingCodeSql(
  v: string,
  exact: boolean,
  accepted: readonly string[] = [],
): string {
  const codes = (exact ? EXACT_MATCH : ANY_CASE_MATCH).filter(
    (c) => !accepted.includes(c.toLowerCase()),
  );
  return `(${missingCodeGate(v)} AND (${codes.map((c) => `${v} = ${lit(c)}`).join(' OR ')}))`;
}

/** No code is longer. */
const MAX_CODE_BYTES = 4;

/** The folded spellings a variable accepts as values (enum values, boolean spellings). */
export function acceptedSpellings(r: Pick<RuleColumn, 'v'>): string[] {
  const v = r.v;
  const b = v.booleanValues;
  const all = [...(v.values ?? [])];
  if (v.type === 'boolean')
    all.push(...(b ? [...b.true, ...b.false, ...(b.unknown ?? [])] : DEFAULT_BOOLEAN_SPELLINGS));
  return all.map((x) => x.trim().toLowerCase());
}

/** What a boolean without `booleanValues` accepts (kept in step with booleans.ts). */
export const DEFAULT_BOOLEAN_SPELLINGS = [
  'true',
  '1',
  't',
  'y',
  'yes',
  'false',
  '0',
  'f',
  'n',
  'no',
  'unknown',
  'unk',
  'na',
  'n/a',
];

/** The SQL of a column's missing-code condition and where it is evaluated. */
export function missingCodeWhere(
  r: RuleColumn,
): Pick<RowCheck, 'on' | 'where' | 'staged'> & { value: string } {
  if (isTyped(r.v.type)) {
    return {
      on: '_invalid_cells',
      value: 'raw',
      where: `("column" = ${lit(r.col.name)} AND ${missingCodeSql('raw', false)})`,
    };
  }
  const exact = r.v.type === 'string';
  const accepted = acceptedSpellings(r);
  return {
    on: 'data',
    value: r.c,
    where: missingCodeSql(r.c, exact, accepted),
    // Over every row only the gate; the comparisons run on the few rows it lets through.
    staged: {
      gate: missingCodeGate(r.c),
      joins: [],
      value: r.c,
      refine: (v) => missingCodeSql(v, exact, accepted),
    },
  };
}

/** Where each code comes from, and how to leave the cell empty there instead. */
function sourceHint(codes: string[]): string {
  const has = (p: (c: string) => boolean): boolean => codes.some(p);
  const out: string[] = [];
  if (has((c) => c === 'NA'))
    out.push(
      'R writes NA for missing values: export with write.csv(x, na = "") (readr: write_csv(x, na = ""))',
    );
  if (has((c) => c.startsWith('.')))
    out.push(
      "SAS and Stata write . (and .a–.z) for missing values: in SAS set options missing=' ' before exporting; in Stata use export delimited, which leaves them empty",
    );
  if (has((c) => /^(nan|none)$/i.test(c)))
    out.push(
      'Python wrote NaN or None (often after astype(str)): keep missing values missing and export with df.to_csv(path, index=False), which leaves them empty',
    );
  if (has((c) => /^null$/i.test(c)))
    out.push('the database export wrote NULL: export NULL as an empty field');
  if (has((c) => c.toUpperCase() === '#N/A'))
    out.push('Excel wrote #N/A from a formula: wrap it in IFNA(…, "") or paste the values');
  if (has((c) => c === '-' || c.toUpperCase() === 'N/A'))
    out.push('leave the cell empty rather than typing - or N/A');
  return out.length ? `${out.join('; ')}.` : 'Leave cells without a value empty.';
}

/** The rule: one issue per column, its codes named. */
export function missingCode(r: RuleColumn): RowCheck[] {
  const { col, v } = r;
  const { on, where, value, staged } = missingCodeWhere(r);
  const required = !v.optional;
  const severity: Severity = required ? 'error' : 'warning';
  const codesOf = (facts: Record<string, unknown>): string[] =>
    ((facts.codes as string[] | null) ?? []).map(String);
  return [
    {
      code: 'missing-code',
      severity,
      column: col.name,
      on,
      where,
      ...(staged ? { staged } : {}),
      // A code is never a patient ID: it may be shown even for the ID column.
      example: value,
      facts: { codes: 'array_sort(list(DISTINCT v))' },
      fix: (n, facts) => ({
        rule: 'missing-to-empty',
        column: col.name,
        params: { codes: codesOf(facts) },
        cells: n,
      }),
      message: (n, lines, _d, facts) => {
        const codes = codesOf(facts).slice(0, 5).join(', ');
        return `${plural(n, 'cell')} in "${col.name}" ${n === 1 ? 'holds' : 'hold'} a missing-value code (${codes}) instead of being empty (${linesText(lines, n)}).${required ? ` "${col.name}" is required: fill in the real value.` : ''}`;
      },
      hint: (_lines, _s, facts) =>
        `${required ? `Fill in "${col.name}"` : `Leave "${col.name}" empty where there is no value`}. ${sourceHint(codesOf(facts))}`,
    },
  ];
}
