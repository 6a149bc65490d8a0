/**
 * The comparison's rule for a lost month, shared by the comparison itself and the sample
 * generator's answer key (so the key says exactly what the comparison must find).
 */

/** The fewest rows a month must have had for its absence to be a `coverage-gap`. */
export const MIN_GAP_ROWS = 5;

/**
 * Rows a month must have had last year for its absence this year to count as a gap: sparse
 * months (a handful of rows, or far fewer than a typical month) are left out, since their
 * absence is noise, not a lost export.
 */
export function coverageGapFloor(monthCounts: readonly number[]): number {
  const sorted = [...monthCounts].sort((x, y) => x - y);
  const typical = sorted[Math.floor(sorted.length / 2)] ?? 0;
  return Math.max(MIN_GAP_ROWS, Math.ceil(typical * 0.2));
}

/** A percentage with one decimal, as the comparison shows shares and changes. */
export function percent1(part: number, whole: number): number {
  return whole > 0 ? Math.round(((100 * part) / whole) * 10) / 10 : 0;
}
