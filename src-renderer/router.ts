/**
 * Each screen has its own address, in the URL's fragment (`#/inbox`, `#/history/report/<id>`):
 * it works the same in browser mode and in the desktop app (a file:// page), the browser's
 * Back and Forward move between screens of the app, and the tab's title names the screen.
 */
import { t } from './i18n/i18n';
import { SECTIONS, type SectionId } from './sections';

/** A screen: a section, or a file's report opened from one. */
export interface Route {
  section: SectionId;
  reportId: string | null;
}

const IDS = new Set<string>(SECTIONS.map((s) => s.id));

/** The route a fragment names; anything unknown is the inbox. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  const section = (IDS.has(parts[0] ?? '') ? parts[0] : 'inbox') as SectionId;
  const reportId =
    parts[1] === 'report' && parts[2] ? decodeURIComponent(parts.slice(2).join('/')) : null;
  return { section, reportId };
}

/** The fragment of a route. */
export function routeHash(r: Route): string {
  return r.reportId ? `#/${r.section}/report/${encodeURIComponent(r.reportId)}` : `#/${r.section}`;
}

/** The tab title of a screen: "Inbox · Courier", "lab_2025.csv · Report · Courier". */
export function routeTitle(r: Route, reportName: string | null): string {
  if (r.reportId)
    return reportName
      ? t('route.reportOf', { name: reportName })
      : t('route.title', { screen: t('route.report') });
  return t('route.title', { screen: t(`sections.${r.section}.label`) });
}
