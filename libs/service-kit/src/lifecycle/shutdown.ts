// Ordered shutdown (style rule 29): closers run in reverse order of registration, once.
export interface Shutdown {
  /** Registers a closer; closers run last-registered first. */
  add(name: string, close: () => Promise<void>): void;
  /** Runs every closer (continuing past failures) and returns the failures. */
  run(): Promise<{ name: string; error: unknown }[]>;
}

export function createShutdown(): Shutdown {
  const closers: { name: string; close: () => Promise<void> }[] = [];
  let running: Promise<{ name: string; error: unknown }[]> | undefined;
  return {
    add(name, close) {
      if (running !== undefined) throw new Error(`shutdown already started: cannot add closer ${name}`);
      closers.push({ name, close });
    },
    run() {
      running ??= (async () => {
        const failures: { name: string; error: unknown }[] = [];
        for (const { name, close } of closers.reverse()) {
          try { await close(); } catch (error) { failures.push({ name, error }); }
        }
        return failures;
      })();
      return running;
    },
  };
}

const SIGNAL_EXIT_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

/** Calls `onSignal` once on the first SIGTERM or SIGINT; a second signal exits at once (128 + signal number). */
export function trapSignals(onSignal: (signal: NodeJS.Signals) => void): void {
  let seen = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (seen) process.exit(SIGNAL_EXIT_CODES[signal] ?? 1);
    seen = true;
    onSignal(signal);
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}
