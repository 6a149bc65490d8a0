/**
 * _Help → Copy Diagnostics_: what a data manager needs to help a coordinator, as plain text
 * to paste into an e-mail: versions, the system, the state of the queue and the settings.
 * Folder settings say only whether they are set, never the path (it can name a person or a
 * server); no file names, no data.
 */
import os from 'node:os';
import type { Settings } from '../shared/settings';
import type { StatusView } from '../shared/views';

export interface DiagnosticsInput {
  version: string;
  versions: NodeJS.ProcessVersions;
  settings: Settings;
  status: StatusView;
  watchProblems: number;
  /** Whether the data folder is the default one (COURIER_HOME not set). */
  defaultHome: boolean;
  packaged: boolean;
}

const set = (v: string | null): string => (v ? 'set' : 'not set');

/** The diagnostics text (no paths, no file names, no values). */
export function diagnosticsText(d: DiagnosticsInput): string {
  const s = d.settings;
  const folders = s.watchedFolders;
  const lines = [
    `Courier ${d.version} (${d.packaged ? 'installed' : 'development'} build)`,
    `Electron ${d.versions.electron ?? '?'}, Chromium ${d.versions.chrome ?? '?'}, Node ${d.versions.node}`,
    `System: ${os.type()} ${os.release()} (${process.platform}, ${process.arch}), ${Math.round(os.totalmem() / 2 ** 30)} GB memory, ${os.cpus().length} cores`,
    `Data folder: ${d.defaultHome ? 'the default location' : 'COURIER_HOME'}`,
    `NAS: ${s.nasPath ? d.status.nas.state : 'not configured (files saved locally)'}`,
    `Queue: ${d.status.queue.running} running, ${d.status.queue.waiting} waiting, ${d.status.queue.ready} ready, ${d.status.queue.pushQueued} waiting to be sent`,
    'Settings:',
    `  cohort: ${s.cohort ?? 'not set'}; site: ${set(s.site)}; protocol year: ${s.protocolYear ?? 'not set'}`,
    `  patient IDs: ${s.patientPolicy.mode}${s.patientPolicy.mode === 'permissive' ? ` (up to ${s.patientPolicy.threshold})` : ''}`,
    `  NAS folder: ${set(s.nasPath)}; definitions folder: ${set(s.definitionsDir)}; keep sent files: ${s.retentionDays} days`,
    `  watched folders: ${folders.length}${folders.length > 0 ? ` (${folders.filter((f) => f.autoPush).length} sending automatically, ${folders.filter((f) => f.polling).length} polled, ${d.watchProblems} not found)` : ''}`,
  ];
  return lines.join('\n') + '\n';
}
