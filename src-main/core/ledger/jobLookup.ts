import { CourierError } from '../errors';
import type { JobIndex } from './jobIndex';
import type { JobRecord } from './record';

/** The fewest characters of an id that may name a job by its beginning. */
export const MIN_ID_PREFIX = 6;
/** Candidates an ambiguity message names. */
const NAMED = 3;

/**
 * An id that names no job for sure: empty or too short (`not-found`), or the beginning of
 * several ids (`ambiguous`, with the candidates). The CLI makes it a usage error; the codes
 * cross to the window as they are.
 */
export class JobIdError extends CourierError {
  constructor(
    code: 'not-found' | 'ambiguous',
    message: string,
    readonly candidates: readonly { id: string; name: string }[] = [],
  ) {
    super(code, message);
    this.name = 'JobIdError';
  }
}

/**
 * The job with this exact id, or the only one whose id begins with it (at least
 * {@link MIN_ID_PREFIX} characters); null when none does. An id's end never matches: a
 * short suffix could name the wrong job.
 * @throws JobIdError for an empty or too short id, or a beginning shared by several jobs.
 */
export function findJob(index: JobIndex, id: string): JobRecord | null {
  if (id.trim() === '') throw new JobIdError('not-found', 'No job id was given.');
  const exact = index.get(id);
  if (exact) return exact;
  const shown = JSON.stringify(id.length > 40 ? `${id.slice(0, 40)}…` : id);
  if (id.length < MIN_ID_PREFIX)
    throw new JobIdError(
      'not-found',
      `${shown} is too short to name a job: give its whole id, or at least its first ${MIN_ID_PREFIX} characters.`,
    );
  const matches: JobRecord[] = [];
  for (const candidate of index.ids())
    if (candidate.startsWith(id)) matches.push(index.get(candidate)!);
  if (matches.length <= 1) return matches[0] ?? null;
  // Newest first, as the history lists them.
  const candidates = matches.reverse().map((j) => ({ id: j.id, name: j.source.name }));
  const named = candidates
    .slice(0, NAMED)
    .map((c) => `${c.id} (${c.name})`)
    .join(', ');
  const more = candidates.length > NAMED ? ` and ${candidates.length - NAMED} more` : '';
  throw new JobIdError(
    'ambiguous',
    `${shown} is the beginning of ${candidates.length} job ids: ${named}${more}. Give more of the id.`,
    candidates,
  );
}
