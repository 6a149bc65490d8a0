import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { findIdentifiers } from '../../../../src-main/core/precheck/phi/detect';
import { redactRule } from '../../../../src-main/core/precheck/phi/redactRule';
import { clinicalNote } from '../../../../src-main/core/sample/clinicalText';
import type { NameList } from '../../../../src-main/core/sample/identifiers';
import {
  identifier,
  TEXT_KINDS,
  withIdentifier,
} from '../../../../src-main/core/sample/identifiers';
import { stream } from '../../../../src-main/core/sample/random';
import names from '../../../fixtures/names/census-1990-sample.json';

const COL = { name: 'sig', type: 'string', defined: true, documented: [], patientIds: false };

describe('the redact rule', () => {
  it('replaces each identifier by its placeholder and leaves the rest as it was', () => {
    expect(redactRule.apply('per Dr. Alvarez, call 410-555-0187', {}, COL)).toBe(
      'per [NAME], call [PHONE]',
    );
    expect(redactRule.apply('SSN 123-45-6789; mail to 12 Oak St', {}, COL)).toBe(
      'SSN [SSN]; mail to [ADDRESS]',
    );
    expect(redactRule.apply('sent to ana@example.org, see www.example.org', {}, COL)).toBe(
      'sent to [EMAIL], see [URL]',
    );
  });

  it('only the kinds asked for', () => {
    expect(redactRule.apply('per Dr. Alvarez, call 410-555-0187', { kinds: ['phone'] }, COL)).toBe(
      'per Dr. Alvarez, call [PHONE]',
    );
  });

  it('leaves clinical text alone (null: nothing to change)', () => {
    for (const t of ['Hx of Kaposi sarcoma', 'Hodgkin lymphoma', 'Dr. visit', '1 tab PO daily'])
      expect(redactRule.apply(t, {}, COL), t).toBeNull();
  });

  it('leaves no planted identifier behind, and a redacted cell has nothing more to redact', () => {
    const r = stream(3, 'redact-test');
    const people = names as NameList;
    for (let i = 0; i < 800; i++) {
      const kind = TEXT_KINDS[i % TEXT_KINDS.length]!;
      const id = identifier(kind, r, people);
      const text = withIdentifier(clinicalNote(r), kind, id, r);
      const out = redactRule.apply(text, {}, COL);
      if (out === null) {
        // Only a name may be missed (the benchmark's recall); never a pattern kind.
        expect(kind, text).toBe('name');
        continue;
      }
      if (kind !== 'name') expect(out, text).not.toContain(id.replace(/^\D*?(?=\d)/, ''));
      expect(findIdentifiers(out), out).toEqual([]);
      expect(redactRule.apply(out, {}, COL)).toBeNull();
    }
  });

  it('checks its params and says what it does', () => {
    expect(redactRule.checkParams({})).toBeNull();
    expect(redactRule.checkParams({ kinds: ['name', 'ssn'] })).toBeNull();
    expect(redactRule.checkParams({ kinds: ['identifier-column'] })).toMatch(/kinds/);
    expect(redactRule.checkParams({ kinds: 'name' })).toMatch(/kinds/);
    expect(redactRule.keepsOriginal).toBe(false);
    expect(redactRule.describe({ kinds: ['phone'] }, 'sig')).toBe(
      'identifiers in "sig" replaced by [PHONE]; the original text kept on this computer only',
    );
  });

  it('its SQL candidates are true for every value it would change', async () => {
    const inst = await DuckDBInstance.create(':memory:');
    const c = await inst.connect();
    const values = [
      'per Dr. Alvarez, call 410-555-0187',
      'call 4105550187',
      'maria kelvin sarwar',
      '1 tab PO daily',
    ];
    const sql = `SELECT v, ${redactRule.candidates('v')} AS c FROM (SELECT unnest([${values.map((v) => `'${v}'`).join(', ')}]) AS v)`;
    const rows = (await c.runAndReadAll(sql)).getRowObjects();
    for (const row of rows) {
      const changes = redactRule.apply(String(row.v), {}, COL) !== null;
      if (changes) expect(row.c, String(row.v)).toBe(true);
    }
    c.closeSync();
  });
});
