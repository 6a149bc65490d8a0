/** How files come into the queue: dropped or picked, uploaded, watched, or checked again. */
import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { AddResult } from '../../shared/views';
import type { JobRecord } from '../ledger/ledger';
import { CourierError } from '../errors';
import type { Settings } from '../settings/settings';
import { expandPath, type PathGate } from './pathGate';
import { fileInput } from '../intake/inputs';
import type { QueueInput } from '../intake/queue';
import { scratchRoot } from './workspace';

/** Expands and checks dropped or picked paths; `add` queues each file. */
export async function intakePaths(
  paths: readonly string[],
  gate: PathGate,
  s: Settings,
  table: string | null,
  add: (input: QueueInput) => string,
): Promise<AddResult> {
  const folders = s.watchedFolders.map((f) => f.path);
  const result: AddResult = { queued: [], refused: [] };
  for (const path of paths) {
    if (!gate.allowed(path, folders)) {
      result.refused.push({
        path,
        reason:
          'Courier only takes files you drop or choose yourself, or files inside a watched folder.',
      });
      continue;
    }
    const { files, refused } = await expandPath(path);
    if (refused) result.refused.push({ path, reason: refused });
    for (const file of files) {
      const st = await stat(file).catch(() => null);
      result.queued.push(
        add(fileInput(s, { path: file, bytes: st?.size ?? 0, origin: 'drop', table })),
      );
    }
  }
  return result;
}

/** The submission a file is checked for now: its watched folder's, else the settings'. */
export function submissionFor(
  path: string,
  s: Settings,
): { cohort: string | null; protocolYear: number | null } {
  const folder = s.watchedFolders.find((f) => path.startsWith(resolve(f.path) + sep));
  return {
    cohort: folder?.cohort ?? s.cohort,
    protocolYear: folder?.protocolYear ?? s.protocolYear,
  };
}

/**
 * The same file again, forced past the duplicate check, for the submission the settings name
 * now (its watched folder's, for a watched file): how a file checked before the cohort and
 * year were set, or for the wrong ones, is assigned.
 */
export async function reingestInput(home: string, j: JobRecord, s: Settings): Promise<QueueInput> {
  const st = await stat(j.source.path).catch(() => null);
  if (!st?.isFile())
    throw new CourierError(
      'gone',
      j.source.path.startsWith(scratchRoot(home, 'uploads'))
        ? 'The copy of this file added from a browser was deleted when it was sent or removed. Drop the file again to check it anew.'
        : `The original file is no longer at ${j.source.path}. Drop the file again to check it anew.`,
    );
  return fileInput(s, {
    path: j.source.path,
    name: j.source.name,
    bytes: st.size,
    origin: 'reingest',
    table: j.table,
    ...submissionFor(j.source.path, s),
    force: true,
  });
}
