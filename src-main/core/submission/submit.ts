/**
 * Declaring a submission from any front end (`courier submit`, the board's _Declare
 * submission…_): send what is ready for it first, compare it with last year, then write the
 * declaration. One sequence for both.
 */
import type { PushOutcome, PushSummary } from '../push/queue';
import { pushReady } from '../push/queue';
import type { JobRecord } from '../ledger/ledger';
import type { Comparison } from './compare';
import { compareSubmission } from './compare';
import type { DeclareOptions, DeclareOutcome } from './declare';
import { declarationRoot, declareSubmission } from './declare';

export type SubmitOptions = Omit<DeclareOptions, 'comparison'> & {
  onJob?: (job: JobRecord, outcome: PushOutcome) => void;
};

export type SubmitOutcome =
  | { sent: PushSummary; unreachable: true }
  | {
      sent: PushSummary;
      unreachable: false;
      declaration: DeclareOutcome;
      comparison: Comparison | null;
    };

export async function submitSubmission(o: SubmitOptions): Promise<SubmitOutcome> {
  const sent = await pushReady({
    ledger: o.ledger,
    settings: o.settings,
    home: o.home,
    dest: o.dest,
    only: (j) => j.cohort === o.cohort && j.protocolYear === o.protocolYear,
    onJob: o.onJob,
  });
  if (!sent.reachable) return { sent, unreachable: true };
  const { root } = declarationRoot(o.settings, o.home, o.dest);
  // A comparison that cannot be made (no earlier year anywhere) leaves the summary out.
  const comparison = await compareSubmission({
    ledger: o.ledger,
    definitions: o.definitions,
    cohort: o.cohort,
    protocolYear: o.protocolYear,
    nasRoot: root,
    thresholds: o.settings.get().compare,
  }).catch(() => null);
  const declaration = await declareSubmission({ ...o, comparison });
  return { sent, unreachable: false, declaration, comparison };
}
