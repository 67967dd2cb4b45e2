import { afterEach, describe, expect, it, vi } from 'vitest';
import { createShutdown, trapSignals } from '@driftline/service-kit';

describe('createShutdown', () => {
  it('runs closers in reverse order of registration', async () => {
    const order: string[] = [];
    const shutdown = createShutdown();
    for (const name of ['kafka', 'redis', 'http']) shutdown.add(name, () => { order.push(name); return Promise.resolve(); });

    const failures = await shutdown.run();

    expect(order).toEqual(['http', 'redis', 'kafka']);
    expect(failures).toEqual([]);
  });

  it('waits for each closer before starting the next', async () => {
    const order: string[] = [];
    const shutdown = createShutdown();
    shutdown.add('first', () => { order.push('first'); return Promise.resolve(); });
    shutdown.add('slow', async () => { await new Promise((r) => setTimeout(r, 10)); order.push('slow done'); });

    await shutdown.run();

    expect(order).toEqual(['slow done', 'first']);
  });

  it('continues past a failing closer and returns the failures by name', async () => {
    const order: string[] = [];
    const boom = new Error('quit failed');
    const shutdown = createShutdown();
    shutdown.add('kafka', () => { order.push('kafka'); return Promise.resolve(); });
    shutdown.add('redis', () => { order.push('redis'); return Promise.reject(boom); });
    shutdown.add('http', () => { order.push('http'); return Promise.resolve(); });

    const failures = await shutdown.run();

    expect(order).toEqual(['http', 'redis', 'kafka']);
    expect(failures).toEqual([{ name: 'redis', error: boom }]);
  });

  it('runs the closers once, however often it is called', async () => {
    const close = vi.fn(() => Promise.resolve());
    const shutdown = createShutdown();
    shutdown.add('kafka', close);

    const [a, b] = await Promise.all([shutdown.run(), shutdown.run()]);
    await shutdown.run();

    expect(close).toHaveBeenCalledTimes(1);
    expect(a).toBe(b);
  });
});

describe('trapSignals', () => {
  const added: { signal: NodeJS.Signals; listener: NodeJS.SignalsListener }[] = [];

  afterEach(() => {
    for (const { signal, listener } of added.splice(0)) process.off(signal, listener);
    vi.restoreAllMocks();
  });

  function trap(onSignal: (signal: NodeJS.Signals) => void): void {
    const before = { SIGTERM: process.listeners('SIGTERM'), SIGINT: process.listeners('SIGINT') };
    trapSignals(onSignal);
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      for (const listener of process.listeners(signal)) if (!before[signal].includes(listener)) added.push({ signal, listener });
    }
  }

  it('calls the handler once with the first signal', () => {
    const onSignal = vi.fn();
    trap(onSignal);

    process.emit('SIGTERM', 'SIGTERM');

    expect(onSignal).toHaveBeenCalledExactlyOnceWith('SIGTERM');
  });

  it('exits at once on a second signal without calling the handler again', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation(() => { throw new Error('process.exit'); }); // exit never returns
    const onSignal = vi.fn();
    trap(onSignal);

    process.emit('SIGINT', 'SIGINT');
    expect(() => process.emit('SIGTERM', 'SIGTERM')).toThrow('process.exit');

    expect(onSignal).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledExactlyOnceWith(143); // 128 + SIGTERM
  });
});
