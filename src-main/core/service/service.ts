/**
 * CourierService: everything the coordinator's window can do, in plain Node, shared by both
 * transports (Electron IPC and the browser-mode WebSocket). It owns the home folder (ledger,
 * settings, definitions), the conversion queue (one file at a time, first in first out), live
 * progress, the watched folders, pushing with background retries, and the NAS state.
 */
import type { EventMap, EventName } from '../../shared/ipc';
import type { Report, Severity } from '../../shared/report';
import type {
  AddResult,
  ComparisonView,
  DeclarationState,
  DeclareView,
  FixPreviewView,
  MapChoicesView,
  JobOrigin,
  BoardView,
  InboxFacets,
  InboxFilter,
  IssueLine,
  IssueView,
  JobView,
  Page,
  PushPlan,
  PushView,
  ReportView,
  StatusView,
} from '../../shared/views';
import { WITHDRAWN } from '../../shared/words';
import { resolveLang, type Lang } from '../../shared/i18n/lang';
import { translator, type Translate } from '../../shared/i18n/translate';
import { localizeComparison, localizeReport } from '../../shared/i18n/localize';
import { envLang, systemLocale } from '../locale';
import { loadAllDefinitions as definitionsFor, openHome } from '../home';
import { shutdownWorkers } from '../workers/client';
import type { DefinitionSet } from '../definitions/loader';
import type { JobResult } from '../jobs/runJob';
import type { JobRecord, Ledger } from '../ledger/ledger';
import { submissionBoard } from '../ledger/submission';
import { compareSubmission } from '../submission/compare';
import { submissionFingerprint } from '../submission/declare';
import { submitSubmission } from '../submission/submit';
import { CourierError } from '../errors';
import type { SettingsBacking, SettingsStore } from '../settings/settings';
import { markNotAvailable, overrideJob } from '../jobs/decisions';
import { ServiceEvents, type ServiceListener } from './events';
import { fileInput } from '../intake/inputs';
import { intakePaths, reingestInput } from './intake';
import { InboxMarks } from './inboxMarks';
import { pushPlan, refusedIds, sendableNow } from './sending';
import { UploadKeeper } from './uploads';
import { boardVersions } from './versions';
import { finishedMessage } from './words';
import { JobListing } from './jobList';
import { NasMonitor } from './nas';
import { PathGate } from './pathGate';
import { Presence } from '../presence';
import { ProgressTracker } from './progress';
import type { IntakeHooks } from '../intake/intake';
import { Intake } from '../intake/intake';
import type { QueueInput, QueueItem } from '../intake/queue';
import { issueLines, issuePage, readReport, reportView } from './reports';
import { cleanScratch } from './workspace';
import type { FixChoice, FixContext } from './fixes';
import { applyJobFixes, applySavedRecipe, mapChoices, previewJobFixes } from './fixes';
import { undoFix } from '../jobs/undoFix';

export interface ServiceOptions {
  /** COURIER_HOME; default: `COURIER_HOME`, else the desktop app's data folder. */
  home?: string | null;
  /** The settings file's store: electron-store in the desktop app; `conf` by default. */
  settingsBacking?: (home: string) => SettingsBacking;
  /** Watched files are taken once unchanged this long (default 2 s). */
  stableMs?: number;
  /** Watched folders are listed again this often, for missed events (default 60 s; 0: never). */
  rescanMs?: number;
  /** How often the NAS is checked (default 30 s; 0: only on demand). */
  nasCheckMs?: number;
  /** How often queued pushes are retried when due (default 30 s; 0: never). */
  retryMs?: number;
  /**
   * The language asked for at launch (`--lang`, else `COURIER_LANG`): it wins over the setting
   * until the coordinator picks a language in Settings. Undefined: `COURIER_LANG`.
   */
  lang?: Lang | null;
  /** The computer's locale, for the `auto` language (default: the environment's). */
  osLocale?: string | null;
}

export class CourierService {
  readonly home: string;
  readonly ledger: Ledger;
  readonly settings: SettingsStore;
  readonly nas: NasMonitor;
  private defs: DefinitionSet;
  private readonly events = new ServiceEvents();
  private readonly progress: ProgressTracker;
  private readonly intake: Intake;
  private readonly listing: JobListing;
  private readonly gate = new PathGate();
  private readonly marks: InboxMarks;
  readonly uploads: UploadKeeper;
  private closed = false;
  private closing: Promise<boolean> | null = null;
  private watchPaused = false;
  /** The launch language, until a language is chosen in Settings. */
  private launchLang: Lang | null;
  private readonly osLocale: string;

  private constructor(
    ctx: { home: string; ledger: Ledger; settings: SettingsStore },
    defs: DefinitionSet,
    private readonly opts: ServiceOptions,
  ) {
    this.home = ctx.home;
    this.launchLang = opts.lang === undefined ? envLang(process.env, false) : opts.lang;
    this.osLocale = opts.osLocale ?? systemLocale();
    this.ledger = ctx.ledger;
    this.settings = ctx.settings;
    this.defs = defs;
    this.marks = new InboxMarks(this.home);
    this.progress = new ProgressTracker((p) => this.emit('job.progress', p));
    const origins = new Map<string, JobOrigin>();
    this.intake = new Intake({
      home: this.home,
      ledger: this.ledger,
      settings: this.settings,
      definitions: () => this.defs,
      stableMs: opts.stableMs,
      rescanMs: opts.rescanMs,
      retryMs: opts.retryMs,
      hooks: this.intakeHooks(origins),
    });
    this.listing = new JobListing(
      this.home,
      this.ledger,
      this.intake.queue,
      this.progress,
      origins,
      // A source found present or gone later: the lists refetch.
      new Presence(() => this.emit('jobs.changed', { ids: [] })),
      this.marks,
      () => this.t,
    );
    this.uploads = new UploadKeeper(this.home, this.ledger, this.marks, this.intake.queue);
    this.nas = new NasMonitor(this.settings, (status) => {
      this.statusChanged();
      // The NAS is back: send what waited for it now rather than at each job's retry time.
      if (status.state === 'online') void this.intake.pusher.retryAll()?.catch(() => undefined);
    });
  }

  /** The intake's news, as the contract's events. */
  private intakeHooks(origins: Map<string, JobOrigin>): IntakeHooks {
    let lastStage = new Map<string, string>();
    return {
      queueChanged: () => this.statusChanged(),
      started: (item, jobId) => origins.set(jobId, item.origin),
      progress: (item, p) => {
        this.progress.update(p);
        if (lastStage.get(p.jobId) !== p.stage) {
          lastStage.set(p.jobId, p.stage);
          this.emit('jobs.changed', { ids: [p.jobId, item.key] });
        }
      },
      finished: (item, result) => {
        origins.set(result.id, item.origin);
        this.progress.clear(result.id);
        lastStage.delete(result.id);
        if (lastStage.size > 1000) lastStage = new Map();
        this.emit('jobs.changed', { ids: [result.id, item.key] });
        this.emit('job.finished', {
          id: result.id,
          name: item.name,
          stage: result.stage,
          origin: item.origin,
          message: finishedMessage(item.name, result, this.t),
        });
      },
      moved: (item, to) =>
        this.emit('app.notice', { level: 'info', message: `${item.name} was moved to ${to}.` }),
      pushed: (id, outcome) => {
        this.emit('jobs.changed', { ids: [id] });
        const job = this.ledger.exact(id);
        // A sent upload's copy is no longer needed.
        if (job?.stage === 'pushed') void this.uploads.release([job.source.path]);
        if (job && outcome.status !== 'waiting')
          this.emit('job.finished', {
            id,
            name: job.source.name,
            stage: job.stage,
            origin: origins.get(id) ?? 'drop',
            message: outcome.message,
          });
      },
      pushRunDone: () => {
        this.statusChanged();
        void this.nas.check();
      },
      problem: (message) => this.emit('app.notice', { level: 'warning', message }),
    };
  }

  /** Opens the home folder (recovering what a crashed process left) and the definitions. */
  static async open(opts: ServiceOptions = {}): Promise<CourierService> {
    const ctx = openHome(opts.home ?? null, opts.settingsBacking);
    const defs = await definitionsFor(ctx.settings.get().definitionsDir);
    const service = new CourierService(ctx, defs, opts);
    // Leftovers of a crash; uploads whose job is neither sent nor removed stay.
    cleanScratch(ctx.home, (dir) => service.uploads.keep(dir));
    return service;
  }

  /** Starts the watched folders, the NAS checks and the push retries (a first one at once). */
  async start(): Promise<void> {
    this.nas.start(this.opts.nasCheckMs ?? 30_000);
    await this.intake.watch(this.settings.get().watchedFolders);
    this.intake.startRetries();
  }

  /**
   * Stops everything: the running job is cancelled cleanly, pushes are let finish. Idempotent:
   * every call waits for the same shutdown. With `deadlineMs`, gives up waiting after that long
   * (a push to a NAS that hangs, a query that does not answer its interrupt) and resolves
   * false; what was cut short is recovered at the next start (the ledger marks it).
   */
  async close(opts: { deadlineMs?: number } = {}): Promise<boolean> {
    if (!this.closing) {
      this.closed = true;
      this.nas.stop();
      this.closing = this.intake.close().then(() => true);
    }
    const inTime =
      opts.deadlineMs === undefined
        ? await this.closing
        : await Promise.race([
            this.closing,
            new Promise<false>((r) => setTimeout(r, opts.deadlineMs, false).unref()),
          ]);
    // Idle workers hold DuckDB: stop them explicitly whatever happened (a process exit would
    // tear them down mid-way, which aborts it).
    await shutdownWorkers();
    return inTime;
  }

  /** Whether a file is being checked or waits, or a push runs: quitting now would cut it. */
  get busy(): boolean {
    const q = this.intake.queue;
    return q.running() !== null || q.pending().length > 0 || this.intake.pusher.busy;
  }

  /**
   * After sleep or a network change: checks the NAS again at once, and watches again the
   * folders that could not be watched (a drive that was not connected at start).
   */
  async recheck(): Promise<void> {
    if (this.closed) return;
    if (this.intake.watchProblems.length > 0 && !this.watchPaused) {
      // Applying the same list again is a no-op: go through an empty one to start afresh.
      await this.intake.watch([]);
      await this.intake.watch(this.settings.get().watchedFolders);
    }
    await this.nas.check();
    this.statusChanged();
  }

  /** Pauses or resumes the watched folders (the desktop tray); settings changes keep it. */
  async pauseWatching(paused: boolean): Promise<void> {
    this.watchPaused = paused;
    if (!this.closed) await this.intake.watch(paused ? [] : this.settings.get().watchedFolders);
  }

  get watchingPaused(): boolean {
    return this.watchPaused;
  }

  /** The language the service words everything in now. */
  get lang(): Lang {
    return resolveLang({
      setting: this.settings.get().language,
      launch: this.launchLang,
      osLocale: this.osLocale,
    });
  }

  /** Main's words in the language in use. */
  get t(): Translate {
    return translator(this.lang);
  }

  on(listener: ServiceListener): () => void {
    return this.events.on(listener);
  }

  private emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    this.events.emit(event, payload);
  }

  get definitions(): DefinitionSet {
    return this.defs;
  }

  /** Replaces the definitions (the definitions folder setting changed). */
  setDefinitions(defs: DefinitionSet): void {
    this.defs = defs;
  }

  // --- jobs ---------------------------------------------------------------------------------

  listJobs(
    view: 'inbox' | 'all',
    offset: number,
    limit: number,
    filter: InboxFilter = {},
  ): Page<JobView> {
    return this.listing.list(view, offset, limit, filter);
  }

  /** What the inbox can be filtered by. */
  facets(): InboxFacets {
    return this.listing.facets();
  }

  getJob(id: string): JobView {
    return this.listing.get(id);
  }

  jobRecord(id: string): JobRecord {
    return this.listing.job(id);
  }

  history(query: string, offset: number, limit: number): Page<JobView> {
    return this.listing.history(query, offset, limit);
  }

  /** Paths the desktop preload read from a drop or the file picker. */
  grant(paths: readonly string[]): void {
    this.gate.grant(paths);
  }

  /** Queues dropped or picked files (folders expanded); other paths are refused. */
  addPaths(paths: readonly string[], table: string | null = null): Promise<AddResult> {
    return intakePaths(paths, this.gate, this.settings.get(), table, (input) => {
      return this.enqueue(input).item.key;
    });
  }

  /**
   * Queues a file uploaded by a browser. Its private copy is kept until its job is sent or
   * removed (so it can be checked again); `remove` deletes it at once if the file is cancelled
   * before its job started.
   */
  addUpload(path: string, name: string, bytes: number, remove: () => Promise<void>): AddResult {
    const input = fileInput(this.settings.get(), { path, name, bytes, origin: 'upload' });
    const cleanup = async (): Promise<void> => {
      if (!this.ledger.jobs().some((j) => j.source.path === path)) await remove();
    };
    return { queued: [this.enqueue({ ...input, cleanup }).item.key], refused: [] };
  }

  /**
   * Checks a file again even though its bytes were seen before, for the current settings'
   * cohort and protocol year (its watched folder's, for a watched file): a file checked before
   * they were set is assigned this way.
   */
  async reingest(id: string): Promise<AddResult> {
    const input = await reingestInput(this.home, this.listing.job(id), this.settings.get());
    return { queued: [this.enqueue(input).item.key], refused: [] };
  }

  /**
   * Takes jobs out of the inbox: a waiting or running file is cancelled, a checked file that
   * was not sent is withdrawn (it will not be sent), and a browser upload's copy is deleted.
   */
  async remove(ids: readonly string[]): Promise<{ removed: number }> {
    const queue = this.intake.queue;
    const done: string[] = [];
    const sources: string[] = [];
    for (const id of ids) {
      const item = queue.pending().find((i) => i.key === id);
      const running = queue.running();
      if (item || running?.key === id || (running?.jobId === id && running)) {
        queue.cancel(id);
        continue;
      }
      const j = this.listing.job(id);
      if (j.stage === 'pushing')
        throw new CourierError(
          'conflict',
          `${j.source.name} is being sent right now: wait a moment, then remove it.`,
        );
      if (['ready', 'push-queued', 'blocked', 'queued'].includes(j.stage))
        this.ledger.append({
          type: 'stage',
          id: j.id,
          at: new Date().toISOString(),
          stage: 'cancelled',
          error: WITHDRAWN,
        });
      done.push(j.id);
      sources.push(j.source.path);
    }
    const removed = this.marks.add(done);
    await this.uploads.release(sources);
    this.emit('jobs.changed', { ids: [...ids] });
    this.statusChanged();
    return { removed };
  }

  /** Takes every finished job (sent, skipped, cancelled, failed) out of the inbox. */
  async clearFinished(): Promise<{ removed: number }> {
    const finished = this.listing
      .inboxJobs()
      .filter((j) => ['pushed', 'skipped', 'cancelled', 'failed'].includes(j.stage));
    if (finished.length === 0) return { removed: 0 };
    return this.remove(finished.map((j) => j.id));
  }

  /** Queues a file; resolves with its result once it ran (null: cancelled while waiting). */
  enqueue(input: QueueInput): { item: QueueItem; done: Promise<JobResult | null> } {
    if (this.closed) throw new CourierError('unavailable', 'Courier is shutting down.');
    const added = this.intake.enqueue(input);
    this.emit('jobs.changed', { ids: [added.item.key] });
    return added;
  }

  /** Cancels a waiting file, or stops the running job (it leaves nothing half-written). */
  cancel(id: string): JobView | null {
    const queue = this.intake.queue;
    const waiting = queue.pending().some((i) => i.key === id);
    const job = waiting ? null : this.ledger.exact(id);
    if (!queue.cancel(id))
      throw new CourierError(
        'conflict',
        'This file is not waiting or being checked: there is nothing to cancel.',
      );
    this.emit('jobs.changed', { ids: [id] });
    return job ? this.listing.view(job) : null;
  }

  /** Lets a blocked job be sent despite its errors (recorded in manifest and audit log). */
  override(id: string, reason: string): JobView {
    // The one override decision (jobs/decisions.ts) refuses what cannot be sent.
    overrideJob(this.ledger, this.listing.job(id), reason);
    this.emit('jobs.changed', { ids: [id] });
    this.statusChanged();
    return this.listing.get(id);
  }

  /**
   * Sends the given jobs (default: every ready job) to the NAS or the local outbox. Jobs that
   * cannot be sent (no cohort or year, no converted file, problems...) are not, each with its
   * reason in `results`; one asked for alone is refused with it.
   */
  async push(ids?: readonly string[]): Promise<PushView> {
    const views = (ids ?? []).map((id) => this.listing.get(id));
    const refused = refusedIds(views);
    if (ids && ids.length === 1 && refused.length === 1)
      throw new CourierError(
        views[0]?.stage === 'blocked' ? 'blocked' : 'not-sendable',
        `${refused[0]!.name} was not sent. ${refused[0]!.message}`,
      );
    const wanted = ids ? new Set(ids.filter((id) => !refused.some((r) => r.id === id))) : null;
    const summary = await this.intake.pusher.push((j) =>
      wanted ? wanted.has(j.id) : j.stage === 'ready' || j.stage === 'push-queued',
    );
    summary.results = [...refused, ...(summary.results ?? [])].map((r) => ({
      ...r,
      submission: this.ledger.exact(r.id) ? this.listing.get(r.id).submission : undefined,
    }));
    const sent = (summary.results ?? []).filter(
      (r) => r.status === 'pushed' || r.status === 'already-pushed',
    );
    await this.uploads.release(sent.map((r) => this.listing.job(r.id).source.path));
    return summary;
  }

  /** What _Send all ready_ would send, and where, for its confirmation. */
  pushPlan(): PushPlan {
    return pushPlan(
      this.ledger.jobs().map((j) => this.listing.view(j)),
      this.settings.get().nasPath,
      this.home,
      this.t,
    );
  }

  // --- guided fixes -------------------------------------------------------------------------

  private get fixContext(): FixContext {
    return {
      home: this.home,
      ledger: this.ledger,
      settings: this.settings,
      definitions: this.defs,
    };
  }

  /** What fixing the chosen proposals of a job would change (service/fixes.ts). */
  fixPreview(id: string, choices: FixChoice[], limit: number): Promise<FixPreviewView> {
    return previewJobFixes(this.fixContext, this.listing.job(id).id, choices, limit);
  }

  /** What a code map of a column can be made of (service/fixes.ts). */
  fixMapChoices(id: string, column: string): MapChoicesView {
    return mapChoices(this.fixContext, this.listing.job(id).id, column);
  }

  /** Applies the fixes as a new job that replaces this one; answers the new job. */
  async fixApply(id: string, choices: FixChoice[], saveRecipe = false): Promise<JobView> {
    const result = await applyJobFixes(
      this.fixContext,
      this.listing.job(id).id,
      choices,
      saveRecipe,
    );
    this.emit('jobs.changed', { ids: [id, result.id] });
    this.statusChanged();
    return this.listing.get(result.id);
  }

  /** Applies the table's saved recipe to a job as a new, fixed job; answers it. */
  async fixApplyRecipe(id: string): Promise<JobView> {
    const result = await applySavedRecipe(this.fixContext, this.listing.job(id).id);
    this.emit('jobs.changed', { ids: [id, result.id] });
    this.statusChanged();
    return this.listing.get(result.id);
  }

  /** Undoes a fix: the unfixed job counts again; answers it. */
  fixUndo(id: string): JobView {
    const back = undoFix(this.ledger, this.listing.job(id).id);
    this.emit('jobs.changed', { ids: [id, back] });
    this.statusChanged();
    return this.listing.get(back);
  }

  // --- reports ------------------------------------------------------------------------------

  /** The report file of a job (its own, or its original's for a skipped duplicate). */
  reportPath(id: string): string | null {
    return this.listing.reportPath(this.listing.job(id));
  }

  async report(id: string): Promise<ReportView> {
    const job = this.getJob(id);
    const record = this.ledger.exact(id);
    const report = await readReport(this.reportPath(id));
    return reportView(
      job,
      report,
      {
        artifact: record?.artifact?.path ?? null,
        defs: this.defs,
        patients: record ? this.patientsFor(id) : null,
      },
      this.t,
    );
  }

  /** A job's report with its messages and hints in the language in use. */
  async localReport(id: string): Promise<Report> {
    return localizeReport(await readReport(this.reportPath(id)), this.lang);
  }

  /** Every affected line of one issue with its value, from the artifact (local only). */
  async issueLines(
    id: string,
    index: number,
    offset: number,
    limit: number,
  ): Promise<Page<IssueLine>> {
    const j = this.listing.job(id);
    const report = await readReport(this.reportPath(id));
    return issueLines(
      { job: j, report, defs: this.defs, patients: this.patientsFor(id) },
      index,
      offset,
      limit,
    );
  }

  async issues(
    id: string,
    offset: number,
    limit: number,
    severity?: Severity,
  ): Promise<Page<IssueView>> {
    return issuePage(await this.localReport(id), offset, limit, severity);
  }

  /** The patient artifact a job was checked against. */
  patientsFor(id: string): string | null {
    return this.listing.patientsFor(this.listing.job(id));
  }

  // --- submission ---------------------------------------------------------------------------

  board(cohort?: string | null, protocolYear?: number | null): BoardView {
    const s = this.settings.get();
    const board = submissionBoard(
      this.ledger,
      this.defs,
      cohort === undefined ? s.cohort : cohort,
      protocolYear === undefined ? s.protocolYear : protocolYear,
    );
    // The other tables' patients too, where one file makes the table (IDs of several files
    // may overlap, and their sum would overstate it).
    const words = this.t;
    for (const t of board.tables) {
      // The 16 tables have a name in each language; a definitions folder's own keep theirs.
      t.label = words(`tables.${t.table}`, { defaultValue: t.label });
      if (t.patients !== null || t.jobs.length !== 1) continue;
      t.patients = this.ledger.exact(t.jobs[0]!)?.summary?.patientIds?.distinct ?? null;
    }
    return {
      ...boardVersions(board, this.ledger, (j) => this.listing.view(j)),
      declaration: this.declarationState(board.cohort, board.protocolYear),
    };
  }

  /** The submission's latest declaration from here, and whether anything changed since. */
  private declarationState(
    cohort: string | null,
    protocolYear: number | null,
  ): DeclarationState | null {
    if (cohort === null || protocolYear === null) return null;
    const last = this.ledger.lastDeclaration(cohort, protocolYear);
    if (!last) return null;
    const now = submissionFingerprint(this.ledger, this.defs, cohort, protocolYear, last.dest);
    return {
      seq: last.seq,
      at: last.at,
      complete: last.complete,
      local: last.local,
      changed: now !== last.fingerprint,
    };
  }

  /**
   * Sends what is ready for a submission and declares it (the board's _Declare submission…_);
   * refused, naming the tables, while one is unaccounted for and no reason is given.
   */
  async declare(
    cohort: string,
    protocolYear: number,
    incompleteReason: string | null,
  ): Promise<DeclareView> {
    const r = await submitSubmission({
      ledger: this.ledger,
      settings: this.settings,
      home: this.home,
      definitions: this.defs,
      cohort,
      protocolYear,
      dest: null,
      incompleteReason,
      onJob: (job) => this.emit('jobs.changed', { ids: [job.id] }),
    });
    this.emit('jobs.changed', { ids: [] });
    this.statusChanged();
    if (r.unreachable)
      throw new CourierError(
        'unreachable',
        `${r.sent.message ?? 'The NAS cannot be reached.'} Nothing was declared; the files wait and Courier retries.`,
      );
    const d = r.declaration;
    if (!d.declared)
      return {
        declared: false,
        missing: d.missing,
        message: `Not declared: ${d.missing.length} ${d.missing.length === 1 ? 'table is' : 'tables are'} neither sent nor marked not available (${d.missing.join(', ')}). Send ${d.missing.length === 1 ? 'it' : 'them'}, mark ${d.missing.length === 1 ? 'it' : 'them'} not available, or declare the submission incomplete with a reason.`,
      };
    return {
      declared: true,
      seq: d.seq,
      path: d.path,
      complete: d.complete,
      message: `${cohort} · ${protocolYear} declared ${d.complete ? 'complete' : 'incomplete'} (declaration ${d.seq}).`,
    };
  }

  /** The submission against another year (default: the year before), from here or the NAS. */
  async compare(cohort: string, protocolYear: number, withYear?: number): Promise<ComparisonView> {
    const s = this.settings.get();
    const c = await compareSubmission({
      ledger: this.ledger,
      definitions: this.defs,
      cohort,
      protocolYear,
      withYear,
      nasRoot: s.nasPath,
      thresholds: s.compare,
    });
    return localizeComparison(c, this.lang);
  }

  notAvailable(
    cohort: string | null,
    protocolYear: number | null,
    table: string,
    reason: string,
  ): BoardView {
    markNotAvailable(this.ledger, this.defs, { cohort, protocolYear, table, reason });
    this.emit('jobs.changed', { ids: [] });
    return this.board(cohort, protocolYear);
  }

  /** Withdraws a table's "not available" mark. */
  available(cohort: string | null, protocolYear: number | null, table: string): BoardView {
    markNotAvailable(this.ledger, this.defs, { cohort, protocolYear, table, reason: null });
    this.emit('jobs.changed', { ids: [] });
    return this.board(cohort, protocolYear);
  }

  // --- status -------------------------------------------------------------------------------

  status(): StatusView {
    let pushQueued = 0;
    let ready = 0;
    let unassigned = 0;
    for (const j of this.ledger.jobs()) {
      if (j.stage === 'push-queued') pushQueued++;
      else if (j.stage === 'ready') {
        // Only what _Send all ready_ would really send counts as ready.
        const why = sendableNow(j);
        if (why === null) ready++;
        else if (j.cohort === null || j.protocolYear === null) unassigned++;
      }
    }
    const queue = {
      waiting: this.intake.queue.pending().length,
      running: this.intake.queue.running() ? 1 : 0,
      pushQueued,
      ready,
      unassigned,
    };
    return { nas: this.nas.status, queue };
  }

  statusChanged(): void {
    this.emit('status.changed', this.status());
  }

  /**
   * Settings changed: the watched folders follow, the NAS is checked again. A language chosen
   * in Settings replaces the launch language at once, and every list is worded again.
   */
  async settingsChanged(changed: { language?: boolean } = {}): Promise<void> {
    if (changed.language) {
      this.launchLang = null;
      this.emit('jobs.changed', { ids: [] });
    }
    if (!this.watchPaused) await this.intake.watch(this.settings.get().watchedFolders);
    this.emit('settings.changed', {});
    await this.nas.check();
    this.statusChanged();
  }

  get watchProblems(): { path: string; message: string }[] {
    return this.intake.watchProblems;
  }

  /** Resolves once no file waits or runs and no push runs (tests, shutdown). */
  async idle(): Promise<void> {
    await this.intake.idle();
  }
}
