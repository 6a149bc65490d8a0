import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sniffHead } from '../../../src-main/core/scan/sniff';
import { tempDir } from '../../helpers/env';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir('courier-sniff-'));
});
afterAll(() => cleanup());

function sniff(name: string, text: string): ReturnType<typeof sniffHead> {
  const path = join(dir, name);
  writeFileSync(path, text);
  return sniffHead(path);
}

describe('the first look at a file, for the load begun during the scan', () => {
  it("skips Excel's sep= line and uses its delimiter, the header on the next line", () => {
    expect(sniff('sep.csv', 'sep=;\na;b;c\n1;2;3\n')).toEqual({
      delimiter: ';',
      columns: 3,
      newLine: 'lf',
      header: ['a', 'b', 'c'],
      skipLines: 1,
    });
    expect(sniff('sep-crlf.csv', 'sep=,\r\na,b\r\n1,2\r\n')).toMatchObject({
      delimiter: ',',
      newLine: 'crlf',
      header: ['a', 'b'],
      skipLines: 1,
    });
  });

  it('leaves the scan to decide when the sep= line ends otherwise than the rest', () => {
    expect(sniff('mixed.csv', 'sep=,\r\na,b\n1,2\n')).toBeNull();
  });

  it('reads a file without one as before', () => {
    expect(sniff('plain.csv', 'a,b\n1,2\n')).toMatchObject({ header: ['a', 'b'], skipLines: 0 });
  });
});
