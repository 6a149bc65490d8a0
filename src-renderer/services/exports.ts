/** Report exports: saved by main (desktop) or downloaded through a one-time link (browser). */
import type { ExportResult } from '../../src-main/shared/ipc';
import { t } from '../i18n/i18n';
import { invoke } from './api';

export type ExportKind = 'json' | 'html' | 'issue-lines' | 'fixed-cells';

/** Exports a report or an issue's lines; returns a sentence for the coordinator. */
export async function exportReport(
  id: string,
  kind: ExportKind,
  issue?: number,
): Promise<{ ok: boolean; message: string }> {
  const reply = await invoke(
    'report.export',
    issue === undefined ? { id, kind } : { id, kind, issue },
  );
  if (!reply.ok) return { ok: false, message: reply.error.message };
  return { ok: true, message: describe(reply.value) };
}

/** What became of an export, in a sentence (a download is started here). */
export function exportDone(r: ExportResult): string {
  return describe(r);
}

function describe(r: ExportResult): string {
  if (r.kind === 'cancelled') return t('notices.exportCancelled');
  if (r.kind === 'download') {
    const a = document.createElement('a');
    a.href = r.url;
    a.download = r.fileName;
    a.rel = 'noopener';
    document.body.append(a);
    a.click();
    a.remove();
    return r.note ?? t('notices.downloading', { name: r.fileName });
  }
  return r.note ?? t('notices.savedTo', { path: r.path });
}
