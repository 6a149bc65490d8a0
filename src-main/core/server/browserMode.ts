/**
 * Browser mode wired to the service: `courier serve` and the end-to-end tests start exactly
 * this. Service events go to every connected window; files dropped in a browser are
 * uploaded into the workspace and queued; exports become one-time download links.
 */
import { startServer, type RunningServer } from './index';
import { serviceHandlers, type ExportTarget } from '../service/handlers';
import { CourierService, type ServiceOptions } from '../service/service';
import { scratchFile } from '../service/workspace';

export interface BrowserModeOptions {
  port?: number;
  rendererDir: string;
  version: string;
  /** A fixed token (tests). */
  token?: string;
  service?: ServiceOptions;
}

export interface BrowserMode {
  server: RunningServer;
  service: CourierService;
  close(): Promise<void>;
}

/** Opens the service, starts the server with its handlers, and forwards its events. */
export async function startBrowserMode(opts: BrowserModeOptions): Promise<BrowserMode> {
  const service = await CourierService.open(opts.service ?? {});
  let server: RunningServer | null = null;
  const target: ExportTarget = (fileName) => {
    const file = scratchFile(service.home, 'exports', fileName);
    return Promise.resolve({
      path: file.path,
      done: (note) => {
        if (!server) throw new Error('The server is not running.');
        return {
          kind: 'download' as const,
          url: server.offerDownload(file.path, fileName, file.remove),
          fileName,
          note,
        };
      },
    });
  };
  try {
    server = await startServer({
      port: opts.port ?? 0,
      rendererDir: opts.rendererDir,
      version: opts.version,
      token: opts.token,
      handlers: serviceHandlers(service, target),
      uploads: {
        target: (name) => scratchFile(service.home, 'uploads', name),
        accept: (file) => service.addUpload(file.path, file.name, file.bytes, file.remove),
      },
    });
  } catch (e) {
    await service.close();
    throw e;
  }
  const running = server;
  const off = service.on((event, payload) => running.emit(event, payload));
  await service.start();
  return {
    server: running,
    service,
    async close() {
      off();
      await service.close();
      await running.close();
    },
  };
}
