/**
 * Compaction of the ledger's journal: the same jobs from far fewer lines. A job's record is
 * folded from its events, and each kind of event sets the fields it names from itself alone
 * (fold.ts), so a job's last event of each kind, kept in journal order, folds to the same
 * record as all of them: the intermediate stages, the earlier results of a re-checked job,
 * the attempts of a push are dropped. Kept lines are copied byte for byte; lines this version
 * cannot read (damaged, or from a newer Courier) are kept as they are.
 *
 * The journal is rewritten while other processes append to it (Journal.rewrite, seal.ts).
 */
import { EVENT_VERSION } from './events';
import type { LedgerEvent } from './events';

/** What one line is, for the second pass. */
type Kept = true | false | { recheck: Set<number> };

/** Whether a journal of `events` lines and `jobs` jobs is worth compacting. */
export function worthCompacting(events: number, jobs: number): boolean {
  return events > 20_000 && events > 6 * Math.max(1, jobs);
}

/**
 * What compaction needs of a line: its type, its job, and a re-check's jobs and moves. The
 * full validation (zod) would cost more than the whole rewrite and decides nothing here: a
 * line is copied as it is, or dropped as history; one that is not an event of a known shape
 * is kept.
 */
export function peekEvent(text: string): LedgerEvent | null {
  let e: unknown;
  try {
    e = JSON.parse(text);
  } catch {
    return null;
  }
  if (e === null || typeof e !== 'object') return null;
  const o = e as { v?: unknown; type?: unknown; id?: unknown; jobs?: unknown; table?: unknown };
  // Written by a newer Courier: what it means is not known here, so it is kept.
  if (typeof o.v === 'number' && o.v > EVENT_VERSION) return null;
  switch (o.type) {
    case 'recheck':
      return Array.isArray(o.jobs) &&
        o.jobs.every((j) => typeof (j as { id?: unknown } | null)?.id === 'string')
        ? (e as LedgerEvent)
        : null;
    case 'not-available':
      return typeof o.table === 'string' ? (e as LedgerEvent) : null;
    case 'sealed':
      return e as LedgerEvent;
    case 'job':
    case 'stage':
    case 'result':
    case 'override':
    case 'pushed':
    case 'push-failed':
    case 'artifact-removed':
    case 'claim':
    case 'same-file':
    case 'push-scheduled':
      return typeof o.id === 'string' ? (e as LedgerEvent) : null;
    default:
      return null;
  }
}

/**
 * The lines of the compacted journal, from a reader of its lines (called twice: once to
 * decide, once to copy) and the decoder of one line (null: a line it cannot read).
 */
export function compactLines(
  read: (onLine: (text: string) => void) => void,
  decode: (text: string) => LedgerEvent | null = peekEvent,
): string[] {
  // First pass: the position of each job's last event of each kind.
  const last = new Map<string, number>();
  const firstJob = new Set<string>();
  const keepAlways = new Set<number>();
  const lastMark = new Map<string, number>();
  const recheckPieces = new Map<number, { id: string; moves: boolean }[]>();
  const known = new Set<string>();
  let i = 0;
  read((text) => {
    const n = i++;
    if (text.trim() === '') return;
    const e = decode(text);
    if (!e) {
      keepAlways.add(n);
      return;
    }
    switch (e.type) {
      case 'job':
        if (!firstJob.has(e.id)) {
          firstJob.add(e.id);
          known.add(e.id);
          keepAlways.add(n);
        }
        return;
      case 'sealed':
        return;
      case 'same-file':
        if (known.has(e.id)) keepAlways.add(n);
        return;
      case 'declared':
        // Few, and each says what was declared: all kept.
        keepAlways.add(n);
        return;
      case 'not-available':
        lastMark.set(`${e.cohort ?? ''}\0${e.protocolYear ?? ''}\0${e.table}`, n);
        return;
      case 'recheck': {
        const pieces = e.jobs.map((j) => ({ id: j.id, moves: j.stage !== undefined }));
        recheckPieces.set(n, pieces);
        for (const p of pieces) if (known.has(p.id)) last.set(`${p.id}\0recheck`, n);
        return;
      }
      default:
        if (known.has(e.id)) last.set(`${e.id}\0${e.type}`, n);
    }
  });
  const kept = new Map<number, Kept>();
  for (const n of keepAlways) kept.set(n, true);
  for (const n of lastMark.values()) kept.set(n, true);
  for (const [key, n] of last) if (!key.endsWith('\0recheck')) kept.set(n, true);
  // A re-check keeps the pieces that are their job's last one, and those that moved a stage
  // (their effect depends on the stage before them; see fold.ts applyRecheck).
  for (const [n, pieces] of recheckPieces) {
    const keep = new Set<number>();
    pieces.forEach((p, k) => {
      if (known.has(p.id) && (p.moves || last.get(`${p.id}\0recheck`) === n)) keep.add(k);
    });
    if (keep.size === pieces.length) kept.set(n, true);
    else if (keep.size > 0) kept.set(n, { recheck: keep });
  }

  // Second pass: the kept lines, in their order.
  const out: string[] = [];
  i = 0;
  read((text) => {
    const k = kept.get(i++);
    if (k === true) out.push(text);
    else if (k) {
      const e = JSON.parse(text) as { jobs: unknown[] };
      out.push(JSON.stringify({ ...e, jobs: e.jobs.filter((_, j) => k.recheck.has(j)) }));
    }
  });
  return out;
}
