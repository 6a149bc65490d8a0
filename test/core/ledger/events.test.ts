import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../../src-main/core/ledger/ledger';
import { tempDir } from '../../helpers/env';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
});
afterAll(() => cleanup());

/** A job event as an older Courier wrote it: no `v`. */
function jobLine(id: string, name: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    type: 'job',
    id,
    at: '2026-01-02T03:04:05.000Z',
    pid: 1,
    source: { name, path: `/data/${name}`, bytes: 10 },
    table: null,
    cohort: 'C',
    protocolYear: 2025,
    site: null,
    ...extra,
  });
}

const logOf = (home: string): string => {
  const f = join(home, 'logs', 'courier.log');
  return existsSync(f) ? readFileSync(f, 'utf8') : '';
};

describe('versioned, validated events', () => {
  it('writes every event with v: 1', () => {
    const home = join(dir, 'written');
    const ledger = new Ledger(home);
    ledger.append(JSON.parse(jobLine('a1', 'a.csv')));
    ledger.append({ type: 'stage', id: 'a1', at: 'now', stage: 'ready' });
    ledger.auditLog({ op: 'read', jobId: 'a1', sha256: 'ab' });
    for (const f of ['ledger.jsonl', 'audit.jsonl']) {
      const lines = readFileSync(join(home, f), 'utf8').trim().split('\n');
      expect(lines.length).toBeGreaterThan(0);
      for (const l of lines) expect(JSON.parse(l)).toMatchObject({ v: 1 });
    }
    expect(ledger.job('a1')?.stage).toBe('ready');
  });

  it('skips lines of the wrong shape or a newer version, logs each once by line number, and reads old lines as version 1', () => {
    const home = join(dir, 'damaged');
    mkdirSync(home, { recursive: true });
    const secret = 'SECRET-NAME-4411.csv';
    writeFileSync(
      join(home, 'ledger.jsonl'),
      [
        jobLine('old1', 'old.csv'), // 1: written before `v`: version 1
        'null', // 2
        '{"type":"job"}', // 3
        '42', // 4
        jobLine('new1', secret, { v: 2 }), // 5: a newer Courier's
        JSON.stringify({ type: 'stage', id: 'old1', at: 'x', stage: 'no-such-stage' }), // 6
        '', // 7: blank lines are not events, nor damage
        JSON.stringify({ v: 1, type: 'stage', id: 'old1', at: 'x', stage: 'ready' }), // 8
        jobLine(secret, secret, { v: 'one' }), // 9
        '{"type":"stage","id":"old1","at":"x","sta', // a torn tail: never committed
      ].join('\n'),
    );
    const ledger = new Ledger(home);
    const jobs = ledger.jobs();
    expect(jobs.map((j) => [j.id, j.stage])).toEqual([['old1', 'ready']]);
    expect(ledger.jobs()).toHaveLength(1);
    expect(ledger.events()).toHaveLength(2);

    const log = logOf(home);
    const skipped = [...log.matchAll(/ledger\.jsonl line (\d+) skipped: (.*)/g)].map((m) => [
      Number(m[1]),
      m[2],
    ]);
    // Once each, however many times the ledger was read.
    expect(skipped.map(([line]) => line)).toEqual([2, 3, 4, 5, 6, 9]);
    expect(skipped[0]![1]).toContain('null');
    expect(skipped[1]![1]).toContain('id');
    expect(skipped[3]![1]).toContain('newer Courier');
    expect(skipped[4]![1]).toContain('stage');
    expect(log).not.toContain('SECRET-NAME');
    expect(log).not.toContain('old.csv');
  });

  it('does the same for the audit journal', () => {
    const home = join(dir, 'audit');
    const ledger = new Ledger(home);
    ledger.auditLog({ op: 'read', jobId: 'j1', file: 'a.csv', bytes: 3 });
    appendFileSync(
      join(home, 'audit.jsonl'),
      [
        'null',
        '{"at":"x","op":"teleported","jobId":"j1"}',
        '{"at":"x","op":"deleted","jobId":"j1"}',
        '{"v":7,"at":"x","op":"read","jobId":"j1","file":"SECRET-AUDIT.csv"}',
      ].join('\n') + '\n',
    );
    expect(ledger.auditEvents().map((e) => e.op)).toEqual(['read', 'deleted']);
    expect(ledger.auditEvents()).toHaveLength(2);
    const lines = [...logOf(home).matchAll(/audit\.jsonl line (\d+) skipped/g)].map((m) =>
      Number(m[1]),
    );
    expect(lines).toEqual([2, 3, 5]);
    expect(logOf(home)).not.toContain('SECRET-AUDIT');
  });
});
