/**
 * The desktop app's log: main-process exceptions, renderer and helper-process crashes and the
 * messages of workers no job holds go into Courier's rotating log (`<data folder>/logs`), the
 * file _Help → Open Log Folder_ shows. Only what went wrong and where in the code: never a
 * cell value or a patient ID (error messages of the core carry neither).
 */
import { app } from 'electron';
import { Log } from '../core/log';
import { setFallbackWorkerSink } from '../core/workers/client';

/** One line for an error: its name and message, and the first frames of its stack. */
export function describeError(e: unknown): string {
  if (!(e instanceof Error)) return `non-error thrown: ${typeof e}`;
  const frames = (e.stack ?? '')
    .split('\n')
    .slice(1, 4)
    .map((l) => l.trim());
  return [`${e.name}: ${e.message}`, ...frames].join(' | ');
}

/**
 * Opens the log and routes the main process's stray errors and crashes into it. Returns the
 * log (the app writes its own lifecycle lines too).
 */
export function installAppLog(home: string): Log {
  const log = new Log(home);
  process.on('uncaughtException', (e) => log.warn(`main: uncaught exception: ${describeError(e)}`));
  process.on('unhandledRejection', (e) =>
    log.warn(`main: unhandled rejection: ${describeError(e)}`),
  );
  app.on('child-process-gone', (_event, details) => {
    if (details.reason !== 'clean-exit')
      log.warn(
        `${details.type} process gone: ${details.reason} (exit code ${details.exitCode})${details.name ? `, ${details.name}` : ''}`,
      );
  });
  setFallbackWorkerSink({
    log: (level, message) => (level === 'warn' ? log.warn(message) : log.info(message)),
    timing: () => {},
  });
  return log;
}
