/**
 * Numbers written the way another locale writes them: `decimal-point` (`12,5` → `12.5`) and
 * `drop-thousands-separator` (`1 512,5` → `1512.5`, `1,512` → `1512`). A value whose shape
 * is not exactly that (two decimal marks, groups that are not of three digits) is left.
 */
import type { FixParams, FixRuleSpec } from './rule';
import { spaceTrim, stringList } from './rule';

const PLAIN = /^[+-]?\d+([.]\d+)?$/;

function numeric(col: { name: string; type: string }, what: string): string | null {
  return col.type === 'number' || col.type === 'integer' || col.type === 'string'
    ? null
    : `"${col.name}" is not a number column: ${what} only rewrites numbers.`;
}

/** `12,5` → `12.5`; null for anything else. */
export function decimalPoint(text: string): string | null {
  const v = spaceTrim(text);
  return /^[+-]?\d+,\d+$/.test(v) ? v.replace(',', '.') : null;
}

export const decimalPointRule: FixRuleSpec = {
  rule: 'decimal-point',
  kind: 'value',
  keepsOriginal: true,
  fits: (col) => numeric(col, 'decimal-point'),
  checkParams: () => null,
  apply: (value) => decimalPoint(value),
  candidates: (v) => `contains(${v}, ',')`,
  describe: (_p, column) => `decimal commas in "${column}" → decimal points (12,5 → 12.5)`,
};

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * The number without its grouping: `separators` between groups of three digits, `decimal`
 * the decimal mark (`.` or `,`); null when the value is not grouped that way.
 */
export function dropThousands(
  text: string,
  separators: readonly string[],
  decimal: string,
): string | null {
  const v = spaceTrim(text);
  if (separators.length === 0 || separators.includes(decimal)) return null;
  const sep = `(?:${separators.map(escapeRe).join('|')})`;
  const re = new RegExp(`^([+-]?)([1-9]\\d{0,2}(?:${sep}\\d{3})+)(?:${escapeRe(decimal)}(\\d+))?$`);
  const m = re.exec(v);
  if (!m) return null;
  const digits = m[2]!.replace(new RegExp(sep, 'g'), '');
  const out = `${m[1]}${digits}${m[3] !== undefined ? `.${m[3]}` : ''}`;
  return PLAIN.test(out) ? out : null;
}

function paramsOf(p: FixParams): { separators: string[]; decimal: string } | null {
  const separators = stringList(p.separators);
  const decimal = p.decimal;
  if (!separators || separators.length === 0 || (decimal !== '.' && decimal !== ',')) return null;
  if (separators.some((s) => s.length !== 1 || /\d/.test(s) || s === decimal)) return null;
  return { separators, decimal };
}

export const dropThousandsRule: FixRuleSpec = {
  rule: 'drop-thousands-separator',
  kind: 'value',
  keepsOriginal: true,
  fits: (col) => numeric(col, 'drop-thousands-separator'),
  checkParams: (p) =>
    paramsOf(p)
      ? null
      : 'drop-thousands-separator needs "separators" (single characters, not digits) and "decimal" ("." or ","), the decimal mark not among the separators.',
  apply(value, p) {
    const ok = paramsOf(p);
    return ok ? dropThousands(value, ok.separators, ok.decimal) : null;
  },
  describe: (_p, column) => `thousands separators in "${column}" removed (1,512 → 1512)`,
};
