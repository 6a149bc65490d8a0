import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

// electron-builder 26 cannot be installed on Node 20: its configuration is validated against the
// schema it publishes (app-builder-lib's scheme.json, copied with its origin and licence in
// test/fixtures/electron-builder), the same schema electron-builder itself checks it with.
const root = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
// js-yaml comes with ESLint's config loader (see the report: an explicit devDependency would
// be better); only `load` is needed.
const yaml = require('js-yaml') as { load(text: string): unknown };

type Config = Record<string, unknown> & {
  linux: { target: string[]; fileAssociations: Record<string, string>[] };
  mac: { fileAssociations: Record<string, string>[]; hardenedRuntime: boolean; notarize: boolean };
  nsis: { include: string };
  win: { target: string[] };
  asarUnpack: string[];
  electronFuses: Record<string, boolean>;
  artifactName: string;
};

const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Config;
const schema = JSON.parse(
  readFileSync(join(root, 'test/fixtures/electron-builder/scheme.json'), 'utf8'),
) as object;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  homepage?: string;
  author?: { name?: string; email?: string };
  main: string;
};

// strict: false: the schema carries electron-builder's own annotations (tsType…).
const check = new Ajv({ allErrors: true, strict: false }).compile(schema);

function validate(c: unknown): string[] {
  return check(c)
    ? []
    : (check.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

describe('electron-builder.yml', () => {
  it('is valid against electron-builder 26’s published schema', () => {
    expect(validate(config)).toEqual([]);
  });

  it('would be refused by that schema when wrong (the check is not empty)', () => {
    expect(validate({ ...config, linux: { ...config.linux, targett: ['deb'] } })).not.toEqual([]);
    expect(validate({ ...config, asar: 'yes' })).not.toEqual([]);
  });

  it('names what the deb needs in package.json (homepage, author with email)', () => {
    // electron-builder's FpmTarget refuses a deb without them ("Please specify author 'email'").
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.author?.name).toBeTruthy();
    expect(pkg.author?.email).toMatch(/^[^@\s]+@[^@\s]+$/);
  });

  it('ships the deb as the Linux package, not an AppImage that AppArmor stops', () => {
    expect(config.linux.target).toEqual(['deb']);
  });

  it('offers Courier for CSV files without becoming their default program', () => {
    expect(config.mac.fileAssociations).toContainEqual(
      expect.objectContaining({ ext: 'csv', rank: 'Alternate', role: 'Viewer' }),
    );
    expect(config.linux.fileAssociations).toContainEqual(
      expect.objectContaining({ ext: 'csv', mimeType: 'text/csv' }),
    );
    expect(config).not.toHaveProperty('fileAssociations');
    const nsh = readFileSync(join(root, config.nsis.include), 'utf8');
    expect(nsh).toContain('Software\\Classes\\.csv\\OpenWithProgids');
    // Writing the default value of Software\Classes\.csv would take the association over.
    expect(nsh).not.toMatch(/WriteRegStr SHCTX "Software\\Classes\\\.csv" ""/);
    expect(nsh).toMatch(/customUnInstall[\s\S]*DeleteRegValue[\s\S]*OpenWithProgids/);
  });

  it('unpacks the workers and DuckDB, names each build’s architecture, serves no file://', () => {
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining(['out/node/**', 'node_modules/@duckdb/**']),
    );
    expect(config.artifactName).toContain('${arch}');
    expect(config.electronFuses.grantFileProtocolExtraPrivileges).toBe(false);
    expect(config.electronFuses.runAsNode).toBe(false);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.notarize).toBe(true);
    expect(config.win.target).toEqual(expect.arrayContaining(['nsis', 'msi']));
  });

  it('points at files that exist', () => {
    for (const p of ['resources/icon.png', config.nsis.include]) {
      expect(existsSync(join(root, p)), p).toBe(true);
    }
    expect(pkg.main).toBe('out/main/index.js');
  });
});
