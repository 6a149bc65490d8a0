/** Runs one queued file through ingest, telling the intake's hooks what happens. */
import type { Progress } from '../../shared/report';
import type { DefinitionSet } from '../definitions/loader';
import { ingestFile } from '../jobs/ingest';
import type { Recipe } from '../jobs/recipes';
import type { JobResult } from '../jobs/runJob';
import type { Ledger } from '../ledger/ledger';
import type { SettingsStore } from '../settings/settings';
import type { PhiPolicy } from '../../shared/settings';
import type { QueueItem } from './queue';

export interface RunContext {
  home: string;
  ledger: Ledger;
  settings: SettingsStore;
  definitions: () => DefinitionSet;
  /** `courier watch --phi-policy`: instead of the setting. */
  phiPolicy?: PhiPolicy;
  recipe?: Recipe | 'saved' | null;
  /** The job's ledger id is known (its first progress event names it). */
  started: (item: QueueItem, jobId: string) => void;
  progress: (item: QueueItem, p: Progress) => void;
}

export async function runItem(ctx: RunContext, item: QueueItem): Promise<JobResult> {
  const s = ctx.settings.get();
  return ingestFile(item.path, {
    home: ctx.home,
    ledger: ctx.ledger,
    definitions: ctx.definitions(),
    table: item.table,
    cohort: item.cohort,
    protocolYear: item.protocolYear,
    site: s.site,
    force: item.force,
    patientPolicy: s.patientPolicy,
    phiPolicy: ctx.phiPolicy ?? s.phiPolicy,
    recipe: ctx.recipe ?? null,
    signal: item.controller.signal,
    onProgress: (p) => {
      if (!item.jobId) {
        item.jobId = p.jobId;
        ctx.started(item, p.jobId);
      }
      ctx.progress(item, p);
    },
  });
}
