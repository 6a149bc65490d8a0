/**
 * How the tools write what Courier's checks recognise: dates in their patterns (SAS DATE9,
 * Excel's regional and serial dates, R's date-times), numbers in other locales, IDs a
 * spreadsheet mangled, missing-value codes. The generator injects them; the tests also build
 * whole exports from them.
 */
import type { DatePattern } from '../../shared/report';
import { dayToIso } from './dates';
import type { Rng } from './random';

/** The patterns the generator injects (every one of precheck/datePatterns.ts). */
export const DATE_PATTERNS: readonly DatePattern[] = [
  'MM/DD/YYYY',
  'DD/MM/YYYY',
  'M/D/YY',
  'DDMONYYYY',
  'YYYYMMDD',
  'YYYY-MM-DD hh:mm:ss',
  'excel-serial',
  'ambiguous-day-month',
];

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
/** Excel's serial number of 1970-01-01 (day 0 of `dayToIso`). */
const EXCEL_1970 = 25569;

export function pickDatePattern(rng: Rng): DatePattern {
  return rng.pick(DATE_PATTERNS);
}

const two = (n: number): string => String(n).padStart(2, '0');

/**
 * The date of day number `day` as `pattern` writes it. Slash patterns move the day so that
 * the column reads one way: past the 12th for month or day first, up to the 12th for
 * ambiguous (a changed date is no longer a date, so no other rule looks at it).
 */
export function writeDate(pattern: DatePattern, day: number, rng: Rng): string {
  const iso = dayToIso(day);
  const y = iso.slice(0, 4);
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  switch (pattern) {
    case 'MM/DD/YYYY':
      return `${two(m)}/${rng.int(13, 28)}/${y}`;
    case 'DD/MM/YYYY':
      return `${rng.int(13, 28)}/${two(m)}/${y}`;
    case 'ambiguous-day-month':
      return `${two(m)}/${two(rng.int(1, 12))}/${y}`;
    case 'M/D/YY':
      return `${m}/${d}/${y.slice(2)}`;
    case 'DDMONYYYY':
      return `${two(d)}${MONTHS[m - 1]}${y}`;
    case 'YYYYMMDD':
      return iso.replaceAll('-', '');
    case 'YYYY-MM-DD hh:mm:ss':
      return `${iso} ${two(rng.int(0, 23))}:${two(rng.int(0, 59))}:${two(rng.int(0, 59))}`;
    case 'excel-serial':
      return String(day + EXCEL_1970);
  }
}

/** Missing-value codes as R, SAS, Stata, pandas, databases, Excel and people write them. */
export const MISSING_CODES = ['NA', '.', '.a', 'N/A', 'NULL', '#N/A', 'NaN', '-'] as const;

/** `58618.23` with its thousands grouped by `sep` (`58,618.23`); null below 1,000. */
export function withThousands(value: string, sep: string): string | null {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(value);
  if (!m || m[2]!.length < 4) return null;
  const grouped = m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return `${m[1]}${grouped}${m[3] ?? ''}`;
}

/** `0.523` with a decimal comma (`0,523`); null without a decimal part. */
export function withDecimalComma(value: string): string | null {
  return value.includes('.') ? value.replace('.', ',') : null;
}

/** A patient ID after a spreadsheet read it as a number: prefix and leading zeros gone. */
export function zerosLost(id: string): string | null {
  const digits = id.replace(/^[^0-9]*0*/, '');
  return digits !== '' && digits !== id ? digits : null;
}

/** A spreadsheet's scientific notation of a long number (`1.23457E+11`). */
export function scientific(rng: Rng): string {
  return `${rng.int(1, 9)}.${rng.int(10000, 99999)}E+${two(rng.int(5, 12))}`;
}
