import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src-main/core/csv/parse';
import { readSepLine } from '../../../src-main/core/csv/sepLine';
import { CsvTokenizer, Flag, RecordKind } from '../../../src-main/core/csv/tokenizer';

/** The header record of `text`: its line, field count and quoting flags. */
function header(text: string): { line: number; fields: number; flags: number } | null {
  let out: { line: number; fields: number; flags: number } | null = null;
  const bytes = new TextEncoder().encode(text);
  const tok = new CsvTokenizer(0x2c, (kind, line, _s, _e, fields, flags) => {
    if (kind === RecordKind.header) out = { line, fields, flags };
  });
  let offset = 0;
  for (;;) {
    while (offset < bytes.length) {
      const r = tok.feed(bytes.subarray(offset), offset);
      offset = r >= 0 ? r : bytes.length;
    }
    const r = tok.finish(bytes.length);
    if (r < 0) break;
    offset = r;
  }
  return out;
}

const QUOTE_FLAGS = Flag.strayQuote | Flag.unclosedQuote;

describe('the header is held to the quoting rules of the data', () => {
  it('flags a quote inside a name or text after a closing quote', () => {
    expect(header('a,"b"c,d\n1,2,3\n')).toEqual({ line: 1, fields: 3, flags: Flag.strayQuote });
    expect(header('a,b"c,d\n1,2,3\n')!.flags & QUOTE_FLAGS).toBe(Flag.strayQuote);
  });

  it('keeps its first line as the header when a quote opened there is never closed', () => {
    expect(header('a,"b,c\n1,2,3\n4,5,6\n')).toMatchObject({ line: 1, fields: 2 });
    expect(header('a,"b,c\n1,2,3\n')!.flags & QUOTE_FLAGS).toBe(Flag.unclosedQuote);
    expect(header('a,"b,c')!.flags & QUOTE_FLAGS).toBe(Flag.unclosedQuote);
    // The data after it is read from the next line on.
    const parsed = parseCsv('a,"b,c\n1,2\n');
    expect(parsed.records.map((r) => [r.line, r.kind])).toEqual([[2, RecordKind.good]]);
  });

  it('accepts a well-quoted name, a line break inside quotes included', () => {
    expect(header('a,"b ""x""",c\n1,2,3\n')!.flags & QUOTE_FLAGS).toBe(0);
    expect(header('a,"b\nx",c\n1,2,3\n')).toMatchObject({ line: 1, fields: 3 });
    expect(header('a,"b\nx",c\n1,2,3\n')!.flags & QUOTE_FLAGS).toBe(0);
  });
});

describe("Excel's sep= line", () => {
  const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

  it('names the delimiter and its own length, whatever the line end', () => {
    expect(readSepLine(bytes('sep=;\na;b\n'))).toEqual({
      delimiter: ';',
      length: 6,
      terminator: 'lf',
    });
    expect(readSepLine(bytes('SEP=|\r\na|b\r\n'))).toEqual({
      delimiter: '|',
      length: 7,
      terminator: 'crlf',
    });
    expect(readSepLine(bytes('sep=\t\ra\tb'))).toEqual({
      delimiter: '\t',
      length: 6,
      terminator: 'cr',
    });
    expect(readSepLine(bytes('xxxsep=,\n'), 3)).toMatchObject({ delimiter: ',' });
  });

  it('is not a header named sep, nor a line with more on it', () => {
    for (const text of ['sep,a\n1,2\n', 'sep=;;\n', 'sep=\n', 'sep="\n', 'sepa=;\n', 'sep=;'])
      expect(readSepLine(bytes(text)), text).toBeNull();
  });
});
