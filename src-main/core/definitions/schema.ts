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

const severity = z.enum(['error', 'warning', 'info']).meta({ id: 'severity' });

// The descriptions below are for people editing a definition folder: they become the
// descriptions of resources/definitions/definition.schema.json (see jsonSchema.ts).

const condition = z
  .object({
    column: z.string().min(1).describe('Name of another variable of this table.'),
    is: z
      .enum(['present', 'absent'])
      .describe('present: the other column has a value; absent: it is empty.'),
  })
  .strict()
  .meta({ id: 'condition', description: 'A condition on another column of the same row.' });

/** Inclusive bound of a range; "currentYear" stands for the year of the check. */
const rangeBound = z
  .union([z.number(), z.literal('currentYear').describe('The year of the check.')])
  .meta({ id: 'rangeBound' });

export const variableSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .describe('Column name. Headers match it case-insensitively and are renamed to this casing.'),
    type: z
      .enum(VARIABLE_TYPES)
      .describe(
        'id and string are text; enum needs values; boolean takes booleanValues; year is YYYY; date is YYYY-MM-DD.',
      ),
    label: z.string().optional().describe('Name of the variable as people read it.'),
    description: z.string().optional().describe('Short help shown to coordinators.'),
    optional: z
      .boolean()
      .default(false)
      .describe('true: the value may be empty. Otherwise a value is required.'),
    values: z
      .array(z.string())
      .optional()
      .describe(
        'Allowed values of an enum (matched case-insensitively after trimming). For a boolean: its documented spellings (Yes, No, Unknown); the other booleanValues are accepted as synonyms.',
      ),
    codes: z
      .array(z.string())
      .optional()
      .describe('Documented codes of a free string field: shown as help, never checked.'),
    booleanValues: z
      .object({
        true: z.array(z.string()),
        false: z.array(z.string()),
        unknown: z.array(z.string()).optional(),
      })
      .strict()
      .optional()
      .describe('Spellings that mean true, false and (when allowed) unknown, case-insensitive.'),
    range: z
      .object({ min: rangeBound.optional(), max: rangeBound.optional() })
      .strict()
      .optional()
      .describe('Inclusive range of a year, integer or number.'),
    unique: z.boolean().optional().describe('No value may occur twice in the table.'),
    inTable: z
      .object({ table: z.string(), column: z.string() })
      .strict()
      .optional()
      .describe('Cross-table: each value must exist in table.column of the submission.'),
    recommended: z.boolean().optional().describe('Info when the (optional) value is missing.'),
    requiredWhen: z
      .array(condition)
      .optional()
      .describe('The value is required when any of these conditions holds.'),
    forbiddenWhen: z
      .array(condition.extend({ severity: severity.default('error') }))
      .optional()
      .describe('The value must be empty when any of these conditions holds.'),
    notBefore: z
      .array(z.object({ column: z.string(), severity: severity.default('warning') }).strict())
      .optional()
      .describe('This date must not be before the date in column of the same row.'),
    noFuture: z.boolean().optional().describe('Warn when the date lies after today.'),
    checkSeverity: severity
      .optional()
      .describe(
        "Severity of the checks Courier adds beyond the consortium's validator for this variable: its type, number format and range (default error; census measures: warning).",
      ),
  })
  .strict()
  .meta({ id: 'variable' });

export type Variable = z.infer<typeof variableSchema>;

export const tableDefinitionSchema = z
  .object({
    formatVersion: z.literal(1).describe('Definition format version. Always 1.'),
    table: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/)
      .describe(
        'Table name: lower case letters, digits and _, starting with a letter. The file must be named <table>.json.',
      ),
    label: z.string().describe('Name of the table as people read it, e.g. "Patient Record".'),
    files: z
      .enum(['single', 'multiple'])
      .describe(
        'single: exactly one file per submission (a re-upload is a new version). multiple: one or more files with the same header.',
      ),
    order: z.number().int().positive().describe('Position in the submission order (1 = first).'),
    description: z.string().optional().describe('What one row of this table is.'),
    variables: z
      .array(variableSchema)
      .min(1)
      .describe('The columns of the table, in the order of the file.'),
  })
  .strict()
  .meta({
    title: 'Courier table definition',
    description:
      "One data table of a submission: its variables (columns), their types and their rules. Generated from Courier's own schema (src-main/core/definitions/schema.ts) by the build: do not edit it. When loading, Courier also checks what a schema cannot: the file name, variables that refer to each other, enum values, ranges, links to other tables.",
  });

export type TableDefinition = z.infer<typeof tableDefinitionSchema>;
