import { CsvTokenizer, RecordKind } from './tokenizer';

/** Candidate delimiters, in order of preference on a tie. */
export const DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * Picks the delimiter from the first lines of a file: the candidate that gives the header
 * more than one field and the most records with exactly the header's field count.
 * Quote-aware (it uses the real tokenizer), so a comma inside quotes does not count.
 */
export function sniffDelimiter(sample: Uint8Array): string {
  let best: string = ',';
  let bestScore = -1;
  for (const d of DELIMITERS) {
    let header = -1;
    let consistent = 0;
    let total = 0;
    const tok = new CsvTokenizer(d.charCodeAt(0), (kind, _line, _s, _e, fields) => {
      if (kind === RecordKind.header) header = fields;
      else if (kind === RecordKind.good) {
        consistent++;
        total++;
      } else if (kind !== RecordKind.blank) total++;
    });
    tok.feed(sample, 0);
    if (header <= 1) continue;
    // Consistency first, then width: a ';' file with commas in decimals stays ';'.
    const score = (total === 0 ? 1 : consistent / total) * 1000 + Math.min(header, 999);
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}
