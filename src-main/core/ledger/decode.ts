import type { z } from 'zod';

/** A decoded journal line: its event, or why it was skipped (never the line's content). */
export type Decoded<E> = { ok: true; event: E } | { ok: false; reason: string };

/**
 * Turns one journal line into an event of `schema`, or a reason to skip it.
 *
 * The line's `v` says which version of Courier's events it follows: missing means 1 (journals
 * written before events carried it); above `version` means a newer Courier wrote it, and this
 * one cannot know what it means. The reason names fields and expected types only: journal
 * lines hold file names and paths that have no place in a log.
 */
export function decodeLine<E>(line: string, schema: z.ZodType<E>, version: number): Decoded<E> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, reason: 'not JSON (a line cut short?)' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { ok: false, reason: `not an event object (${kindOf(value)})` };
  const v = (value as { v?: unknown }).v ?? 1;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
    return { ok: false, reason: 'its version "v" is not a positive integer' };
  if (v > version)
    return {
      ok: false,
      reason: `written by a newer Courier (event version ${v}; this one reads up to ${version})`,
    };
  const parsed = schema.safeParse(value);
  if (!parsed.success) return { ok: false, reason: describe(parsed.error) };
  // Zod drops keys the schema does not know, `v` among them.
  return { ok: true, event: parsed.data };
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/** Where and what kind of mismatch, from zod's issues; no input values. */
function describe(error: z.ZodError): string {
  const parts = error.issues.slice(0, 3).map((i) => {
    const where = i.path.length ? i.path.join('.') : 'the event';
    const expected =
      'expected' in i && typeof i.expected === 'string' ? ` (expected ${i.expected})` : '';
    return `${where}: ${i.code}${expected}`;
  });
  const more = error.issues.length > 3 ? ` and ${error.issues.length - 3} more` : '';
  return `wrong shape: ${parts.join('; ')}${more}`;
}
