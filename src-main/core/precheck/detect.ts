import type { TableDefinition } from '../definitions/schema';

export interface Detection {
  table: string | null;
  confidence: number;
  /** Tables that fit equally well (more than one: ambiguous). */
  candidates: string[];
}

/** Below this share of matching columns a header is not taken as a table. */
export const MIN_CONFIDENCE = 0.5;

/**
 * Detects the table from a header: the share of columns shared between the header and each
 * definition (Jaccard on lower-cased names). The best wins; a tie is ambiguous.
 */
export function detectTable(header: string[], defs: TableDefinition[]): Detection {
  const h = new Set(header.map((x) => x.trim().toLowerCase()).filter((x) => x !== ''));
  let best = 0;
  let candidates: string[] = [];
  for (const def of defs) {
    const vars = new Set(def.variables.map((v) => v.name.toLowerCase()));
    let shared = 0;
    for (const x of h) if (vars.has(x)) shared++;
    const union = new Set([...h, ...vars]).size;
    const score = union === 0 ? 0 : shared / union;
    if (score > best + 1e-9) {
      best = score;
      candidates = [def.table];
    } else if (Math.abs(score - best) <= 1e-9 && score > 0) candidates.push(def.table);
  }
  const confidence = Math.round(best * 100) / 100;
  if (best < MIN_CONFIDENCE || candidates.length !== 1) {
    return { table: null, confidence, candidates: best > 0 ? candidates : [] };
  }
  return { table: candidates[0]!, confidence, candidates };
}
