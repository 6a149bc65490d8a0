/**
 * Seeded pseudo-random numbers for synthetic data: the same seed gives the same bytes.
 *
 * mulberry32 is tiny, fast and good enough for test data (not for anything secret). Each
 * table and purpose gets its own stream, derived from the seed and a name, so that adding a
 * table or turning error injection on does not shift the values of other streams.
 */

/** A source of uniform numbers in [0, 1) with small helpers. */
export interface Rng {
  (): number;
  /** Whole number in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** One element of a non-empty list (optionally weighted). */
  pick<T>(list: readonly T[], weights?: readonly number[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
}

/** mulberry32: 32 bits of state, period 2^32. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng = next as Rng;
  rng.int = (min, max) => min + Math.floor(next() * (max - min + 1));
  rng.pick = <T>(list: readonly T[], weights?: readonly number[]): T => {
    if (!weights) return list[Math.floor(next() * list.length)] as T;
    let total = 0;
    for (const w of weights) total += w;
    let x = next() * total;
    for (let i = 0; i < list.length; i++) {
      x -= weights[i] ?? 0;
      if (x < 0) return list[i] as T;
    }
    return list[list.length - 1] as T;
  };
  rng.chance = (p) => next() < p;
  return rng;
}

/** A 32-bit seed for one named stream of one run (FNV-1a over the seed and the names). */
export function streamSeed(seed: number, ...names: string[]): number {
  let h = 0x811c9dc5;
  for (const ch of [String(seed), ...names].join('\u0000')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The stream `names` of run `seed`. */
export function stream(seed: number, ...names: string[]): Rng {
  return mulberry32(streamSeed(seed, ...names));
}

/** Shuffles `list` in place (Fisher–Yates) and returns it. */
export function shuffle<T>(rng: Rng, list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = list[i] as T;
    list[i] = list[j] as T;
    list[j] = t;
  }
  return list;
}
