/**
 * A data folder whose ledger already took these files: the events `courier ingest` writes for
 * a file (its job with the file's identity, its result, its final stage), written in one go,
 * so that a restart with thousands of taken files can be tried without converting them all.
 */
import { appendFileSync, mkdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createHash } from 'node:crypto';

/** Appends the events of `files`, each taken and ready, to `home`'s ledger. */
export function writeTakenJournal(home: string, files: readonly string[]): void {
  mkdirSync(home, { recursive: true });
  const at = new Date().toISOString();
  const lines: string[] = [];
  files.forEach((path, i) => {
    const st = statSync(path, { bigint: true });
    const small = statSync(path);
    const id = `20260101000000-${i.toString(16).padStart(8, '0')}`;
    const sha256 = createHash('sha256').update(path).digest('hex');
    lines.push(
      JSON.stringify({
        v: 1,
        type: 'job',
        id,
        at,
        pid: 999_999_999,
        source: {
          name: basename(path),
          path,
          bytes: small.size,
          mtimeMs: small.mtimeMs,
          identity: `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`,
        },
        table: 'laboratory',
        cohort: null,
        protocolYear: null,
        site: null,
      }),
      JSON.stringify({
        v: 1,
        type: 'result',
        id,
        at,
        sha256,
        summary: null,
        reportPath: null,
        artifact: null,
        meta: null,
        duplicateOf: null,
        supersedes: null,
      }),
      JSON.stringify({ v: 1, type: 'stage', id, at, stage: 'ready' }),
    );
  });
  appendFileSync(join(home, 'ledger.jsonl'), lines.join('\n') + '\n');
}
