/**
 * RFC 4180 text for generated rows: comma-delimited, LF line ends, a field quoted only when
 * it holds a comma, a quote or a line break (quotes inside doubled).
 */

const NEEDS_QUOTES = /[",\r\n]/;

/** One field as it is written. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One record, without its line end. */
export function csvLine(values: readonly string[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += ',';
    line += csvField(values[i]!);
  }
  return line;
}
