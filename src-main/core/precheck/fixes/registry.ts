/**
 * The guided-fix rules by name: one entry per rule of the fixed vocabulary (FIX_RULES in
 * shared/report.ts). `redact` is registered by the identifier screen (its transformation is
 * theirs: `registerFixRule` at start); until then it is refused in plain words.
 */
import type { FixRule } from '../../../shared/report';
import { dropColumnRule } from './dropColumn';
import { restoreZerosRule } from './ids';
import { isoDateRule } from './isoDate';
import { decimalPointRule, dropThousandsRule } from './numbers';
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
  ].map((r) => [r.rule, r]),
);

/** The rule's implementation, or null when this build has none (`redact` before it is plugged in). */
export function fixRuleSpec(rule: FixRule): FixRuleSpec | null {
  return RULES.get(rule) ?? null;
}

/**
 * Adds (or replaces) a rule's implementation: how `redact` joins the engine. A rule that
 * keeps no original (`keepsOriginal: false`) has its originals written to a local,
 * owner-only store instead of the artifact.
 */
export function registerFixRule(spec: FixRuleSpec): void {
  RULES.set(spec.rule, spec);
}

/** Removes a rule's implementation (tests that plug a stand-in in take it out again). */
export function unregisterFixRule(rule: FixRule): void {
  if (rule !== 'redact') throw new Error(`unregisterFixRule: ${rule} is a built-in rule`);
  RULES.delete(rule);
}
