import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appVersion } from '../../core/paths';
import { CourierError } from '../../core/errors';
import { askedLang } from '../lang';

/** The built window (out/renderer), found from the bundle or the sources. */
export function rendererDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'out', 'renderer');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    dir = dirname(dir);
  }
  return join(process.cwd(), 'out', 'renderer');
}

function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('a port number (0-65535)');
  return n;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description(
      'browser mode: serve the Courier window on 127.0.0.1 and print its URL (with its access token)',
    )
    .option('--port <n>', 'port (default: a free one)', parsePort)
    .option('--home <dir>', 'Courier data folder')
    .action(async (o: { port?: number; home?: string }) => {
      const dir = rendererDir();
      if (!existsSync(join(dir, 'index.html')))
        throw new CourierError('usage', 'the window is not built yet. Run `npm run build` first.');
      const { startBrowserMode } = await import('../../core/server/browserMode');
      const mode = await startBrowserMode({
        port: o.port ?? 0,
        rendererDir: dir,
        version: appVersion(),
        // --lang or COURIER_LANG wins until a language is chosen in the window's Settings.
        service: { home: o.home ?? null, lang: askedLang() },
      });
      mode.service.on((event, payload) => {
        // Watched-folder results are worth a line in the terminal: nobody may be looking.
        if (event === 'job.finished') {
          const p = payload as { origin: string; message: string };
          if (p.origin === 'watch')
            process.stderr.write(`${new Date().toISOString()} ${p.message}\n`);
        }
      });
      process.stdout.write(
        `Courier is running in browser mode. Open this link in your browser:\n${mode.server.url}\n`,
      );
      await new Promise<void>((resolveStop) => {
        const stop = (): void => {
          void mode.close().then(() => resolveStop());
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
