/**
 * `restore-leading-zeros`: patient IDs a spreadsheet read as numbers (`547` for `P000547`),
 * padded back to the patient table's digit width behind its common prefix. The engine keeps
 * only the IDs that then match the patient table (`knownIds: 'required'`), so a number that
 * was never an ID is left as it was.
 */
import type { FixParams, FixRuleSpec } from './rule';

/** The ID with its zeros (and prefix) back, or null when it is not a short run of digits. */
export function restoreZeros(text: string, width: number, prefix: string): string | null {
  if (!/^\d+$/.test(text)) return null;
  const short = prefix === '' ? text.length < width : text.length <= width;
  return short ? `${prefix}${text.padStart(width, '0')}` : null;
}

function shape(p: FixParams): { width: number; prefix: string } | null {
  const { width, prefix } = p;
  if (typeof width !== 'number' || !Number.isInteger(width) || width < 2 || width > 64) return null;
  if (typeof prefix !== 'string' || /\d/.test(prefix) || prefix.length > 32) return null;
  return { width, prefix };
}

export const restoreZerosRule: FixRuleSpec = {
  rule: 'restore-leading-zeros',
  kind: 'value',
  keepsOriginal: true,
  knownIds: 'required',
  fits: (col) =>
    col.patientIds
      ? null
      : `"${col.name}" is not the patient ID column: leading zeros are restored only where the patient table says what the IDs look like.`,
  checkParams: (p) =>
    shape(p)
      ? null
      : 'restore-leading-zeros needs "width" (the digits of an ID, 2 to 64) and "prefix" (the letters before them, or "").',
  apply(value, p) {
    const s = shape(p);
    return s ? restoreZeros(value, s.width, s.prefix) : null;
  },
  candidates: (v) => `(ascii(${v}) BETWEEN 48 AND 57)`,
  describe: (p, column) =>
    `IDs in "${column}" padded to ${String(p.width)} digits${p.prefix ? ` after "${String(p.prefix)}"` : ''} where they then match the patient table`,
};
