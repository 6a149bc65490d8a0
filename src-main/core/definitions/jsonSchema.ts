/**
 * The JSON Schema of a definition file, generated from the zod schema so that the two cannot
 * drift. The build writes it to resources/definitions/definition.schema.json, where editors of a
 * site's definitions folder point their `$schema`; a test checks the committed file against it.
 */
import { z } from 'zod';
import { tableDefinitionSchema, variableSchema } from './schema';

/** Where the generated schema lives, relative to the project (and installation) root. */
export const DEFINITION_SCHEMA_FILE = 'resources/definitions/definition.schema.json';

/**
 * The definition files' JSON Schema (draft 2020-12).
 *
 * Describes the file as written (`io: 'input'`): fields with a default are optional. An enum
 * without values is caught by the loader, not by zod; the schema says it too (`if`/`then`), so
 * that an editor flags it while typing.
 */
export function definitionJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(tableDefinitionSchema, {
    target: 'draft-2020-12',
    io: 'input',
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema !== variableSchema) return;
      jsonSchema.if = { properties: { type: { const: 'enum' } } };
      jsonSchema.then = {
        required: ['values'],
        properties: { values: { type: 'array', minItems: 1 } },
      };
    },
  });
}

/** The file's exact text: two-space JSON and a final newline, as the build writes it. */
export function definitionJsonSchemaText(): string {
  return `${JSON.stringify(definitionJsonSchema(), null, 2)}\n`;
}
