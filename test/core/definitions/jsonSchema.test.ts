/**
 * The editors' JSON Schema (resources/definitions/definition.schema.json): generated from the
 * zod schema by the build, committed, and really a schema of the files Courier loads.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import {
  DEFINITION_SCHEMA_FILE,
  definitionJsonSchemaText,
} from '../../../src-main/core/definitions/jsonSchema';
import { resourcesDir } from '../../../src-main/core/definitions/loader';

const project = join(import.meta.dirname, '../../..');
const schemaPath = join(project, DEFINITION_SCHEMA_FILE);

interface ObjectSchema {
  title?: string;
  description?: string;
  properties: Record<string, { description?: string }>;
  $defs: { variable: ObjectSchema };
}

async function committed(): Promise<string> {
  return readFile(schemaPath, 'utf8');
}

/** Every definition file bundled under resources/definitions (the schema itself excluded). */
async function bundledDefinitionFiles(): Promise<string[]> {
  const root = join(resourcesDir(), 'definitions');
  const names = await readdir(root, { recursive: true });
  return names
    .filter((n) => n.endsWith('.json') && join(root, n) !== schemaPath)
    .map((n) => join(root, n))
    .sort();
}

async function validator() {
  const schema = JSON.parse(await committed()) as object;
  return new Ajv2020({ allErrors: true }).compile(schema);
}

/** A minimal valid definition, to break one way at a time. */
function table(variables: unknown[], extra: Record<string, unknown> = {}) {
  return {
    formatVersion: 1,
    table: 'vaccination',
    label: 'Vaccinations',
    files: 'multiple',
    order: 17,
    variables,
    ...extra,
  };
}

describe('the definitions JSON Schema', () => {
  it('is exactly what the zod schema generates (the build writes it; commit it)', async () => {
    expect(await committed(), `${DEFINITION_SCHEMA_FILE} is stale: run npm run build:node`).toBe(
      definitionJsonSchemaText(),
    );
  });

  it('tells editors what each field is for', async () => {
    const schema = JSON.parse(await committed()) as ObjectSchema;
    expect(schema.title).toBe('Courier table definition');
    const undescribed = [
      ...Object.entries(schema.properties).map(([k, v]) => [k, v] as const),
      ...Object.entries(schema.$defs.variable.properties).map(
        ([k, v]) => [`variable.${k}`, v] as const,
      ),
    ]
      .filter(([, v]) => !v.description)
      .map(([k]) => k);
    expect(undescribed).toEqual([]);
  });

  it('accepts every bundled definition file', async () => {
    const validate = await validator();
    const files = await bundledDefinitionFiles();
    expect(files.length).toBeGreaterThanOrEqual(16);
    for (const file of files) {
      const ok = validate(JSON.parse(await readFile(file, 'utf8')));
      expect(ok, `${relative(project, file)}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('refuses a definition with a mistake, at the field at fault', async () => {
    const validate = await validator();
    const id = { name: 'cohortPatientId', type: 'id' };
    expect(validate(table([id]))).toBe(true);

    const mistakes: [unknown, string][] = [
      [table([id, { name: 'dose', type: 'string', optinal: true }]), '/variables/1'],
      [table([id, { name: 'dose', type: 'text' }]), '/variables/1/type'],
      [table([id, { name: 'kind', type: 'enum' }]), '/variables/1'],
      [
        table([id, { name: 'y', type: 'year', range: { max: 'thisYear' } }]),
        '/variables/1/range/max',
      ],
      [table([id], { table: 'Vaccination' }), '/table'],
      [table([]), '/variables'],
      [table([id], { formatVersion: 2 }), '/formatVersion'],
    ];
    for (const [definition, where] of mistakes) {
      expect(validate(definition), JSON.stringify(definition)).toBe(false);
      expect(validate.errors?.map((e) => e.instancePath)).toContain(where);
    }
  });
});
