/** The board's submission actions through the window's service: declare, compare, "changed since declared". */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourierService } from '../../../src-main/core/service';
import { updateSettings } from '../../../src-main/core/service/settingsOps';
import { NAACCORD_TABLES, tempDir } from '../../helpers/env';
import { openService, sampleFiles } from './helpers';

let dir: string;
let cleanup: () => void;
let service: CourierService;
let files: { patient: string; laboratory: string };
const COHORT = 'UW - Seattle';

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('courier-service-declare-'));
  files = await sampleFiles(join(dir, 'data'), 40);
  service = await openService(join(dir, 'home'));
  await updateSettings(service, { cohort: COHORT, protocolYear: 2025 });
  service.grant([files.patient, files.laboratory]);
  await service.addPaths([files.patient]);
  await service.idle();
  await service.addPaths([files.laboratory]);
  await service.idle();
});
afterAll(async () => {
  await service.close();
  cleanup();
});

describe('declaring a submission from the board', () => {
  it('sends what is ready, and refuses to declare while tables are unaccounted for', async () => {
    const r = await service.declare(COHORT, 2025, null);
    expect(r.declared).toBe(false);
    if (r.declared) return;
    expect(r.missing).toHaveLength(14);
    expect(r.message).toMatch(/^Not declared: 14 tables are neither sent nor marked not available/);
    const board = service.board(COHORT, 2025);
    expect(board.tables.find((t) => t.table === 'patient')?.status).toBe('saved locally');
    expect(board.declaration).toBeNull();
  });

  it('declares once every table is sent or not available, and says when it changed since', async () => {
    for (const t of NAACCORD_TABLES.filter((t) => t !== 'patient' && t !== 'laboratory'))
      service.notAvailable(COHORT, 2025, t, 'not collected at this site');
    const r = await service.declare(COHORT, 2025, null);
    expect(r).toMatchObject({ declared: true, seq: 1, complete: true });
    if (!r.declared) return;
    const d = JSON.parse(readFileSync(r.path, 'utf8'));
    expect(d).toMatchObject({ seq: 1, complete: true, cohort: COHORT, protocolYear: 2025 });
    expect(service.board(COHORT, 2025).declaration).toMatchObject({
      seq: 1,
      complete: true,
      local: true,
      changed: false,
    });
    // A mark withdrawn: the board says the declaration no longer tells the truth.
    service.available(COHORT, 2025, 'census');
    expect(service.board(COHORT, 2025).declaration).toMatchObject({ seq: 1, changed: true });
    const again = await service.declare(COHORT, 2025, 'census follows in March');
    expect(again).toMatchObject({ declared: true, seq: 2, complete: false });
    expect(service.board(COHORT, 2025).declaration).toMatchObject({ seq: 2, changed: false });
  });

  it('compares with a year that has nothing, saying so in figures, not failing', async () => {
    const c = await service.compare(COHORT, 2025);
    expect(c.withYear).toBe(2024);
    const patient = c.tables.find((t) => t.table === 'patient')!;
    expect(patient.current?.rows).toBe(40);
    expect(patient.previous).toBeNull();
    expect(patient.findings).toEqual([]);
  });
});
