/**
 * Whether a fix saved in a recipe still fits a new file's proposal for the same rule and
 * column: the recipe was made for those cells, so it applies only where the new file's
 * proposal asks for what the recipe does (the same date pattern, codes it knows, …). Where
 * it does not, the recipe says why instead of applying (a reason in plain words).
 */
import type { FixRule } from '../../../shared/report';
import type { FixParams } from './rule';
import { stringList, stringMap } from './rule';

const subset = (a: readonly string[], b: readonly string[]): boolean =>
  a.every((x) => b.includes(x));

/** Null when the recipe's params cover the proposal's; else why not. */
export function recipeMismatch(
  rule: FixRule,
  column: string,
  recipe: FixParams,
  proposal: FixParams,
): string | null {
  switch (rule) {
    case 'iso-date':
      return recipe.from === proposal.from && (recipe.epoch ?? null) === (proposal.epoch ?? null)
        ? null
        : `the dates in "${column}" are now written ${String(proposal.from)}; the recipe was made for ${String(recipe.from)}.`;
    case 'missing-to-empty': {
      const found = stringList(proposal.codes) ?? [];
      const known = stringList(recipe.codes) ?? [];
      const extra = found.filter((c) => !known.includes(c));
      return extra.length === 0
        ? null
        : `"${column}" now holds the code${extra.length > 1 ? 's' : ''} ${extra.join(', ')}, which the recipe was not made for.`;
    }
    case 'restore-leading-zeros':
      return recipe.width === proposal.width && recipe.prefix === proposal.prefix
        ? null
        : `the patient table's IDs now have ${String(proposal.width)} digits after "${String(proposal.prefix)}"; the recipe was made for ${String(recipe.width)} after "${String(recipe.prefix)}".`;
    case 'drop-thousands-separator': {
      const seps = stringList(proposal.separators) ?? [];
      return recipe.decimal === proposal.decimal &&
        subset(seps, stringList(recipe.separators) ?? [])
        ? null
        : `the numbers in "${column}" are now grouped or written differently than the recipe was made for.`;
    }
    case 'map-values': {
      const found = stringMap(proposal.map) ?? {};
      const known = stringMap(recipe.map) ?? {};
      const differ = Object.entries(found).filter(([k, v]) => known[k] !== v);
      return differ.length === 0
        ? null
        : `"${column}" now holds ${differ
            .slice(0, 3)
            .map(([k]) => `"${k}"`)
            .join(', ')}, which the recipe does not map.`;
    }
    default:
      return null;
  }
}
