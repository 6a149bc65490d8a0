/**
 * The board's history of each table: every version of the table in the submission, newest
 * first, marked current when the board counts it (ledger/submission.ts decides which do) and
 * folded away otherwise ("v1 sent 30 Nov; v2 has 2 problems").
 */
import type { BoardView, JobView, TableVersion } from '../../shared/views';
import type { JobRecord, Ledger } from '../ledger/ledger';

/** Jobs that are a version of a table: checked, whatever came of it since. */
const VERSION_STAGES = new Set(['ready', 'blocked', 'push-queued', 'pushing', 'pushed']);

/** Adds each table's versions to the board. */
export function boardVersions(
  board: BoardView,
  ledger: Ledger,
  view: (j: JobRecord) => JobView,
): BoardView {
  const mine = ledger
    .jobs()
    .filter(
      (j) =>
        j.cohort === board.cohort &&
        j.protocolYear === board.protocolYear &&
        j.table !== null &&
        VERSION_STAGES.has(j.stage),
    );
  for (const t of board.tables) {
    const current = new Set(t.jobs);
    const versions: TableVersion[] = mine
      .filter((j) => j.table === t.table || current.has(j.id))
      .reverse()
      .map((j) => {
        const v = view(j);
        return {
          id: j.id,
          name: j.source.name,
          stage: j.stage,
          state: v.state,
          createdAt: j.createdAt,
          pushedAt: j.pushedAt,
          rows: j.rows,
          problems: j.issues?.error ?? 0,
          current: current.has(j.id),
          hasReport: v.hasReport,
          local: j.push.local,
        };
      });
    t.versions = versions;
  }
  return board;
}
