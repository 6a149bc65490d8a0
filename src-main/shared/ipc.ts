/**
 * The IPC contract: one map of request channels, one map of events from main to the renderer,
 * and the result envelope. Both transports speak it: Electron IPC (preload) and the browser
 * mode WebSocket (core/server).
 *
 * Pure TypeScript (zod allowed): no Node, no Electron. Grows by addition only: never rename a
 * channel, an event, a field or an error code.
 */
import { z } from 'zod';
import type { Progress, Stage } from './report';
import { FIX_RULES } from './report';
import { cohortNameSchema, protocolYearSchema, settingsPatchSchema } from './settings';

export { settingsPatchSchema } from './settings';
export type { SettingsPatch } from './settings';
import type {
  AddResult,
  BoardView,
  ComparisonView,
  DeclareView,
  ExportResult,
  FixPreviewView,
  MapChoicesView,
  InboxFacets,
  IssueLine,
  IssueView,
  JobOrigin,
  JobView,
  NasTest,
  Page,
  PushPlan,
  PushView,
  RecipeView,
  ReportView,
  SettingsView,
  StatusView,
} from './views';

/** What `app.info` answers: enough for the status bar and for tests to know the transport. */
export interface AppInfo {
  name: string;
  version: string;
  mode: 'desktop' | 'browser';
}

/**
 * A channel: the request schema (every argument is validated with it at the boundary) and a
 * type-only marker for the response, which the trusted side produces.
 */
export interface ChannelSpec<Req extends z.ZodType, Res> {
  readonly request: Req;
  readonly response?: (value: Res) => void;
}

/** Declares a channel; call as `channel<ResponseType>()(requestSchema)`. */
function channel<Res>() {
  return <Req extends z.ZodType>(request: Req): ChannelSpec<Req, Res> => ({ request });
}

/** Channels with no arguments take `undefined` (the field is simply left out on the wire). */
const noArgs = z.undefined();

/** A job id as the ledger writes it, or `pending:<n>` for a file waiting its turn. */
const jobId = z.string().min(1).max(100);
const paging = {
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
};
const cohortName = cohortNameSchema.nullable();
const year = protocolYearSchema.nullable();
/** A reason a coordinator writes: a few words at least, recorded as written. */
const reason = z
  .string()
  .trim()
  .min(5, 'Give a reason of at least a few words.')
  .max(2000, 'Keep the reason under 2,000 characters.');
const pathText = z.string().trim().min(1).max(4096);
/** Fixes chosen among a report's proposals (their params come from the report). */
const fixChoices = z
  .array(
    z
      .object({
        rule: z.enum(FIX_RULES),
        column: z.string().min(1).max(300),
        /** `map-values` only: the coordinator's own code map (found → meant), made in the window. */
        map: z.record(z.string().max(500), z.string().max(500)).optional(),
      })
      .strict()
      .refine(
        (c) => c.map === undefined || (c.rule === 'map-values' && Object.keys(c.map).length > 0),
        {
          message: 'a code map goes with map-values, and maps at least one value',
        },
      ),
  )
  .min(1)
  .max(100);

/** Every request channel. Add new ones here; the handlers map type follows. */
export const channels = {
  'app.info': channel<AppInfo>()(noArgs),
  /**
   * The inbox (the file being checked, then those waiting in their turn, then the others
   * newest first; removed ones left out) or every job, newest first, one page; optionally
   * filtered.
   */
  'jobs.list': channel<Page<JobView>>()(
    z
      .object({
        view: z.enum(['inbox', 'all']).default('inbox'),
        ...paging,
        status: z.enum(['all', 'working', 'problems', 'ready', 'sent']).optional(),
        table: z.string().min(1).max(100).nullable().optional(),
        submission: z.string().min(1).max(300).nullable().optional(),
      })
      .strict(),
  ),
  /** What the inbox can be filtered by. */
  'jobs.facets': channel<InboxFacets>()(noArgs),
  /**
   * Takes jobs out of the inbox (they stay in the history): a waiting or running file is
   * cancelled, a checked file that was not sent is withdrawn (never sent), and a file added
   * from a browser is deleted from this computer.
   */
  'jobs.remove': channel<{ removed: number }>()(
    z.object({ ids: z.array(jobId).min(1).max(1000) }).strict(),
  ),
  /** Takes every finished job (sent, skipped, cancelled, failed) out of the inbox. */
  'jobs.clearFinished': channel<{ removed: number }>()(noArgs),
  /** What _Send all ready_ would send, and where, for its confirmation. */
  'jobs.pushPlan': channel<PushPlan>()(noArgs),
  'jobs.get': channel<JobView>()(z.object({ id: jobId }).strict()),
  /** Queues files (desktop: dropped or picked, or inside a watched folder); folders are expanded. */
  'jobs.add': channel<AddResult>()(
    z
      .object({
        paths: z.array(pathText).min(1).max(1000),
        table: z.string().min(1).max(100).nullable().default(null),
      })
      .strict(),
  ),
  'jobs.cancel': channel<JobView | null>()(z.object({ id: jobId }).strict()),
  /** Lets a blocked job be sent despite its errors; recorded in the manifest and audit log. */
  'jobs.override': channel<JobView>()(z.object({ id: jobId, reason }).strict()),
  /**
   * Checks the same file again, even though its bytes were seen before, for the current
   * settings' cohort and protocol year (its watched folder's, for a watched file).
   */
  'jobs.reingest': channel<AddResult>()(z.object({ id: jobId }).strict()),
  /** Sends the given ready jobs (default: every ready job) to the NAS or the local outbox. */
  'jobs.push': channel<PushView>()(
    z
      .object({ ids: z.array(jobId).min(1).max(1000).optional() })
      .strict()
      .optional(),
  ),
  /** A job's report without its issues (those are paged). */
  'report.get': channel<ReportView>()(z.object({ id: jobId }).strict()),
  'report.issues': channel<Page<IssueView>>()(
    z
      .object({ id: jobId, severity: z.enum(['error', 'warning', 'info']).optional(), ...paging })
      .strict(),
  ),
  /**
   * Exports a report (JSON, standalone HTML) or every affected line of one issue (CSV).
   * Desktop: saved where the coordinator chooses; browser mode: a one-time download link.
   */
  'report.export': channel<ExportResult>()(
    z
      .object({
        id: jobId,
        kind: z.enum(['json', 'html', 'issue-lines', 'fixed-cells']),
        issue: z.number().int().min(0).optional(),
      })
      .strict(),
  ),
  /**
   * Every affected line of one issue with the value at fault, read from the job's artifact on
   * this computer (never pushed); unknown patient IDs with the nearest patient-table ID.
   */
  'report.lines': channel<Page<IssueLine>>()(
    z.object({ id: jobId, issue: z.number().int().min(0), ...paging }).strict(),
  ),
  /**
   * What guided fixes of a job's proposals would change: per fix, the cells and the first
   * changed values with their lines (values stay on this computer). Writes nothing.
   */
  'fix.preview': channel<FixPreviewView>()(
    z
      .object({ id: jobId, fixes: fixChoices, limit: z.number().int().min(0).max(100).default(20) })
      .strict(),
  ),
  /**
   * Applies guided fixes as a new job made from the artifact (checked again in full), which
   * replaces the unfixed one; answers the new job.
   */
  'fix.apply': channel<JobView>()(
    z.object({ id: jobId, fixes: fixChoices, saveRecipe: z.boolean().default(false) }).strict(),
  ),
  /** A column's values outside its list and the values it allows: what a code map is made of. */
  'fix.mapChoices': channel<MapChoicesView>()(
    z.object({ id: jobId, column: z.string().min(1).max(300) }).strict(),
  ),
  /** Applies the table's saved recipe (what the report's `recipe` proposes) as a new, fixed job. */
  'fix.applyRecipe': channel<JobView>()(z.object({ id: jobId }).strict()),
  /** Undoes a fix: the fixed job is withdrawn and the unfixed one counts again; answers it. */
  'fix.undo': channel<JobView>()(z.object({ id: jobId }).strict()),
  /** The saved recipes (guided fixes proposed again to each new file of their table). */
  'recipes.list': channel<RecipeView[]>()(noArgs),
  /** Whether a recipe applies itself to each new file of its table, or is only proposed. */
  'recipes.auto': channel<RecipeView[]>()(
    z
      .object({
        cohort: z.string().max(200).nullable(),
        table: z.string().min(1).max(100),
        auto: z.boolean(),
      })
      .strict(),
  ),
  'recipes.remove': channel<RecipeView[]>()(
    z
      .object({ cohort: z.string().max(200).nullable(), table: z.string().min(1).max(100) })
      .strict(),
  ),
  /** Saves a recipe file's text (from another computer) as its cohort and table's recipe. */
  'recipes.import': channel<RecipeView[]>()(
    z.object({ text: z.string().min(1).max(1_000_000) }).strict(),
  ),
  /** A recipe as a file: saved where the coordinator chooses, or downloaded. */
  'recipes.export': channel<ExportResult>()(
    z
      .object({ cohort: z.string().max(200).nullable(), table: z.string().min(1).max(100) })
      .strict(),
  ),
  /** The submission board; cohort and year default to the settings. */
  'board.get': channel<BoardView>()(
    z.object({ cohort: cohortName.optional(), protocolYear: year.optional() }).strict().optional(),
  ),
  'board.notAvailable': channel<BoardView>()(
    z
      .object({ cohort: cohortName, protocolYear: year, table: z.string().min(1).max(100), reason })
      .strict(),
  ),
  /** Withdraws a table's "not available" mark. */
  'board.available': channel<BoardView>()(
    z
      .object({ cohort: cohortName, protocolYear: year, table: z.string().min(1).max(100) })
      .strict(),
  ),
  /**
   * Sends what is ready for the submission, then declares it on the NAS (submission-<n>.json);
   * refused, naming the tables, while one is unaccounted for and no reason is given.
   */
  'board.declare': channel<DeclareView>()(
    z
      .object({
        cohort: cohortNameSchema,
        protocolYear: protocolYearSchema,
        incompleteReason: z.string().trim().min(5).max(2000).nullable().default(null),
      })
      .strict(),
  ),
  /** The submission against another year (default: the year before): counts only. */
  'board.compare': channel<ComparisonView>()(
    z
      .object({
        cohort: cohortNameSchema,
        protocolYear: protocolYearSchema,
        withYear: protocolYearSchema.optional(),
      })
      .strict(),
  ),
  /** Every job ever processed, newest first, filtered by a search text. */
  'history.search': channel<Page<JobView>>()(
    z.object({ query: z.string().max(200).default(''), ...paging }).strict(),
  ),
  'settings.get': channel<SettingsView>()(noArgs),
  'settings.update': channel<SettingsView>()(z.object({ patch: settingsPatchSchema }).strict()),
  /**
   * Whether a folder is Courier's share and can be written to, what kind of folder it is
   * (network share or this computer's disk) and what it supports. Never creates anything.
   */
  'settings.testNas': channel<NasTest>()(z.object({ path: pathText }).strict()),
  /**
   * Sets an existing, empty folder up as Courier's share (writes its marker), once the
   * coordinator confirmed it is the NAS. Never creates the folder.
   */
  'settings.setupNas': channel<NasTest>()(z.object({ path: pathText }).strict()),
  /** The status bar: NAS and queue. */
  'status.get': channel<StatusView>()(noArgs),
};

export type Channel = keyof typeof channels;
/** The arguments a caller passes (before validation). */
export type RequestOf<C extends Channel> = z.input<(typeof channels)[C]['request']>;
/** The arguments a handler receives (after validation). */
export type ValidArgsOf<C extends Channel> = z.output<(typeof channels)[C]['request']>;
export type ResponseOf<C extends Channel> =
  (typeof channels)[C] extends ChannelSpec<z.ZodType, infer R> ? R : never;

/** Events from main to the renderer. An event means "this changed": the renderer refetches. */
export interface EventMap {
  /** A plain-language message for the status bar. */
  'app.notice': { level: 'info' | 'warning' | 'error'; message: string };
  /** Jobs were added or changed stage (ids may be empty: "something changed"). */
  'jobs.changed': { ids: string[] };
  /** Live progress of a running job (at most 10 a second a job). */
  'job.progress': Progress;
  /** A job reached an end (ready, blocked, failed, pushed...): for notifications. */
  'job.finished': {
    id: string;
    name: string;
    stage: Stage;
    origin: JobOrigin;
    message: string;
  };
  /** The NAS or queue state changed. */
  'status.changed': StatusView;
  /** The settings changed (in this window or another). */
  'settings.changed': Record<string, never>;
  /**
   * Show a section (the desktop menu's View items); with `report`, that job's report over it
   * (a desktop notification was clicked).
   */
  'app.navigate': { section: 'inbox' | 'submission' | 'history' | 'settings'; report?: string };
}
export type EventName = keyof EventMap;

/** Error codes that cross the boundary. Handlers may add domain codes (strings). */
export type ErrorCode =
  'bad-request' | 'unknown-channel' | 'invalid-args' | 'internal' | 'unavailable' | (string & {});

export interface IpcError {
  code: ErrorCode;
  message: string;
}

/** Errors are values, not thrown strings: every reply is one of these. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** The arguments of `invoke(channel, ...)`: optional when the channel takes none. */
export type InvokeArgs<C extends Channel> =
  undefined extends RequestOf<C> ? [args?: RequestOf<C>] : [args: RequestOf<C>];

/**
 * What the renderer sees as `window.courier` (desktop: the preload; browser mode: the same
 * shape over the WebSocket). Replies are result envelopes: nothing is thrown across.
 */
export interface CourierApi {
  invoke<C extends Channel>(channel: C, ...args: InvokeArgs<C>): Promise<Result<ResponseOf<C>>>;
  /** Subscribes to one event; returns the function that unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
  /**
   * Desktop only: the paths of files (or folders) the coordinator dropped or picked. Reading
   * them also grants them to main, which takes no other paths from the page.
   */
  pathsForFiles?(files: readonly File[]): string[];
  /**
   * Desktop only: the system's folder picker, for one of the settings' folders. The chosen
   * folder is granted to main like a drop; null when the coordinator cancelled.
   */
  pickFolder?(purpose: FolderPurpose): Promise<string | null>;
}

/** The settings folders the desktop folder picker is for (its title and button say which). */
export type FolderPurpose = 'nas' | 'watched' | 'definitions';
export const FOLDER_PURPOSES: readonly FolderPurpose[] = ['nas', 'watched', 'definitions'];

/** The IPC name of the desktop folder picker (answers the picked path, or null). */
export const IPC_PICK_FOLDER = 'courier:pick-folder';

/** The IPC name the preload uses to grant dropped or picked paths to main. */
export const IPC_GRANT = 'courier:grant';

/** Is `name` one of the request channels? */
export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

/** The Electron IPC names the preload and the main process use. */
export const IPC_INVOKE = 'courier:invoke';
export const IPC_EVENT = 'courier:event';

/** WebSocket frames (browser mode). The client numbers its requests. */
export const wireRequestSchema = z.object({
  id: z.number().int().nonnegative(),
  channel: z.string().min(1).max(200),
  args: z.unknown().optional(),
});
export type WireRequest = z.infer<typeof wireRequestSchema>;
/** `id` is null only when the request could not be read at all. */
export type WireReply = { id: number | null } & Result<unknown>;
export interface WireEvent<E extends EventName = EventName> {
  event: E;
  payload: EventMap[E];
}

/** Turns zod issues into one plain sentence: which argument, what is wrong. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join('.') : 'arguments';
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

export type * from './views';
export type * from './report';
