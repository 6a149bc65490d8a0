/**
 * A fake `electron` module for the main process, faithful where the desktop app depends on it:
 * lifecycle events fire in the order Electron 39 fires them (app.quit(): `before-quit`, then
 * each window's `close`, then `closed`, `will-quit`, `quit`; any prevented step stops the quit;
 * closing the last window by hand emits `window-all-closed`; app.exit() emits nothing), windows
 * and their webContents are event emitters, and dialogs answer what the test queued.
 *
 * Use: `vi.mock('electron', async () => (await import('./fakeElectron')).electronModule)` and
 * drive it through `control`.
 */
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => void;

/** An event whose default can be prevented, as Electron passes to preventable events. */
export class FakeEvent {
  defaultPrevented = false;
  reasons: string[] = [];
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export const control = {
  /** Every lifecycle event, in order, as "app:before-quit", "window1:close"… */
  events: [] as string[],
  lock: true,
  packaged: false,
  exited: false,
  /** Answers for dialog.showMessageBox, in order (the button index); empty: waits forever. */
  messageBoxAnswers: [] as number[],
  messageBoxes: [] as { message: string; buttons: string[] }[],
  errorBoxes: [] as { title: string; content: string }[],
  openDialogAnswer: { canceled: false, filePaths: [] as string[] },
  openDialogs: [] as Record<string, unknown>[],
  opened: [] as string[],
  external: [] as string[],
  clipboard: '',
  menu: null as unknown,
  schemes: [] as unknown[],
  protocolHandler: null as ((req: Request) => Promise<Response>) | null,
  blockers: new Set<number>(),
  paths: new Map<string, string>(),
  loginItem: { openAtLogin: false, wasOpenedAtLogin: false },
  trays: [] as FakeTray[],
  notifications: [] as { title: string; body: string; click: () => void }[],
  appUserModelId: null as string | null,
  /** Emits Electron's `ready` (after `will-finish-launching`). */
  ready(): void {
    app.emit('will-finish-launching');
    readyState.ready = true;
    readyState.resolve();
    app.emit('ready', new FakeEvent(), {});
  },
  reset(): void {
    this.events.length = 0;
    this.exited = false;
  },
};

const readyState = { ready: false, resolve: () => {}, promise: null as Promise<void> | null };
readyState.promise = new Promise<void>((r) => (readyState.resolve = r));

class FakeApp extends EventEmitter {
  private quitting = false;
  override emit(name: string | symbol, ...args: unknown[]): boolean {
    control.events.push(`app:${String(name)}`);
    return super.emit(name, ...args);
  }
  whenReady(): Promise<void> {
    return readyState.promise!;
  }
  isReady(): boolean {
    return readyState.ready;
  }
  get isPackaged(): boolean {
    return control.packaged;
  }
  requestSingleInstanceLock(): boolean {
    return control.lock;
  }
  /** Electron's order: before-quit, each window's close, closed, will-quit, quit. */
  quit(): void {
    if (control.exited) return;
    const before = new FakeEvent();
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    this.quitting = true;
    for (const w of FakeBrowserWindow.getAllWindows()) {
      if (!w.tryClose()) {
        this.quitting = false;
        return;
      }
    }
    const will = new FakeEvent();
    this.emit('will-quit', will);
    this.quitting = false;
    if (will.defaultPrevented) return;
    this.emit('quit', new FakeEvent(), 0);
    control.exited = true;
  }
  /** Ends at once: no before-quit, no will-quit. */
  exit(): void {
    control.events.push('app:exit()');
    control.exited = true;
  }
  get isQuitting(): boolean {
    return this.quitting;
  }
  getVersion(): string {
    return '0.1.0-test';
  }
  getAppPath(): string {
    return '/app';
  }
  getLocale(): string {
    return 'en-US';
  }
  getPath(name: string): string {
    return control.paths.get(name) ?? `/fake/${name}`;
  }
  setPath(name: string, value: string): void {
    control.paths.set(name, value);
  }
  setAppUserModelId(id: string): void {
    control.appUserModelId = id;
  }
  setAboutPanelOptions(): void {}
  getLoginItemSettings() {
    return { ...control.loginItem };
  }
  setLoginItemSettings(s: { openAtLogin: boolean }): void {
    control.loginItem.openAtLogin = s.openAtLogin;
  }
}

export const app = new FakeApp();

let windowCount = 0;

class FakeWebContents extends EventEmitter {
  sent: unknown[][] = [];
  loads: string[] = [];
  destroyed = false;
  mainFrame = { url: '', parent: null };
  constructor(readonly owner: FakeBrowserWindow) {
    super();
  }
  override emit(name: string | symbol, ...args: unknown[]): boolean {
    control.events.push(`${this.owner.name}.webContents:${String(name)}`);
    return super.emit(name, ...args);
  }
  send(...args: unknown[]): void {
    this.sent.push(args);
  }
  setWindowOpenHandler(): void {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** The page's events of one kind sent from main (`courier:event`). */
  events(name: string): unknown[] {
    return this.sent.filter((s) => s[0] === 'courier:event' && s[1] === name).map((s) => s[2]);
  }
}

export class FakeBrowserWindow extends EventEmitter {
  private static all: FakeBrowserWindow[] = [];
  readonly name = `window${++windowCount}`;
  readonly webContents = new FakeWebContents(this);
  visible = false;
  focused = false;
  destroyed = false;
  title = 'Courier';
  progress: number[] = [];

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.all.push(this);
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.all.filter((w) => !w.destroyed);
  }
  static getFocusedWindow(): FakeBrowserWindow | null {
    return FakeBrowserWindow.getAllWindows().find((w) => w.focused) ?? null;
  }
  static fromWebContents(c: FakeWebContents): FakeBrowserWindow | null {
    return c.owner.destroyed ? null : c.owner;
  }
  override emit(name: string | symbol, ...args: unknown[]): boolean {
    control.events.push(`${this.name}:${String(name)}`);
    return super.emit(name, ...args);
  }
  loadURL(url: string): Promise<void> {
    this.webContents.loads.push(url);
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
    this.focused = false;
  }
  isVisible(): boolean {
    return this.visible;
  }
  focus(): void {
    this.focused = true;
  }
  isFocused(): boolean {
    return this.focused;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  setTitle(t: string): void {
    this.title = t;
  }
  setProgressBar(v: number): void {
    this.progress.push(v);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** `close` (preventable), then `closed`; false when prevented. */
  tryClose(): boolean {
    if (this.destroyed) return true;
    const e = new FakeEvent();
    this.emit('close', e);
    if (e.defaultPrevented) return false;
    this.destroy();
    return true;
  }
  /** The coordinator clicks the window's close button. */
  close(): void {
    if (this.tryClose() && FakeBrowserWindow.getAllWindows().length === 0 && !app.isQuitting)
      app.emit('window-all-closed');
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  /** Windows is logging off or shutting down: query-session-end (preventable), session-end. */
  endSession(reasons: string[]): boolean {
    const q = new FakeEvent();
    q.reasons = reasons;
    this.emit('query-session-end', q);
    const end = new FakeEvent();
    end.reasons = reasons;
    this.emit('session-end', end);
    return q.defaultPrevented;
  }
  once(name: string, listener: Listener): this {
    return super.once(name, listener);
  }
}

export class FakeTray extends EventEmitter {
  tooltip = '';
  menu: unknown = null;
  destroyed = false;
  constructor(readonly image: unknown) {
    super();
    control.trays.push(this);
  }
  setToolTip(t: string): void {
    this.tooltip = t;
  }
  setContextMenu(m: unknown): void {
    this.menu = m;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

const image = { resize: () => image, isEmpty: () => false };

let blockerId = 0;

export const electronModule = {
  app,
  BrowserWindow: FakeBrowserWindow,
  Tray: FakeTray,
  nativeImage: { createFromPath: () => image, createEmpty: () => image },
  Menu: {
    buildFromTemplate: (t: unknown) => t,
    setApplicationMenu: (m: unknown) => (control.menu = m),
  },
  ipcMain: {
    handlers: new Map<string, Listener>(),
    listeners: new Map<string, Listener>(),
    handle(name: string, fn: Listener) {
      this.handlers.set(name, fn);
    },
    on(name: string, fn: Listener) {
      this.listeners.set(name, fn);
    },
  },
  dialog: {
    showMessageBox: (_win: unknown, o: { message: string; buttons: string[] }) => {
      control.messageBoxes.push({ message: o.message, buttons: o.buttons });
      const answer = control.messageBoxAnswers.shift();
      return answer === undefined
        ? new Promise(() => {})
        : Promise.resolve({ response: answer, checkboxChecked: false });
    },
    showErrorBox: (title: string, content: string) => control.errorBoxes.push({ title, content }),
    showOpenDialog: (...args: unknown[]) => {
      control.openDialogs.push(args.at(-1) as Record<string, unknown>);
      return Promise.resolve(control.openDialogAnswer);
    },
    showSaveDialog: () => Promise.resolve({ canceled: true }),
  },
  protocol: {
    registerSchemesAsPrivileged: (s: unknown[]) => control.schemes.push(...s),
    handle: (_scheme: string, fn: (req: Request) => Promise<Response>) =>
      (control.protocolHandler = fn),
  },
  session: { defaultSession: { setPermissionRequestHandler: () => {} } },
  shell: {
    openPath: (p: string) => {
      control.opened.push(p);
      return Promise.resolve('');
    },
    openExternal: (u: string) => {
      control.external.push(u);
      return Promise.resolve();
    },
  },
  clipboard: { writeText: (t: string) => (control.clipboard = t) },
  Notification: class {
    static isSupported = () => true;
    private click = () => {};
    constructor(private readonly o: { title: string; body: string }) {}
    on(name: string, fn: () => void) {
      if (name === 'click') this.click = fn;
    }
    show() {
      control.notifications.push({ ...this.o, click: () => this.click() });
    }
  },
  powerSaveBlocker: {
    start: () => {
      const id = ++blockerId;
      control.blockers.add(id);
      return id;
    },
    stop: (id: number) => control.blockers.delete(id),
    isStarted: (id: number) => control.blockers.has(id),
  },
  powerMonitor: new EventEmitter(),
};

/** electron-store imports the module's default export. */
export default electronModule;
Object.assign(electronModule, { default: electronModule });
