/**
 * The shared patient ID pool: patient.csv row i holds pool ID i, and every other table draws
 * its IDs from the same pool, so a valid submission has no unknown IDs.
 */
import type { Rng } from './random';

/** Patient IDs `P000001` … with leading zeros (IDs are strings: `00123` is not `123`). */
export class PatientPool {
  readonly size: number;
  private readonly width: number;
  private readonly excluded: ReadonlySet<number>;

  /**
   * @param excluded pool positions whose patient row will not be loaded with its ID (a
   *   rejected row, a replaced or emptied ID): other tables never draw them, so each
   *   injected patient error stays the only issue it causes.
   */
  constructor(size: number, excluded: ReadonlySet<number> = new Set()) {
    this.size = size;
    this.width = Math.max(6, String(size).length);
    // If every patient were excluded there would be nothing to draw: draw from all instead.
    this.excluded = excluded.size >= size ? new Set() : excluded;
  }

  /** The ID at pool position `i` (0-based). */
  id(i: number): string {
    return `P${String(i + 1).padStart(this.width, '0')}`;
  }

  /**
   * A random ID of a patient whose row is loaded. Always uses exactly one random number, so
   * the rest of the row does not shift when exclusions change.
   */
  draw(rng: Rng): string {
    let i = Math.floor(rng() * this.size);
    while (this.excluded.has(i)) i = i + 1 === this.size ? 0 : i + 1;
    return this.id(i);
  }
}
