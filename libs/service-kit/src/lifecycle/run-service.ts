// The lifecycle every consuming service's main.ts runs (style rule 29): start the app, wait until it
// stops, on SIGTERM/SIGINT stop it and run the ordered shutdown, on a fatal error log it and shut
// down; the exit code says which. `exitWith` ends the process with it.
import { isConfigError } from '../errors.ts';
import type { Logger } from '../logging/create-logger.ts';
import { trapSignals } from './shutdown.ts';
import type { Shutdown } from './shutdown.ts';

export interface RunnableApp {
  start(): Promise<void>;
  /** Stops fetching and finishes the work in flight. */
  stop(): Promise<void>;
  /** Resolves when the app stops; rejects with the error that stopped it. */
  done(): Promise<void>;
}

export interface RunServiceOptions {
  /** Named in the fatal-error log line. */
  readonly service: string;
  readonly app: RunnableApp;
  readonly shutdown: Shutdown;
  readonly logger: Pick<Logger, 'info' | 'error' | 'fatal'>;
  /** Checks before the app starts (e.g. pinging Redis); a failure is fatal. */
  readonly beforeStart?: () => Promise<void>;
  /** Called once the app has started (e.g. to log "<service> started"). */
  readonly onStarted?: () => void;
}

/** Resolves the exit code: 0 after a clean stop on a signal, 1 after a fatal error or a failed shutdown step. */
export async function runService(options: RunServiceOptions): Promise<number> {
  const { app, logger } = options;
  const signalled = { stopping: false };
  const stop = async (): Promise<number> => {
    const failures = await options.shutdown.run();
    for (const f of failures) logger.error({ err: f.error, closer: f.name }, 'shutdown step failed');
    return failures.length === 0 ? 0 : 1;
  };
  const stopped = new Promise<number>((resolve) => {
    trapSignals((signal) => {
      signalled.stopping = true;
      logger.info({ signal }, 'stopping');
      void app.stop().then(stop, (error: unknown) => { logger.error({ err: error }, 'stop failed'); return 1; }).then(resolve);
    });
  });
  try {
    await options.beforeStart?.();
    await app.start();
    options.onStarted?.();
    await app.done();
  } catch (error) {
    if (!signalled.stopping) {
      logger.fatal({ err: error }, `the ${options.service} stopped on a fatal error`);
      await stop();
      return 1;
    }
  }
  return stopped;
}

/** Exits the process with the code `main` resolves; a rejection prints the config problems or the stack and exits 1. */
export function exitWith(main: Promise<number>): void {
  main.then(
    (code) => { process.exit(code); },
    (error: unknown) => {
      process.stderr.write(isConfigError(error) ? `${error.message}\n` : `fatal: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
