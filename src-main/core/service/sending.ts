/**
 * What _Send_ and _Send all ready_ may send, in the rule both the window and `courier push`
 * follow (shared/sendable.ts): the jobs refused with their reason, and the summary the
 * coordinator confirms before sending everything ready.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { sendBlock } from '../../shared/sendable';
import { EN, type Translate } from '../../shared/i18n/translate';
import type { JobView, PushPlan, PushResult } from '../../shared/views';
import type { JobRecord } from '../ledger/ledger';
import { outboxDir } from '../push/queue';

/** Why a ledger job cannot be sent now, or null. */
export function sendableNow(j: JobRecord): string | null {
  return sendBlock({
    name: j.source.name,
    stage: j.stage,
    table: j.table,
    cohort: j.cohort,
    protocolYear: j.protocolYear,
    hasArtifact: j.artifact !== null && existsSync(j.artifact.path),
  });
}

/** The asked-for jobs that cannot be sent, each as a refused result with its reason. */
export function refusedIds(views: readonly JobView[]): PushResult[] {
  return views
    .filter((v) => v.sendBlock !== null)
    .map((v) => ({ id: v.id, name: v.name, status: 'refused', message: v.sendBlock! }));
}

/** What _Send all ready_ would send (ready jobs, and those waiting for the NAS), where, and which ready files stay. */
export function pushPlan(
  views: readonly JobView[],
  nasPath: string | null,
  home: string,
  t: Translate = EN,
): PushPlan {
  const groups = new Map<string, { cohort: string; protocolYear: number; files: number }>();
  const left: PushPlan['left'] = [];
  let files = 0;
  for (const v of views) {
    if ((v.stage !== 'ready' && v.stage !== 'push-queued') || v.removed) continue;
    if (v.sendBlock !== null || v.cohort === null || v.protocolYear === null) {
      left.push({ id: v.id, name: v.name, reason: v.sendBlock ?? t('send.cannot') });
      continue;
    }
    const key = `${v.cohort}|${v.protocolYear}`;
    const g = groups.get(key) ?? { cohort: v.cohort, protocolYear: v.protocolYear, files: 0 };
    g.files++;
    groups.set(key, g);
    files++;
  }
  return {
    dest: resolve(nasPath ?? outboxDir(home)),
    local: nasPath === null,
    files,
    groups: [...groups.values()].sort(
      (a, b) => a.cohort.localeCompare(b.cohort) || a.protocolYear - b.protocolYear,
    ),
    left,
  };
}
