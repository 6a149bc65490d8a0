import type { ProgressFn } from '../workers/protocol';
import type { BuildParams, LoadParams, OpenParams } from './convert';
import { ArtifactBuilder } from './convert';
import type { FixPassParams } from './fixPass';
import type { FixPreviewParams } from './fixPreview';
import { previewFixes } from './fixPreview';
import type { RecheckParams } from './recheckIds';
import { recheckUnknownIds } from './recheckIds';
import type { CompareParams, PatientChangesParams } from './yearAggregate';
import { compareAggregates, exportPatientChanges } from './yearAggregate';

/** The convert worker's methods, on the one DuckDB session (`ArtifactBuilder`) it owns. */
export function convertApi(builder: ArtifactBuilder) {
  return {
    open: (p: OpenParams) => builder.open(p),
    load: (p: { load: LoadParams; totalBytes: number }, progress: ProgressFn) =>
      builder.load(p.load, p.totalBytes, progress),
    build: (p: BuildParams, progress: ProgressFn) => builder.build(p, progress),
    fix: (p: FixPassParams) => builder.fix(p),
    fixPreview: (p: FixPreviewParams) => previewFixes(p),
    finalize: (p: { meta: Record<string, unknown>; expectedRows: number }) =>
      builder.finalize(p.meta, p.expectedRows),
    interrupt: (p: { onlyLoad?: boolean }) => builder.interrupt(p.onlyLoad === true),
    recheck: (p: RecheckParams) => recheckUnknownIds(p),
    compare: (p: CompareParams) => compareAggregates(p),
    patientChanges: (p: PatientChangesParams) => exportPatientChanges(p),
    close: (_p: Record<string, never>) => builder.close(),
  };
}

export type ConvertApi = ReturnType<typeof convertApi>;

/** A fresh builder's API (the worker entry's). */
export function newConvertApi(): ConvertApi {
  return convertApi(new ArtifactBuilder());
}
