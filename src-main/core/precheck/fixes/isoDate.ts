/**
 * `iso-date`: a date written in one of the recognised patterns (`date-pattern` issues) as
 * YYYY-MM-DD. Every pattern but `ambiguous-day-month`, which would be a guess. Two-digit
 * years follow the rule the checks read them by (POSIX `%y`, as DuckDB's strptime): 69–99
 * are 1969–1999, 00–68 are 2000–2068.
 */
import type { DatePattern } from '../../../shared/report';
import { DATE_PATTERNS } from '../../../shared/report';
import type { FixParams, FixRuleSpec } from './rule';
import { spaceTrim } from './rule';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The patterns `iso-date` converts from. */
export const ISO_DATE_FROM: readonly DatePattern[] = DATE_PATTERNS.filter(
  (p) => p !== 'ambiguous-day-month',
);

/** Spreadsheets' day zero (the 1900 date system, as Excel on Windows counts). */
export const EXCEL_EPOCH = '1899-12-30';

function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** `YYYY-MM-DD` of a real date, or null (no 30 February, no month 13). */
export function isoOf(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  if (d > daysIn(y, m)) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A two-digit year's century, as `%y` reads it. */
export function fullYear(yy: number): number {
  return yy <= 68 ? 2000 + yy : 1900 + yy;
}

const SLASH4 = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const SLASH2 = /^(\d{1,2})\/(\d{1,2})\/(\d{2})$/;
const DDMON = /^(\d{1,2})([A-Za-z]{3})(\d{4}|\d{2})$/;
const COMPACT = /^(1[89]|20|21)(\d{2})(\d{2})(\d{2})$/;
const DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})[ T]\d{1,2}:\d{2}(:\d{2}([.]\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const SERIAL = /^\d{5}([.]\d+)?$/;

/** The ISO date of `text` written in `pattern`, or null when it is not such a date. */
export function isoDate(text: string, pattern: DatePattern, epoch = EXCEL_EPOCH): string | null {
  const v = spaceTrim(text);
  const ymd = (re: RegExp, order: (m: RegExpExecArray) => [number, number, number]) => {
    const m = re.exec(v);
    return m ? isoOf(...order(m)) : null;
  };
  switch (pattern) {
    case 'MM/DD/YYYY':
      return ymd(SLASH4, (m) => [+m[3]!, +m[1]!, +m[2]!]);
    case 'DD/MM/YYYY':
      return ymd(SLASH4, (m) => [+m[3]!, +m[2]!, +m[1]!]);
    case 'M/D/YY':
      return ymd(SLASH2, (m) => [fullYear(+m[3]!), +m[1]!, +m[2]!]);
    case 'DDMONYYYY':
      return ymd(DDMON, (m) => [
        m[3]!.length === 4 ? +m[3]! : fullYear(+m[3]!),
        MONTHS.indexOf(m[2]!.toLowerCase()) + 1,
        +m[1]!,
      ]);
    case 'YYYYMMDD':
      return ymd(COMPACT, (m) => [+(m[1]! + m[2]!), +m[3]!, +m[4]!]);
    case 'YYYY-MM-DD hh:mm:ss':
      return ymd(DATETIME, (m) => [+m[1]!, +m[2]!, +m[3]!]);
    case 'excel-serial': {
      if (!SERIAL.test(v)) return null;
      const serial = Math.floor(Number(v));
      if (serial < 10000 || serial > 73050) return null;
      const day0 = Date.parse(`${epoch}T00:00:00Z`);
      if (Number.isNaN(day0)) return null;
      return new Date(day0 + serial * 86_400_000).toISOString().slice(0, 10);
    }
    case 'ambiguous-day-month':
      return null;
  }
}

function fromOf(params: FixParams): DatePattern | null {
  const from = params.from;
  return typeof from === 'string' && (ISO_DATE_FROM as readonly string[]).includes(from)
    ? (from as DatePattern)
    : null;
}

export const isoDateRule: FixRuleSpec = {
  rule: 'iso-date',
  kind: 'value',
  keepsOriginal: true,
  fits: (col) =>
    col.type === 'date' || col.type === 'string'
      ? null
      : `"${col.name}" is not a date column: iso-date only rewrites dates.`,
  checkParams(params) {
    if (!fromOf(params))
      return `iso-date needs "from": one of ${ISO_DATE_FROM.join(', ')} (ambiguous day/month dates cannot be fixed automatically).`;
    if (params.epoch !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(params.epoch)))
      return 'iso-date\'s "epoch" must be a date written YYYY-MM-DD.';
    return null;
  },
  apply(value, params) {
    const from = fromOf(params);
    const epoch = typeof params.epoch === 'string' ? params.epoch : EXCEL_EPOCH;
    return from ? isoDate(value, from, epoch) : null;
  },
  describe: (params, column) => `dates in "${column}" written ${String(params.from)} → YYYY-MM-DD`,
};
