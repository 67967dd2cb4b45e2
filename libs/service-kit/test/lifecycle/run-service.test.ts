import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger, createShutdown, runService } from '@driftline/service-kit';
import type { RunnableApp } from '@driftline/service-kit';

const logger = createLogger({ service: 'test', level: 'silent' });

/** An app whose `done` settles when the test says so. */
function fakeApp(): RunnableApp & { finish(error?: Error): void; stopped: boolean } {
  let settle: { resolve: () => void; reject: (e: Error) => void } = { resolve: () => undefined, reject: () => undefined };
  const done = new Promise<void>((resolve, reject) => { settle = { resolve, reject }; });
  const app = {
    stopped: false,
    start: () => Promise.resolve(),
    stop: () => { app.stopped = true; settle.resolve(); return Promise.resolve(); },
    done: () => done,
    finish: (error?: Error) => { if (error === undefined) settle.resolve(); else settle.reject(error); },
  };
  return app;
}

describe('runService', () => {
  const before = { SIGTERM: process.listeners('SIGTERM'), SIGINT: process.listeners('SIGINT') };
  afterEach(() => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) for (const l of process.listeners(signal)) if (!before[signal].includes(l)) process.off(signal, l);
  });

  it('stops the app and runs the shutdown on a signal, exiting 0', async () => {
    const app = fakeApp();
    const closed: string[] = [];
    const shutdown = createShutdown();
    shutdown.add('redis', () => { closed.push('redis'); return Promise.resolve(); });
    const onStarted = vi.fn();

    const code = runService({ service: 'test', app, shutdown, logger, onStarted });
    await vi.waitFor(() => { expect(onStarted).toHaveBeenCalledOnce(); });
    process.emit('SIGTERM', 'SIGTERM');

    expect(await code).toBe(0);
    expect(app.stopped).toBe(true);
    expect(closed).toEqual(['redis']);
  });

  it('shuts down and exits 1 when the app stops on an error', async () => {
    const app = fakeApp();
    const shutdown = createShutdown();
    const close = vi.fn(() => Promise.resolve());
    shutdown.add('kafka', close);

    const code = runService({ service: 'test', app, shutdown, logger });
    app.finish(new Error('broker gone'));

    expect(await code).toBe(1);
    expect(close).toHaveBeenCalledOnce();
    expect(app.stopped).toBe(false);
  });

  it('does not start the app when a check before the start fails', async () => {
    const app = fakeApp();
    const start = vi.spyOn(app, 'start');

    const code = await runService({ service: 'test', app, shutdown: createShutdown(), logger, beforeStart: () => Promise.reject(new Error('redis down')) });

    expect(code).toBe(1);
    expect(start).not.toHaveBeenCalled();
  });

  it('exits 1 after a signal when a shutdown step fails', async () => {
    const app = fakeApp();
    const shutdown = createShutdown();
    shutdown.add('http', () => Promise.reject(new Error('close failed')));

    const code = runService({ service: 'test', app, shutdown, logger });
    await vi.waitFor(() => { expect(process.listeners('SIGINT').length).toBeGreaterThan(before.SIGINT.length); });
    process.emit('SIGINT', 'SIGINT');

    expect(await code).toBe(1);
  });
});
