import { serveWorker } from '../workers/serve';
import type { BuildParams, LoadParams, OpenParams } from './convert';
import { ArtifactBuilder } from './convert';
import type { RecheckParams } from './recheck';
import { recheckUnknownIds } from './recheck';

/** Convert worker: owns one DuckDB instance for one job. */
const builder = new ArtifactBuilder();

serveWorker({
  open: (p: OpenParams) => builder.open(p),
  load: (p: { load: LoadParams; totalBytes: number }, progress) =>
    builder.load(p.load, p.totalBytes, progress),
  build: (p: BuildParams, progress) => builder.build(p, progress),
  finalize: (p: { meta: Record<string, unknown>; expectedRows: number }) =>
    builder.finalize(p.meta, p.expectedRows),
  interrupt: (p: { onlyLoad?: boolean } | undefined) => builder.interrupt(p?.onlyLoad === true),
  recheck: (p: RecheckParams) => recheckUnknownIds(p),
  close: () => builder.close(),
});
