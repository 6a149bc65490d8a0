/** How files come into the queue: dropped or picked, uploaded, watched, or checked again. */
import { stat } from 'node:fs/promises';
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

/** The same file again, forced past the duplicate check, for the same submission. */
export async function reingestInput(home: string, j: JobRecord, s: Settings): Promise<QueueInput> {
  const st = await stat(j.source.path).catch(() => null);
  if (!st?.isFile())
    throw new CourierError(
      'gone',
      j.source.path.startsWith(scratchRoot(home, 'uploads'))
        ? 'Files added from a browser are removed once checked. Drop the file again to check it anew.'
        : `The original file is no longer at ${j.source.path}. Drop the file again to check it anew.`,
    );
  return fileInput(s, {
    path: j.source.path,
    name: j.source.name,
    bytes: st.size,
    origin: 'reingest',
    table: j.table,
    cohort: j.cohort,
    protocolYear: j.protocolYear,
    force: true,
  });
}
