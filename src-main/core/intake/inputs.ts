/** Files entering the queue, for the settings' own submission unless told otherwise. */
import { basename } from 'node:path';
import type { JobOrigin } from '../../shared/views';
import type { Settings } from '../settings/settings';
import type { QueueInput } from './queue';

/** A file for the queue, for the settings' own submission unless told otherwise. */
export function fileInput(
  s: Settings,
  o: { path: string; bytes: number; origin: JobOrigin } & Partial<QueueInput>,
): QueueInput {
  return {
    name: basename(o.path),
    table: null,
    cohort: s.cohort,
    protocolYear: s.protocolYear,
    force: false,
    autoPush: false,
    moveFinishedIn: null,
    cleanup: null,
    ...o,
  };
}
