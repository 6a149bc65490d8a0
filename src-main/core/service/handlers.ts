/**
 * The contract's channels answered by the service: one map for both transports. Only the
 * export differs (a save dialog on the desktop, a download link in a browser), so the
 * transport passes the function that decides where an export goes.
 */
import type { ExportResult } from '../../shared/views';
import type { Handlers } from '../contract/dispatch';
import { exportFileName, writeExport, type ExportKind } from '../exports/exports';
import { setupNas, testNas } from './nas';
import { readReport } from './reports';
import { dropRecipe, exportRecipe, importRecipe, recipeViews, setRecipeAuto } from './recipes';
import type { CourierService } from './service';
import { settingsView, updateSettings } from './settingsOps';

/**
 * Where an export should be written: a path (the coordinator chose it, or a scratch file) and
 * what to answer once it is written; null when the coordinator cancelled.
 */
export type ExportTarget = (fileName: string) => Promise<{
  path: string;
  done: (note: string | null) => ExportResult;
} | null>;

/** Writes one export of a job's report to where `target` says. */
export async function exportReport(
  service: CourierService,
  args: { id: string; kind: ExportKind; issue?: number },
  target: ExportTarget,
): Promise<ExportResult> {
  const job = service.jobRecord(args.id);
  const report = await readReport(service.reportPath(args.id));
  const where = await target(exportFileName(report, args.kind, args.issue));
  if (!where) return { kind: 'cancelled' };
  const note = await writeExport(
    {
      kind: args.kind,
      issue: args.issue,
      job,
      view: service.getJob(args.id),
      report,
      defs: service.definitions,
      patients: service.patientsFor(args.id),
      lang: service.lang,
    },
    where.path,
  );
  return where.done(note);
}

/** Every service channel (app.info stays the transport's own). */
export function serviceHandlers(
  service: CourierService,
  target: ExportTarget,
): Omit<Handlers, 'app.info'> {
  return {
    'jobs.list': (a) =>
      service.listJobs(a.view, a.offset, a.limit, {
        status: a.status,
        table: a.table,
        submission: a.submission,
      }),
    'jobs.facets': () => service.facets(),
    'jobs.remove': (a) => service.remove(a.ids),
    'jobs.clearFinished': () => service.clearFinished(),
    'jobs.pushPlan': () => service.pushPlan(),
    'jobs.get': (a) => service.getJob(a.id),
    'jobs.add': (a) => service.addPaths(a.paths, a.table),
    'jobs.cancel': (a) => service.cancel(a.id),
    'jobs.override': (a) => service.override(a.id, a.reason),
    'jobs.reingest': (a) => service.reingest(a.id),
    'jobs.push': (a) => service.push(a?.ids),
    'report.get': (a) => service.report(a.id),
    'report.issues': (a) => service.issues(a.id, a.offset, a.limit, a.severity),
    'report.lines': (a) => service.issueLines(a.id, a.issue, a.offset, a.limit),
    'report.export': (a) => exportReport(service, a, target),
    'fix.preview': (a) => service.fixPreview(a.id, a.fixes, a.limit),
    'fix.apply': (a) => service.fixApply(a.id, a.fixes, a.saveRecipe),
    'recipes.list': () => recipeViews(service.home),
    'recipes.auto': (a) => setRecipeAuto(service.home, a.cohort, a.table, a.auto),
    'recipes.remove': (a) => dropRecipe(service.home, a.cohort, a.table),
    'recipes.import': (a) => importRecipe(service.home, a.text),
    'recipes.export': (a) => exportRecipe(service.home, a.cohort, a.table, target),
    'fix.undo': (a) => service.fixUndo(a.id),
    'fix.mapChoices': (a) => service.fixMapChoices(a.id, a.column),
    'fix.applyRecipe': (a) => service.fixApplyRecipe(a.id),
    'board.get': (a) => service.board(a?.cohort, a?.protocolYear),
    'board.notAvailable': (a) => service.notAvailable(a.cohort, a.protocolYear, a.table, a.reason),
    'board.available': (a) => service.available(a.cohort, a.protocolYear, a.table),
    'board.declare': (a) => service.declare(a.cohort, a.protocolYear, a.incompleteReason),
    'board.compare': (a) => service.compare(a.cohort, a.protocolYear, a.withYear),
    'history.search': (a) => service.history(a.query, a.offset, a.limit),
    'settings.get': () => settingsView(service),
    'settings.update': (a) => updateSettings(service, a.patch),
    'settings.testNas': (a) => testNas(a.path, service.settings),
    'settings.setupNas': (a) => setupNas(a.path, service),
    'status.get': () => service.status(),
  };
}
