/**
 * Small generators of the files the tools write, each with its fingerprints: SAS (DATE9
 * dates, `.` for missing), R (write.csv: quoted text, `NA`, date-times), Excel (a `sep=`
 * line, CRLF, serial dates, IDs read as numbers), a French-locale export (`;`, decimal
 * commas, day-first dates, narrow no-break spaces between thousands). Each returns the text
 * and the source lines of its rows, so tests can name the exact lines of every finding.
 */

/** A table as rows of named values; a missing value is null. */
export type Row = Record<string, string | null>;

export interface Dialect {
  delimiter: string;
  eol: '\n' | '\r\n';
  /** Excel's first line naming the delimiter. */
  sepLine?: boolean;
  /** Quote every non-missing value (R's write.csv quotes text and dates). */
  quoteAll?: boolean;
  /** How a missing value is written. */
  missing: string;
}

export interface Export {
  text: string;
  /** Physical line of each row (the header's line is `lines[0] - 1`). */
  lines: number[];
}

function field(v: string, d: Dialect): string {
  const needs = v.includes(d.delimiter) || /["\r\n]/.test(v);
  return d.quoteAll || needs ? `"${v.replaceAll('"', '""')}"` : v;
}

/** Writes `rows` with `columns` as the tool would. */
export function writeExport(columns: string[], rows: Row[], d: Dialect): Export {
  const out: string[] = [];
  if (d.sepLine) out.push(`sep=${d.delimiter}`);
  out.push(columns.map((c) => field(c, d)).join(d.delimiter));
  const first = out.length + 1;
  for (const r of rows)
    out.push(columns.map((c) => (r[c] == null ? d.missing : field(r[c]!, d))).join(d.delimiter));
  return { text: out.join(d.eol) + d.eol, lines: rows.map((_, i) => first + i) };
}

const MON = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

function parts(iso: string): [number, number, number] {
  return [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
}

/** SAS DATE9. (`10FEB2024`); `digits: 2` gives DATE7. (`10FEB24`). */
export function sasDate(iso: string, digits: 2 | 4 = 4): string {
  const [y, m, d] = parts(iso);
  return `${String(d).padStart(2, '0')}${MON[m - 1]}${String(y).slice(4 - digits)}`;
}

/** Excel's serial day number (1900 date system, Windows). */
export function excelSerial(iso: string): string {
  return String(Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000) + 25569);
}

/** Excel's US short date, `M/D/YY`. */
export function usShortDate(iso: string): string {
  const [y, m, d] = parts(iso);
  return `${m}/${d}/${String(y).slice(2)}`;
}

/** `MM/DD/YYYY` or `DD/MM/YYYY`. */
export function slashDate(iso: string, dayFirst: boolean): string {
  const [y, m, d] = parts(iso).map((n) => String(n).padStart(2, '0'));
  return dayFirst ? `${d}/${m}/${y}` : `${m}/${d}/${y}`;
}

/** What Excel does to an ID it reads as a number: leading zeros gone. */
export function excelNumber(id: string): string {
  return String(Number(id));
}

/** A French-locale number: decimal comma, thousands grouped by a narrow no-break space. */
export function frenchNumber(n: number, decimals: number): string {
  const [int, dec] = n.toFixed(decimals).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return dec ? `${grouped},${dec}` : grouped;
}

export const PATIENT_COLUMNS = [
  'cohortPatientId',
  'birthSex',
  'presentSex',
  'birthYear',
  'race',
  'hispanic',
  'enrollDate',
  'lastActivityDate',
  'deathDate',
  'deathDateSource',
  'subSiteID',
  'hivNegative',
  'BirthCountry',
  'transgendered',
  'LastNDIDate',
];

export const LAB_COLUMNS = [
  'cohortPatientId',
  'testName',
  'result',
  'units',
  'normalMin',
  'normalMax',
  'interpretation',
  'resultDate',
  'source',
];

export const CENSUS_COLUMNS = [
  'cohortPatientId',
  'resDate',
  'censusTract',
  'zcta',
  'county',
  'state',
  'mTractIncome',
  'mZCTAIncome',
  'mCountyIncome',
  'mStateIncome',
  'pTractEmployed',
  'pZCTAEmployed',
  'pCountyEmployed',
  'pStateEmployed',
  'pTractCollege',
  'pZCTACollege',
  'pCountyCollege',
  'pStateCollege',
];

/** A valid patient row. */
export function patientRow(id: string, over: Row = {}): Row {
  return {
    cohortPatientId: id,
    birthSex: 'Male',
    presentSex: null,
    birthYear: '1970',
    race: 'White',
    hispanic: 'No',
    enrollDate: '2010-01-01',
    lastActivityDate: '2020-01-01',
    ...over,
  };
}

/** A valid laboratory row of day `2024-02-01 + i`. */
export function labRow(id: string, i: number, over: Row = {}): Row {
  return {
    cohortPatientId: id,
    testName: 'Abs CD4',
    result: String(500 + i),
    units: 'cells/uL',
    normalMin: '500',
    normalMax: '1500',
    interpretation: 'Normal',
    resultDate: labDay(i),
    source: 'L1',
    ...over,
  };
}

/** `2024-02-01` plus `i` days, as YYYY-MM-DD. */
export function labDay(i: number): string {
  return new Date(Date.UTC(2024, 1, 1 + i)).toISOString().slice(0, 10);
}

/** The patient IDs `0001`…: four digits, leading zeros (as a site's system writes them). */
export function patientIds(n: number): string[] {
  return Array.from({ length: n }, (_, i) => String(i + 1).padStart(4, '0'));
}
