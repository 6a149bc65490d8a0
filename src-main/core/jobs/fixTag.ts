/**
 * The name tag of a fixed artifact (`fix-<8 hex>`): a hash of the fixes it was made with (rule,
 * column and params, in order). The same fixes of the same source give the same name, so a
 * push of them is idempotent like any other; other fixes give another name, beside the
 * unfixed artifact on the NAS rather than over it.
 */
import { createHash } from 'node:crypto';
import type { AppliedFix } from '../../shared/report';

/** The tag for a list of applied fixes (null: none, the plain conversion). */
export function fixTag(
  fixes: readonly Pick<AppliedFix, 'rule' | 'column' | 'params'>[],
): string | null {
  if (fixes.length === 0) return null;
  const key = JSON.stringify(fixes.map((f) => [f.rule, f.column, f.params]));
  return `fix-${createHash('sha256').update(key).digest('hex').slice(0, 8)}`;
}

/** The tag of a job's artifact from its manifest fields (`_meta.fixes`), or null. */
export function fixVariant(meta: Record<string, unknown> | null): string | null {
  const fixes = meta?.fixes;
  return Array.isArray(fixes) ? fixTag(fixes as AppliedFix[]) : null;
}
