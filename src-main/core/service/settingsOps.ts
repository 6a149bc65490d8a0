/** Settings as the window reads and changes them. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SettingsPatch } from '../../shared/ipc';
import type { SettingsView } from '../../shared/views';
import { loadAllDefinitions as definitionsFor } from '../home';
import { bundledCohortMappingsFile } from '../definitions/mapping';
import { outboxDir } from '../push/queue';
import { CourierError } from '../errors';
import { settingsPatchSchema } from '../../shared/ipc';
import { PROTOCOL_YEAR_RANGE } from '../../shared/settings';
import { adoptShare } from './nas';
import type { CourierService } from './service';

let cohortNames: string[] | null = null;

/** The consortium's cohorts, from the bundled registry (resources/mappings/cohorts.json). */
export function cohorts(): string[] {
  if (cohortNames) return cohortNames;
  try {
    const registry = JSON.parse(readFileSync(bundledCohortMappingsFile(), 'utf8')) as {
      cohorts?: { name?: unknown }[];
    };
    cohortNames = (registry.cohorts ?? [])
      .map((c) => c.name)
      .filter((n): n is string => typeof n === 'string')
      .sort((a, b) => a.localeCompare(b));
  } catch {
    cohortNames = [];
  }
  return cohortNames;
}

export function settingsView(service: CourierService): SettingsView {
  const { shares: _shares, ...settings } = service.settings.get();
  return {
    settings,
    cohorts: cohorts(),
    outbox: outboxDir(service.home),
    watchProblems: service.watchProblems,
    limits: { protocolYear: { ...PROTOCOL_YEAR_RANGE } },
    lang: service.lang,
  };
}

/**
 * Validates and saves a change. A new definitions folder must load without mistakes; a new
 * NAS folder must already be Courier's share (set up after the coordinator confirmed it, see
 * `setupNas`) and its id is pinned; both are refused with a plain reason otherwise, and
 * nothing is saved. No folder is ever created.
 */
export async function updateSettings(
  service: CourierService,
  raw: SettingsPatch,
): Promise<SettingsView> {
  const patch = settingsPatchSchema.parse(raw);
  const before = service.settings.get();
  let defs: Awaited<ReturnType<typeof definitionsFor>> | null = null;
  if (patch.definitionsDir !== undefined && patch.definitionsDir !== before.definitionsDir) {
    try {
      defs = await definitionsFor(patch.definitionsDir);
    } catch (e) {
      throw new CourierError(
        'invalid-definitions',
        `Courier cannot use that definitions folder: ${(e as Error).message}`,
      );
    }
  }
  if (patch.nasPath) {
    patch.nasPath = resolve(patch.nasPath);
    if (patch.nasPath !== before.nasPath) {
      try {
        await adoptShare(patch.nasPath, service.settings);
      } catch (e) {
        if (e instanceof CourierError) throw e;
        throw new CourierError('nas-refused', (e as Error).message);
      }
    }
  }
  if (patch.watchedFolders)
    patch.watchedFolders = patch.watchedFolders.map((f) => ({ ...f, path: resolve(f.path) }));
  if (defs) service.setDefinitions(defs);
  service.settings.update(patch);
  await service.settingsChanged({ language: patch.language !== undefined });
  return settingsView(service);
}
