/**
 * `drop-column`: a column that should not be sent (one exported by mistake, say) is left out
 * of the fixed artifact. Only columns the definition does not know: dropping one of its own
 * would only trade this finding for a missing column. Every dropped cell is recorded in
 * `_fixes` (its original, fixed NULL), so nothing is lost.
 */
import type { FixRuleSpec } from './rule';

export const dropColumnRule: FixRuleSpec = {
  rule: 'drop-column',
  kind: 'column',
  keepsOriginal: true,
  fits: (col) =>
    !col.defined
      ? null
      : `"${col.name}" is part of the data definition: only columns it does not know can be dropped.`,
  checkParams: () => null,
  // Every cell of the column leaves the table: there is no new text.
  apply: () => null,
  describe: (_p, column) => `column "${column}" left out`,
};
