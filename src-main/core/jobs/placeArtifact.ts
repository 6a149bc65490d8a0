/**
 * The job's last step: the verified artifact written where it is kept (the ledger's artifacts
 * folder, and `--out` when asked) with its report beside it.
 */
import { copyFile, mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Report } from '../../shared/report';
import { artifactBase } from '../names';
import { homeLayout, privateDir } from '../paths';
import type { JobRun } from './jobRun';
import type { ScanFacts } from './report';
import { manifestMeta } from './report';
import { checkedStage } from './status';

/**
 * Writes `_meta`, verifies and hashes the artifact (in the worker), then moves it out of
 * staging. A precheck that keeps nothing just closes the database.
 */
export async function placeArtifact(
  run: JobRun,
  scan: ScanFacts,
  report: Report,
  supersedes: string | null,
): Promise<void> {
  const o = run.opts;
  const result = run.result;
  // A ledger job's report names the job (Contract 1 addition), so tools can chain commands.
  if (o.keepArtifact) report.job = run.id;
  result.report = report;
  if (!o.keepArtifact && !o.outDir) {
    await run.conv.request('close', {});
    result.stage = checkedStage(report.status, false);
    return;
  }
  const meta = manifestMeta(report, o, scan);
  if (supersedes) meta.supersedes = supersedes;
  result.meta = meta;
  const art = await run.conv.request('finalize', { meta, expectedRows: scan.rows });
  meta.duckdbVersion = art.duckdbVersion;
  // The same name as on the NAS (names.ts): short, ASCII, by one rule.
  const base = artifactBase(run.name, scan.sha256);
  let artifactPath = run.dbPath;
  if (o.keepArtifact) {
    const dir = privateDir(join(homeLayout(o.home).artifacts, run.id));
    artifactPath = join(dir, `${base}.duckdb`);
    await rename(run.dbPath, artifactPath);
    await writeFile(join(dir, `${base}.report.json`), JSON.stringify(report, null, 2), {
      mode: 0o600,
    });
    result.artifact = { path: artifactPath, bytes: art.bytes, sha256: art.sha256 };
  }
  if (o.outDir) {
    await mkdir(o.outDir, { recursive: true });
    await copyFile(artifactPath, join(o.outDir, `${base}.duckdb`));
    await writeFile(join(o.outDir, `${base}.report.json`), JSON.stringify(report, null, 2));
  }
  result.stage = checkedStage(report.status, false);
}
