import { z } from 'zod';

/**
 * Courier's own data-definition format: one JSON file per table.
 *
 * Kept deliberately close to the consortium's vocabulary (required, required_when,
 * forbidden_when, range, unique, in_table, recommended, date order) but in Courier's own
 * shape. The loader validates every file against this schema and names the file and field
 * of any mistake.
 */

export const VARIABLE_TYPES = [
  'id',
  'string',
  'enum',
  'boolean',
  'year',
  'date',
  'integer',
  'number',
] as const;
export type VariableType = (typeof VARIABLE_TYPES)[number];

const severity = z.enum(['error', 'warning', 'info']);

/** A condition on another column of the same row. */
const condition = z
  .object({
    column: z.string().min(1),
    /** `present`: the other column has a value; `absent`: it is empty. */
    is: z.enum(['present', 'absent']),
  })
  .strict();

export const variableSchema = z
  .object({
    name: z.string().min(1),
    type: z.enum(VARIABLE_TYPES),
    label: z.string().optional(),
    description: z.string().optional(),
    /** Required (non-empty) unless optional is true. */
    optional: z.boolean().default(false),
    /** Allowed values for enum; documentation-only code list for strings. */
    values: z.array(z.string()).optional(),
    /** Documented codes of a free string field: never checked, shown as help. */
    codes: z.array(z.string()).optional(),
    /** For boolean: which spellings mean true / false / unknown (case-insensitive). */
    booleanValues: z
      .object({
        true: z.array(z.string()),
        false: z.array(z.string()),
        unknown: z.array(z.string()).optional(),
      })
      .strict()
      .optional(),
    /** Inclusive range; "currentYear" stands for the year of the check. */
    range: z
      .object({
        min: z.union([z.number(), z.literal('currentYear')]).optional(),
        max: z.union([z.number(), z.literal('currentYear')]).optional(),
      })
      .strict()
      .optional(),
    unique: z.boolean().optional(),
    /** Cross-table: each value must exist in `table.column` of the submission. */
    inTable: z.object({ table: z.string(), column: z.string() }).strict().optional(),
    /** Info when missing (only meaningful with optional: true). */
    recommended: z.boolean().optional(),
    requiredWhen: z.array(condition).optional(),
    forbiddenWhen: z.array(condition.extend({ severity: severity.default('error') })).optional(),
    /** This date must not be before the date in `column` of the same row. */
    notBefore: z
      .array(z.object({ column: z.string(), severity: severity.default('warning') }).strict())
      .optional(),
    /** Warn when the date lies after today. */
    noFuture: z.boolean().optional(),
  })
  .strict();

export type Variable = z.infer<typeof variableSchema>;

export const tableDefinitionSchema = z
  .object({
    /** Definition format version. */
    formatVersion: z.literal(1),
    table: z.string().regex(/^[a-z][a-z0-9_]*$/),
    label: z.string(),
    /** `single`: exactly one file per submission (a re-upload is a new version). */
    files: z.enum(['single', 'multiple']),
    /** Position in the submission order (1 = first). */
    order: z.number().int().positive(),
    description: z.string().optional(),
    variables: z.array(variableSchema).min(1),
  })
  .strict();

export type TableDefinition = z.infer<typeof tableDefinitionSchema>;
