/**
 * `decimal-comma` and `thousands-separator`: numbers written the way another locale or a
 * display format writes them (`12,5`, `1 512`, `1.512,5`). They reach `_invalid_cells` (the
 * load takes plain decimals only), so these checks read the few cells that did not fit.
 * `1,512` alone could be either: in a number column that has unmistakable decimal commas it
 * is one too, otherwise a thousands separator.
 */
import type { Severity } from '../../shared/report';
import type { Facts, RowCheck } from './checks';
import { linesText, plural } from './issue';
import type { RuleColumn } from './rowRules';
import { lit } from './sql';

const R = 'trim(raw)';
/** Spaces that group digits: space, no-break space, narrow no-break space, apostrophes. */
const SPACES = "[ \u00a0\u202f'\u2019]";
const DECIMAL_COMMA = '[+-]?[0-9]+,[0-9]+';
/** One comma and three digits after it: 1,512 (a decimal comma, or a thousands separator). */
const EITHER = '[+-]?[1-9][0-9]{0,2},[0-9]{3}';
const GROUPED_INTEGER = [
  '[+-]?[1-9][0-9]{0,2}(,[0-9]{3})+',
  `[+-]?[1-9][0-9]{0,2}(${SPACES}[0-9]{3})+`,
  '[+-]?[1-9][0-9]{0,2}([.][0-9]{3}){2,}',
];
const GROUPED_NUMBER = [
  '[+-]?[1-9][0-9]{0,2}(,[0-9]{3})+([.][0-9]+)?',
  `[+-]?[1-9][0-9]{0,2}(${SPACES}[0-9]{3})+([.,][0-9]+)?`,
  '[+-]?[1-9][0-9]{0,2}(([.][0-9]{3}){2,}|([.][0-9]{3})+,[0-9]+)',
];

function matches(re: string | string[]): string {
  const list = Array.isArray(re) ? re : [re];
  return `(${list.map((x) => `regexp_full_match(${R}, ${lit(x)})`).join(' OR ')})`;
}

interface Shapes {
  decimalComma: string;
  thousands: string;
}

/** The two conditions over `_invalid_cells` for one column, or null for other types. */
function shapes(column: string, type: string): Shapes | null {
  const col = `"column" = ${lit(column)}`;
  if (type === 'integer')
    return { decimalComma: 'false', thousands: `(${col} AND ${matches(GROUPED_INTEGER)})` };
  if (type !== 'number') return null;
  const sure = `(${matches(DECIMAL_COMMA)} AND NOT ${matches(EITHER)})`;
  // Does the column show decimal commas that cannot be anything else? (once, over its cells)
  const commaColumn = `EXISTS (SELECT 1 FROM _invalid_cells WHERE ${col} AND ${sure})`;
  const either = matches(EITHER);
  return {
    decimalComma: `(${col} AND (${sure} OR (${either} AND ${commaColumn})))`,
    thousands: `(${col} AND ${matches(GROUPED_NUMBER)} AND NOT (${either} AND ${commaColumn}))`,
  };
}

/** SQL over `_invalid_cells`: the cell of `column` is a number in another locale's format. */
export function anyNumberFormat(column: string, type: string): string | null {
  const s = shapes(column, type);
  return s ? `(${s.decimalComma} OR ${s.thousands})` : null;
}

/** Separators and decimal mark from the digit-free shapes of the values (`9 9,9`). */
export function separatorsOf(
  shapesFound: string[],
): { separators: string[]; decimal: string } | null {
  const seps = new Set<string>();
  const decimals = new Set<string>();
  for (const s of shapesFound) {
    const marks = s.replaceAll('9', '').replace(/^[+-]/, '');
    const last = marks.at(-1) ?? '';
    const rest = marks.slice(0, -1);
    if (marks.length >= 2 && !rest.includes(last)) {
      // A last mark unlike the grouping before it is the decimal mark (1 512,5).
      decimals.add(last);
      for (const m of rest) seps.add(m);
    } else {
      for (const m of marks) seps.add(m);
      // Grouping by commas implies a decimal point, by dots a decimal comma; spaces tell nothing.
      if (marks.includes(',')) decimals.add('.');
      else if (marks.includes('.')) decimals.add(',');
    }
  }
  // Two decimal marks in one column: which one a value uses would be a guess.
  if (decimals.size > 1 || seps.size === 0) return null;
  return { separators: [...seps].sort(), decimal: [...decimals][0] ?? '.' };
}

const ROUND_TRIP =
  'in Excel, untick "Use system separators" (File → Options → Advanced) or save with an English-language setting; in R, use write.csv, not write.csv2; in SAS, avoid the NUMX and COMMAX formats; in Stata, set dp period';

/** The rule for number and integer columns. */
export function numberFormat({ col, v }: RuleColumn, severity: Severity): RowCheck[] {
  const s = shapes(col.name, v.type);
  if (!s) return [];
  const out: RowCheck[] = [];
  if (v.type === 'number') {
    out.push({
      code: 'decimal-comma',
      severity,
      column: col.name,
      on: '_invalid_cells',
      where: s.decimalComma,
      example: 'raw',
      fix: (n) => ({ rule: 'decimal-point', column: col.name, params: {}, cells: n }),
      message: (n, lines) =>
        `${plural(n, 'number')} in "${col.name}" ${n === 1 ? 'is' : 'are'} written with a decimal comma (12,5), as a French- or German-language export writes them (${linesText(lines, n)}).`,
      hint: () => `Write decimals with a point (12.5): ${ROUND_TRIP}.`,
    });
  }
  out.push({
    code: 'thousands-separator',
    severity,
    column: col.name,
    on: '_invalid_cells',
    where: s.thousands,
    example: 'raw',
    facts: { shapes: `array_sort(list(DISTINCT regexp_replace(trim(v), '[0-9]+', '9', 'g')))` },
    fix: (n, facts: Facts) => {
      const found = separatorsOf(((facts.shapes as string[] | null) ?? []).map(String));
      return found
        ? { rule: 'drop-thousands-separator', column: col.name, params: found, cells: n }
        : null;
    },
    message: (n, lines) =>
      `${plural(n, 'number')} in "${col.name}" ${n === 1 ? 'has' : 'have'} digits grouped by a thousands separator (1,512 or 1 512) (${linesText(lines, n)}).`,
    hint: () =>
      `Write numbers without grouping (1512): in Excel, format the column as Number without "Use 1000 Separator"; in SAS, use BEST12. instead of a COMMA format; in R, do not format() the numbers before writing them.`,
  });
  return out;
}
