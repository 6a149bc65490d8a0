/** Service tests: a private home per test, sample data, and waits on events (never sleeps). */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventMap, EventName } from '../../../src-main/shared/ipc';
import { CourierService, type ServiceOptions } from '../../../src-main/core/service';
import { generateSample } from '../../../src-main/core/sample/generate';
import { definitions } from '../../helpers/env';

/** Opens a service on `home` with no background timers unless asked. */
export async function openService(
  home: string,
  opts: ServiceOptions = {},
): Promise<CourierService> {
  const s = await CourierService.open({
    home,
    nasCheckMs: 0,
    retryMs: 0,
    rescanMs: 0,
    stableMs: 200,
    ...opts,
  });
  await s.start();
  return s;
}

/** Valid patient and laboratory tables (`rows` rows each) in `dir`. */
export async function sampleFiles(
  dir: string,
  rows = 60,
): Promise<{ patient: string; laboratory: string }> {
  mkdirSync(dir, { recursive: true });
  await generateSample({
    tables: ['patient', 'laboratory'],
    rows,
    seed: 7,
    errors: 0,
    outDir: dir,
    definitions: await definitions(),
  });
  return { patient: join(dir, 'patient.csv'), laboratory: join(dir, 'laboratory.csv') };
}

/**
 * A laboratory file whose first `bad` data rows have an impossible date: more than the report's
 * 50 lines, so the export must find the rest in the artifact.
 */
export function dirtyLab(clean: string, out: string, bad: number): number[] {
  const lines = readFileSync(clean, 'utf8').trimEnd().split('\n');
  const header = lines[0]!.split(',');
  const at = header.indexOf('resultDate');
  const broken: number[] = [];
  for (let i = 1; i < lines.length && broken.length < bad; i++) {
    const cells = lines[i]!.split(',');
    cells[at] = '2021-13-45';
    lines[i] = cells.join(',');
    broken.push(i + 1);
  }
  writeFileSync(out, lines.join('\n') + '\n');
  return broken;
}

/** Resolves with the first event `pick` accepts. */
export function nextEvent<E extends EventName>(
  service: CourierService,
  event: E,
  pick: (payload: EventMap[E]) => boolean = () => true,
): Promise<EventMap[E]> {
  return new Promise((resolve) => {
    const off = service.on((name, payload) => {
      if ((name as string) === event && pick(payload as EventMap[E])) {
        off();
        resolve(payload as EventMap[E]);
      }
    });
  });
}
