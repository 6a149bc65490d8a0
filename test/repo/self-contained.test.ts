/**
 * The repository stands on its own: no tracked file (test, script, doc) points at the
 * development setup's shared folder (its design notes, style guide, domain notes or fixtures),
 * which a fresh clone does not have. Copies with their licence live in docs/ and test/fixtures.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
/** The shared folder's design notes, style guide, domain notes and fixtures by relative or absolute path (never src-main/shared). */
const OUTSIDE = /(?:\.\.\/)+shared\/(?:DESIGN|STYLE|domain\/|fixtures\/)|\/work\/shared\b/;

describe('the repository', () => {
  it('points at nothing outside itself', () => {
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
      .split('\0')
      .filter((f) => /\.(md|ts|tsx|mjs|js|json|ya?ml|sh)$|^\.ci\//.test(f));
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((f) =>
      readFileSync(join(root, f), 'utf8')
        .split('\n')
        .flatMap((line, i) => (OUTSIDE.test(line) ? [`${f}:${i + 1}`] : [])),
    );
    expect(found).toEqual([]);
  });
});
