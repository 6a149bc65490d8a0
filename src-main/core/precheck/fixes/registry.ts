/**
 * The guided-fix rules by name: one entry per rule of the fixed vocabulary (FIX_RULES in
 * shared/report.ts). `redact` is the identifier screen's (precheck/phi/redactRule.ts).
 */
import type { FixRule } from '../../../shared/report';
import { dropColumnRule } from './dropColumn';
import { restoreZerosRule } from './ids';
import { isoDateRule } from './isoDate';
import { decimalPointRule, dropThousandsRule } from './numbers';
import { redactRule } from '../phi/redactRule';
import type { FixRuleSpec } from './rule';
import { caseRule, mapValuesRule, missingToEmptyRule, trimRule } from './values';

const RULES = new Map<FixRule, FixRuleSpec>(
  [
    isoDateRule,
    missingToEmptyRule,
    restoreZerosRule,
    trimRule,
    caseRule,
    decimalPointRule,
    dropThousandsRule,
    mapValuesRule,
    dropColumnRule,
    redactRule,
  ].map((r): [FixRule, FixRuleSpec] => [r.rule, r]),
);

/** The rule's implementation, or null when this build has none. */
export function fixRuleSpec(rule: FixRule): FixRuleSpec | null {
  return RULES.get(rule) ?? null;
}

/**
 * Replaces a rule's implementation (tests put a stand-in in, then the real one back). A rule
 * that keeps no original (`keepsOriginal: false`) has its originals written to a local,
 * owner-only store instead of the artifact.
 */
export function registerFixRule(spec: FixRuleSpec): void {
  RULES.set(spec.rule, spec);
}
