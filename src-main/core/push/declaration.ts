/**
 * A submission's declaration on the NAS (Contract 4 addition): `<root>/<cohort>/<year>/
 * submission-<n>.json`, n = 1, 2, …, each a new file created exclusively by the same protocol as
 * artifacts (a hidden partial, synced, read back and compared, then given its final name without
 * ever replacing one); the highest n is the current declaration.
 */
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { STALE_MS, partialPath, writeAll } from './atomic';
import { probeCapabilities } from './capabilities';
import { cohortFolder } from './cohortFolder';
import { ensureDir } from './commit';
import { PushError } from './errors';
import { commitNoReplace } from './noReplace';
import { verifyPartial, writePartial } from './partial';
import { checkShare } from './share';

const DECLARATION = /^submission-(\d+)\.json$/;
/** The hidden partial of a declaration, which stale-partial housekeeping may remove. */
export const DECLARATION_PARTIAL = /^\.submission-\d+\.json\.partial$/;

export interface DeclarationResult {
  seq: number;
  path: string;
}

/** The declarations already in a year's folder (their numbers, ascending). */
export async function declarationNumbers(yearDir: string): Promise<number[]> {
  const names = await readdir(yearDir).catch(() => [] as string[]);
  return names
    .map((n) => DECLARATION.exec(n)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/**
 * Writes the next declaration of a submission. `body` gets its `seq`; another Courier
 * declaring at the same moment makes this one take the number after.
 */
export async function writeDeclaration(o: {
  root: string;
  expectedShareId: string;
  cohort: string;
  protocolYear: number;
  body: (seq: number) => Record<string, unknown>;
}): Promise<DeclarationResult> {
  const check = await checkShare(o.root, o.expectedShareId);
  if (!check.ok)
    throw new PushError(
      check.reason === 'missing-root' ? 'unreachable' : 'not-a-share',
      check.message,
    );
  const caps = check.capabilities ?? (await probeCapabilities(o.root, check.id));
  if (caps.commit === null)
    throw new PushError('unsupported', `Courier cannot write its declaration to ${o.root}.`);
  const dir = join(o.root, await cohortFolder(o.root, o.cohort), String(o.protocolYear));
  await ensureDir(o.root, dir);
  for (let round = 0; round < 5; round++) {
    const seq = ((await declarationNumbers(dir)).pop() ?? 0) + 1;
    const final = join(dir, `submission-${seq}.json`);
    const data = Buffer.from(JSON.stringify({ ...o.body(seq), seq }, null, 2) + '\n', 'utf8');
    const partial = partialPath(final);
    const ino = await writePartial(partial, STALE_MS, (fh) => writeAll(fh, data), {
      sync: caps.fileSync,
      needed: data.length,
    });
    await verifyPartial(
      partial,
      ino,
      createHash('sha256').update(data).digest('hex'),
      () => {},
      'The declaration written to the NAS did not read back identical; it was removed. Declare again; if this repeats, tell the NAS administrator.',
    );
    if ((await commitNoReplace(partial, final, { way: caps.commit, staleMs: STALE_MS })) === 'done')
      return { seq, path: final };
    // Someone declared number `seq` meanwhile: take the next.
  }
  throw new PushError(
    'busy',
    `Other declarations are being written to ${dir} at the same time. Declare again in a moment.`,
  );
}
