/**
 * Guided fixes through the service (what the window calls): the preview reads the artifact and
 * writes nothing, Apply makes the fixed job that replaces the unfixed one (and can keep the fix
 * as a recipe), Undo brings the unfixed one back; a recipe set to apply itself fixes the next
 * file of its table that arrives in a watched folder, on its own.
 */
import { copyFileSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourierService } from '../../../src-main/core/service';
import { updateSettings } from '../../../src-main/core/service/settingsOps';
import { savedRecipe, saveRecipe } from '../../../src-main/core/jobs/recipes';
import { tempDir } from '../../helpers/env';
import {
  PATIENT_COLUMNS,
  patientIds,
  patientRow,
  sasDate,
  writeExport,
} from '../../helpers/toolExports';
import { nextEvent, openService } from './helpers';

let dir: string;
let cleanup: () => void;
let service: CourierService;
beforeAll(async () => {
  ({ dir, cleanup } = tempDir('courier-service-fix-'));
  service = await openService(join(dir, 'home'));
  service.settings.update({ cohort: 'UW - Seattle', protocolYear: 2025 });
});
afterAll(async () => {
  await service?.close();
  cleanup();
});

function patients(name: string, n: number, seed: number): string {
  const e = writeExport(
    PATIENT_COLUMNS,
    patientIds(n).map((id, i) =>
      patientRow(id, {
        birthYear: String(1950 + ((i + seed) % 40)),
        enrollDate: i % 2 === 0 ? sasDate(`2012-0${(i % 9) + 1}-2${i % 8}`) : '2010-01-01',
      }),
    ),
    { delimiter: ',', eol: '\n', missing: '' },
  );
  const path = join(dir, name);
  writeFileSync(path, e.text);
  return path;
}

describe('guided fixes in the service', () => {
  it('previews, applies (keeping a recipe) and undoes', async () => {
    const file = patients('p.csv', 10, 0);
    service.grant([file]);
    await service.addPaths([file]);
    await service.idle();
    const [job] = service.listJobs('all', 0, 10, {}).items;
    const artifact = service.jobRecord(job!.id).artifact!.path;
    const before = statSync(artifact).mtimeMs;
    const fix = [{ rule: 'iso-date' as const, column: 'enrollDate' }];
    const preview = await service.fixPreview(job!.id, fix, 2);
    expect(preview.fixes).toEqual([
      expect.objectContaining({
        rule: 'iso-date',
        column: 'enrollDate',
        cells: 5,
        description: 'dates in "enrollDate" written DDMONYYYY → YYYY-MM-DD',
        samples: [
          { line: 2, before: sasDate('2012-01-20'), after: '2012-01-20' },
          { line: 4, before: sasDate('2012-03-22'), after: '2012-03-22' },
        ],
      }),
    ]);
    expect(statSync(artifact).mtimeMs).toBe(before);

    const fixed = await service.fixApply(job!.id, fix, true);
    expect(fixed.id).not.toBe(job!.id);
    const report = await service.report(fixed.id);
    expect(report.report.fixes).toEqual([
      { rule: 'iso-date', column: 'enrollDate', params: { from: 'DDMONYYYY' }, cells: 5 },
    ]);
    expect(report.report.fixedFrom?.job).toBe(job!.id);
    expect(savedRecipe(service.home, 'UW - Seattle', 'patient')?.fixes).toHaveLength(1);
    await expect(service.fixApply(job!.id, fix)).rejects.toThrow(/replaced by job/);

    const back = service.fixUndo(fixed.id);
    expect(back.id).toBe(job!.id);
    expect(service.jobRecord(fixed.id).stage).toBe('cancelled');
    expect(() => service.fixUndo(fixed.id)).toThrow(/undone already/);
  });

  it('applies a recipe set to apply itself to a file arriving in a watched folder', async () => {
    const r = savedRecipe(service.home, 'UW - Seattle', 'patient')!;
    saveRecipe(service.home, { ...r, auto: true });
    const inbox = join(dir, 'watched');
    mkdirSync(inbox);
    await updateSettings(service, {
      watchedFolders: [{ path: inbox, cohort: 'UW - Seattle', protocolYear: 2026 }],
    });
    const finished = nextEvent(service, 'job.finished', (p) => p.origin === 'watch');
    copyFileSync(patients('next.csv', 14, 3), join(inbox, 'patient_2026.csv'));
    const done = await finished;
    const report = await service.report(done.id);
    expect(report.report.fixedFrom).toBeDefined();
    expect(report.report.recipe?.applied).toEqual([
      { rule: 'iso-date', column: 'enrollDate', cells: 7 },
    ]);
    expect(service.getJob(done.id)).toMatchObject({ protocolYear: 2026 });
  });
});
