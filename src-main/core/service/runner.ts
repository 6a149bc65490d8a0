/**
 * Runs one queued file through ingest, for the queue: live progress and stage events while it
 * runs; afterwards its report kept (when the ledger has none), "finished" announced, and an
 * auto-push for watched folders that ask for it.
 */
import type { EventMap, EventName } from '../../shared/ipc';
import type { DefinitionSet } from '../definitions/loader';
import { ingestFile } from '../jobs/ingest';
import type { JobResult } from '../jobs/runJob';
import type { Ledger } from '../ledger/ledger';
import type { SettingsStore } from '../settings/settings';
import type { JobListing } from './listing';
import type { ProgressTracker } from './progress';
import type { QueueItem } from './queue';
import { keepReport } from './reports';
import { finishedMessage } from './words';

export interface RunContext {
  home: string;
  ledger: Ledger;
  settings: SettingsStore;
  definitions: () => DefinitionSet;
  progress: ProgressTracker;
  listing: JobListing;
  emit: <E extends EventName>(event: E, payload: EventMap[E]) => void;
  /** Sends one job (a watched folder's auto-push). */
  autoPush: (jobId: string) => void;
}

export async function runItem(ctx: RunContext, item: QueueItem): Promise<JobResult> {
  const s = ctx.settings.get();
  let lastStage = '';
  const result = await ingestFile(item.path, {
    home: ctx.home,
    ledger: ctx.ledger,
    definitions: ctx.definitions(),
    table: item.table,
    cohort: item.cohort,
    protocolYear: item.protocolYear,
    site: s.site,
    force: item.force,
    patientPolicy: s.patientPolicy,
    signal: item.controller.signal,
    onProgress: (p) => {
      if (!item.jobId) {
        item.jobId = p.jobId;
        ctx.listing.origins.set(p.jobId, item.origin);
      }
      ctx.progress.update(p);
      if (p.stage !== lastStage) {
        lastStage = p.stage;
        ctx.emit('jobs.changed', { ids: [p.jobId, item.key] });
      }
    },
  });
  ctx.listing.origins.set(result.id, item.origin);
  ctx.progress.clear(result.id);
  const job = ctx.ledger.job(result.id);
  // Failed and empty files keep no artifact, so the ledger has no report file for them.
  if (result.report && job && !ctx.listing.reportPath(job))
    await keepReport(ctx.home, result.id, result.report).catch(() => undefined);
  ctx.emit('jobs.changed', { ids: [result.id, item.key] });
  ctx.emit('job.finished', {
    id: result.id,
    name: item.name,
    stage: result.stage,
    origin: item.origin,
    message: finishedMessage(item.name, result),
  });
  if (item.autoPush && result.stage === 'ready') ctx.autoPush(result.id);
  return result;
}
