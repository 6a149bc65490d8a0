import type { Issue } from '../../shared/report';
import type { ScanResult } from '../scan/scan';
import { MAX_COLUMNS, MAX_RECORD_BYTES } from '../scan/scan';
import { printable } from '../names';
import { linesText, makeIssue, plural } from './issue';

const DELIMITER_NAMES: Record<string, string> = {
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
};

const ENCODING_NAMES: Record<string, string> = {
  'windows-1252': 'Windows-1252 (Western European, as saved by Excel on Windows)',
  'iso-8859-1': 'ISO-8859-1 (Latin-1)',
  'utf-16le': 'UTF-16 (little-endian)',
  'utf-16be': 'UTF-16 (big-endian)',
};

/** Whole-file and structure issues found by the scan, in Contract 1's vocabulary. */
export function scanIssues(scan: ScanResult): Issue[] {
  const out: Issue[] = [];
  if (scan.bytes === 0 || (scan.notCsv === null && scan.header === null && !scan.tooManyColumns)) {
    out.push(
      makeIssue('empty-file', 'error', {
        count: 1,
        lines: [],
        message:
          scan.bytes === 0
            ? 'The file is empty (0 bytes).'
            : 'The file has no header line: it holds only blank lines.',
        hint: 'Export the table again and check that the export finished; the first line must name the columns.',
      }),
    );
    return out;
  }
  if (scan.notCsv) {
    out.push(
      makeIssue('not-csv', 'error', {
        count: 1,
        lines: [],
        examples: [scan.notCsv],
        message: `This is not a CSV file: it is ${scan.notCsv}.`,
        hint: 'Save or export the table as "CSV (comma delimited)" and add that file instead.',
      }),
    );
    return out;
  }
  if (scan.tooManyColumns) {
    out.push(
      makeIssue('too-many-columns', 'error', {
        count: 1,
        lines: [1],
        message: `The header has more than ${MAX_COLUMNS.toLocaleString('en-US')} columns, Courier's limit. No data table has that many.`,
        hint: 'Check that the right delimiter was used and that the file is a data table, not a transposed or pivoted export.',
      }),
    );
    return out;
  }
  if (scan.bom) {
    out.push(
      makeIssue('bom', 'info', {
        count: 1,
        lines: [],
        message: 'The file starts with a byte order mark (BOM). Courier removed it.',
        hint: 'Nothing to do.',
      }),
    );
  }
  if (scan.encoding !== 'utf-8' && scan.encoding !== 'utf-8-bom') {
    out.push(
      makeIssue('encoding', 'warning', {
        count: 1,
        lines: [],
        examples: [scan.encoding],
        message: `The file is not UTF-8: it is ${ENCODING_NAMES[scan.encoding] ?? scan.encoding}. Courier converted it to UTF-8.`,
        hint: 'Check that accented letters look right in the report. Next time, export as "CSV UTF-8".',
      }),
    );
  }
  if (scan.invalidEncoding.count > 0) {
    const f = scan.invalidEncoding;
    out.push(
      makeIssue('invalid-encoding', 'error', {
        count: f.count,
        lines: f.lines,
        examples: f.examples,
        message: `${plural(f.count, 'byte sequence')} cannot be read as ${scan.encoding} text${f.lines.length ? ` (${linesText(f.lines, f.count)})` : ''}. They were replaced by "�".`,
        hint: 'Open the file at the first line given and retype the garbled characters, or export the table again as "CSV UTF-8".',
      }),
    );
  }
  const t = scan.terminators;
  if (scan.lineEnding === 'crlf') {
    out.push(
      makeIssue('line-endings', 'info', {
        count: 1,
        lines: [],
        examples: ['crlf'],
        message: 'Lines end with CRLF (Windows style).',
        hint: 'Nothing to do.',
      }),
    );
  } else if (scan.lineEnding === 'cr' || scan.lineEnding === 'mixed') {
    out.push(
      makeIssue('line-endings', 'warning', {
        count: 1,
        lines: [],
        examples: [scan.lineEnding],
        message:
          scan.lineEnding === 'cr'
            ? 'Lines end with a lone CR (old Mac style). Courier read them correctly.'
            : `Lines end in more than one way (${t.lf} LF, ${t.crlf} CRLF, ${t.cr} CR). Courier read them all as line ends.`,
        hint: 'Usually the sign of a file edited by several programs: check that no line was split by mistake.',
      }),
    );
  }
  if (scan.sepLine !== null) {
    const name = DELIMITER_NAMES[scan.sepLine] ?? (scan.sepLine === ',' ? 'comma' : scan.sepLine);
    out.push(
      makeIssue('sep-line', 'info', {
        count: 1,
        lines: [1],
        examples: [`sep=${scan.sepLine === '\t' ? '<tab>' : scan.sepLine}`],
        message: `The first line, "sep=${scan.sepLine === '\t' ? '<tab>' : scan.sepLine}", is Excel's note of the delimiter, not the header: Courier read the columns with it (${name}) and took the header from line 2.`,
        hint: 'Nothing to fix. Excel adds this line to files saved for Excel; other programs may take it for the header, so export without it when you can.',
      }),
    );
  }
  if (scan.delimiter !== ',') {
    out.push(
      makeIssue('delimiter', 'warning', {
        count: 1,
        lines: [],
        examples: [scan.delimiter],
        message: `Columns are separated by a ${DELIMITER_NAMES[scan.delimiter] ?? scan.delimiter}, not a comma. Courier read it as such.`,
        hint: 'Courier read it correctly, but the consortium expects comma-separated files: export as "CSV (comma delimited)" next time.',
      }),
    );
  }
  const structural: [Issue['code'], ScanResult['ragged'], string, string][] = [
    [
      'ragged-row',
      scan.ragged,
      `${plural(scan.ragged.count, 'row')} ${scan.ragged.count === 1 ? 'has' : 'have'} a different number of fields than the header`,
      'Open the file at line {line} and check for an extra delimiter, or a value with a delimiter that should have been quoted.',
    ],
    [
      'unclosed-quote',
      scan.unclosedQuote,
      `${plural(scan.unclosedQuote.count, 'row')} ${scan.unclosedQuote.count === 1 ? 'opens' : 'open'} a quote that is never closed`,
      'Open the file at line {line} and add the missing closing quote ("), or remove the stray opening one.',
    ],
    [
      'stray-quote',
      scan.strayQuote,
      `${plural(scan.strayQuote.count, 'row')} ${scan.strayQuote.count === 1 ? 'has' : 'have'} a quote (") in the wrong place`,
      'Open the file at line {line}: a quote inside a value must be doubled ("") and the whole value quoted.',
    ],
  ];
  for (const [code, f, what, hint] of structural) {
    // The header is held to the same quoting rules as the data: reported at its line.
    const inHeader =
      (code === 'stray-quote' && scan.headerQuote === 'stray') ||
      (code === 'unclosed-quote' && scan.headerQuote === 'unclosed');
    if (f.count === 0 && !inHeader) continue;
    const headerLine = scan.headerLine || 1;
    const header = inHeader
      ? `The header (line ${headerLine}) ${code === 'stray-quote' ? 'has a quote (") in the wrong place' : 'opens a quote that is not closed on its line'}: Courier read its names as they stand, without the broken quote.`
      : '';
    const rows =
      f.count > 0
        ? `${what} (${linesText(f.lines, f.count)}). ${f.count === 1 ? 'It was' : 'They were'} set aside, not loaded.`
        : '';
    const lines = inHeader ? [headerLine, ...f.lines] : f.lines;
    out.push(
      makeIssue(code, 'error', {
        count: f.count + (inHeader ? 1 : 0),
        lines,
        examples: inHeader ? ['the header', ...f.examples] : f.examples,
        message: [header, rows].filter((x) => x !== '').join(' '),
        hint: inHeader
          ? `Correct the header on line ${headerLine}: a name with a quote must be quoted whole, its quote doubled (""), or better, use names without quotes.${f.count > 0 ? ` Then ${hint.charAt(0).toLowerCase()}${hint.slice(1).replace('{line}', String(f.lines[0] ?? ''))}` : ''}`
          : hint.replace('{line}', String(f.lines[0] ?? '')),
      }),
    );
  }
  if (scan.blank.count > 0) {
    const f = scan.blank;
    out.push(
      makeIssue('blank-row', 'warning', {
        count: f.count,
        lines: f.lines,
        message: `${plural(f.count, 'blank line')} inside the data (${linesText(f.lines, f.count)}) ${f.count === 1 ? 'was' : 'were'} skipped.`,
        hint: 'Check that no record is missing there; otherwise remove the blank lines.',
      }),
    );
  }
  if (scan.nul.count > 0) {
    const f = scan.nul;
    out.push(
      makeIssue('nul-byte', 'error', {
        count: f.count,
        lines: f.lines,
        message: `${plural(f.count, 'row')} contain NUL bytes (${linesText(f.lines, f.count)}), a sign of a damaged or binary file. They were replaced by "�".`,
        hint: 'Export the table again; if the NUL bytes remain, check the source system for corrupted records.',
      }),
    );
  }
  if (scan.tooLarge.count > 0) {
    const f = scan.tooLarge;
    out.push(
      makeIssue('field-too-large', 'error', {
        count: f.count,
        lines: f.lines,
        examples: f.examples,
        message: `${plural(f.count, 'row')} ${f.count === 1 ? 'is' : 'are'} larger than Courier can check (${Math.round(MAX_RECORD_BYTES / (1024 * 1024))} MB for one row; ${linesText(f.lines, f.count)}). ${f.count === 1 ? 'It is' : 'They are'} set aside, kept whole in the artifact.`,
        hint: `A row that large is almost always an export error: a quote that opens a field and closes it much later, or a column of binary data. Open the file at line ${f.lines[0]} and check that row.`,
      }),
    );
  }
  if (scan.headerControl.length > 0 && scan.header) {
    const cols = scan.headerControl;
    const names = cols.map((c) => `column ${c} ("${printable(scan.header![c - 1] ?? '')}")`);
    out.push(
      makeIssue('control-char', 'error', {
        count: 1,
        lines: [scan.headerLine],
        examples: names,
        message: `The header (line ${scan.headerLine}) has invisible control characters in ${names.join(', ')}; a NUL byte is shown as "�" in the column name.`,
        hint: 'Rename those columns in the header line, without control characters, and export the table again.',
      }),
    );
  }
  if (scan.control.count > 0) {
    const f = scan.control;
    out.push(
      makeIssue('control-char', 'error', {
        count: f.count,
        lines: f.lines,
        message: `${plural(f.count, 'row')} contain invisible control characters (${linesText(f.lines, f.count)}).`,
        hint: 'Remove the control characters (often pasted from another program) from those lines.',
      }),
    );
  }
  return out;
}
