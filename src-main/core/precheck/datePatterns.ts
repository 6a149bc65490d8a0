/**
 * `date-pattern`: dates written in a recognised non-ISO pattern, the fingerprint of the tool
 * that wrote them (SAS DATE9, Excel's regional or serial dates, R's date-times…). One issue per
 * column and pattern, with the fix at the source; values that fit no pattern stay
 * `date-format`. Day or month first is decided from the whole column.
 */
import type { DatePattern } from '../../shared/report';
import type { RowCheck } from './checks';
import { linesText, plural } from './issue';
import type { RuleColumn } from './rowRules';
import { lit } from './sql';

const R = 'trim(raw)';
// Each pattern starts with cheap tests (length, a slash, a colon): DuckDB runs an AND's later
// terms only where the earlier hold, so few cells reach the regular expressions.
const SLASH4 = '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}';
const MONTHS = 'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec';

const AT_SOURCE =
  'in SAS use format yymmdd10.; in Stata, %tdCCYY-NN-DD; in R, format(x, "%Y-%m-%d"); in Excel, give the column the custom format yyyy-mm-dd before saving as CSV';

interface Spec {
  pattern: DatePattern;
  /** SQL over `raw` of one cell of the column (and the column's slash counts). */
  where: string;
  what: string;
  hint: (column: string) => string;
  /** Params of the `iso-date` fix; null: no proposal, the fix would be a guess. */
  from: Record<string, string> | null;
}

function parses(format: string): string {
  return `try_strptime(${R}, '${format}') IS NOT NULL`;
}

function specs(column: string): Spec[] {
  const col = `"column" = ${lit(column)}`;
  // How many slash dates of the column have a part above 12: the day's position.
  const over12 = (part: number): string =>
    `(SELECT count(*) FROM _invalid_cells WHERE ${col} AND contains(raw, '/') AND regexp_full_match(${R}, '${SLASH4}') AND TRY_CAST(split_part(${R}, '/', ${part}) AS INTEGER) > 12)`;
  const dayFirst = over12(1);
  const monthFirst = over12(2);
  const slash4 = `contains(raw, '/') AND regexp_full_match(${R}, '${SLASH4}')`;
  const excel = `In Excel, give the column the custom format yyyy-mm-dd before saving as CSV; ${AT_SOURCE.replace(/; in Excel.*$/, '')}.`;
  return [
    {
      pattern: 'MM/DD/YYYY',
      where: `${slash4} AND ${monthFirst} > ${dayFirst} AND ${parses('%m/%d/%Y')}`,
      what: 'MM/DD/YYYY, month first, as Excel writes US dates',
      hint: () => excel,
      from: { from: 'MM/DD/YYYY' },
    },
    {
      pattern: 'DD/MM/YYYY',
      where: `${slash4} AND ${dayFirst} > ${monthFirst} AND ${parses('%d/%m/%Y')}`,
      what: 'DD/MM/YYYY, day first, as Excel writes dates in European locales',
      hint: () => excel,
      from: { from: 'DD/MM/YYYY' },
    },
    {
      pattern: 'ambiguous-day-month',
      where: `${slash4} AND ${dayFirst} = 0 AND ${monthFirst} = 0 AND ${parses('%m/%d/%Y')} AND ${parses('%d/%m/%Y')}`,
      what: 'written with slashes in a column where every date fits both month/day and day/month (02/10/2024: 10 February or 2 October?)',
      hint: () =>
        `Courier cannot tell which is meant, so it proposes no automatic fix. Export the column again as YYYY-MM-DD from the source system: ${AT_SOURCE}.`,
      from: null,
    },
    {
      pattern: 'M/D/YY',
      where: `contains(raw, '/') AND regexp_full_match(${R}, '[0-9]{1,2}/[0-9]{1,2}/[0-9]{2}') AND ${parses('%m/%d/%y')}`,
      what: "M/D/YY, with a two-digit year, Excel's US short date",
      hint: () => `A two-digit year leaves the century to guess. ${excel}`,
      from: { from: 'M/D/YY' },
    },
    {
      pattern: 'DDMONYYYY',
      where: `strlen(${R}) BETWEEN 5 AND 9 AND regexp_full_match(${R}, '(?i)[0-9]{1,2}(${MONTHS})([0-9]{4}|[0-9]{2})') AND (CASE WHEN regexp_matches(${R}, '[0-9]{4}$') THEN ${parses('%d%b%Y')} ELSE ${parses('%d%b%y')} END)`,
      what: 'SAS DATE9 values (10FEB2024) or Stata %td ones (10feb2024)',
      hint: (c: string) =>
        `In SAS, export the column with format yymmdd10. (format ${c} yymmdd10.;); in Stata, format it %tdCCYY-NN-DD before export delimited.`,
      from: { from: 'DDMONYYYY' },
    },
    {
      pattern: 'YYYYMMDD',
      where: `strlen(${R}) = 8 AND regexp_full_match(${R}, '(1[89]|20|21)[0-9]{6}') AND ${parses('%Y%m%d')}`,
      what: "YYYYMMDD, without dashes, as SAS's yymmddn8. and Stata's %tdCCYYNNDD write dates",
      hint: () =>
        'In SAS, use format yymmdd10. instead of yymmddn8.; in Stata, %tdCCYY-NN-DD; in R, format(x, "%Y-%m-%d").',
      from: { from: 'YYYYMMDD' },
    },
    {
      pattern: 'YYYY-MM-DD hh:mm:ss',
      where: `strlen(${R}) >= 15 AND contains(raw, ':') AND regexp_full_match(${R}, '[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?') AND TRY_CAST(left(${R}, 10) AS DATE) IS NOT NULL`,
      what: 'dates with a time of day (YYYY-MM-DD hh:mm:ss), as R writes POSIXct values and databases export timestamps',
      hint: () =>
        'Export the date alone: in R, format(as.Date(x), "%Y-%m-%d"); in SQL, CAST(x AS DATE); in SAS, datepart(x) with format yymmdd10.; in Stata, dofc(x) with format %tdCCYY-NN-DD.',
      from: { from: 'YYYY-MM-DD hh:mm:ss' },
    },
    {
      pattern: 'excel-serial',
      where: `strlen(${R}) BETWEEN 5 AND 20 AND regexp_full_match(${R}, '[0-9]{5}([.][0-9]+)?') AND TRY_CAST(${R} AS DOUBLE) BETWEEN 10000 AND 73050`,
      what: 'spreadsheet serial day numbers (45332 is 2024-02-10), as Excel writes dates in a column formatted as General or Number',
      hint: () =>
        'In Excel, select the column, give it the custom format yyyy-mm-dd and save as CSV again.',
      from: { from: 'excel-serial', epoch: '1899-12-30' },
    },
  ].map((s): Spec => ({ ...(s as Spec), where: `(${col} AND ${s.where})` }));
}

/** SQL over `_invalid_cells`: the cell of `column` is a date in some recognised pattern. */
export function anyDatePattern(column: string): string {
  return `(${specs(column)
    .map((s) => s.where)
    .join(' OR ')})`;
}

/** The rule: one check per pattern of a date column. */
export function datePattern({ col, v }: RuleColumn): RowCheck[] {
  if (v.type !== 'date') return [];
  return specs(col.name).map((s) => ({
    code: 'date-pattern',
    severity: 'error',
    column: col.name,
    on: '_invalid_cells',
    where: s.where,
    example: 'raw',
    pattern: s.pattern,
    fix: (n) =>
      s.from ? { rule: 'iso-date', column: col.name, params: { ...s.from }, cells: n } : null,
    message: (n, lines) =>
      `${plural(n, 'date')} in "${col.name}" ${n === 1 ? 'is' : 'are'} not YYYY-MM-DD but ${s.what} (${linesText(lines, n)}).`,
    hint: () => s.hint(col.name),
  }));
}
