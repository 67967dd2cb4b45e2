import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { defaultRetryPolicy, isKafkaError, KafkaError, kafkaErrorCodes, toBackoffMs, withRetry } from '@driftline/kafka';
import type { RetryPolicy } from '@driftline/kafka';

const policy: RetryPolicy = { attempts: 4, initialDelayMs: 100, maxDelayMs: 1000 };
const retriable = (): KafkaError => new KafkaError({ code: kafkaErrorCodes.DL_KAFKA_REGISTRY_UNAVAILABLE, message: 'down', retriable: true });

/** A function that fails `failures` times with `error()`, then returns 'ok'. */
function failing(failures: number, error: () => Error): { fn: () => Promise<string>; calls: () => number } {
  let calls = 0;
  return {
    fn: () => {
      calls++;
      return calls <= failures ? Promise.reject(error()) : Promise.resolve('ok');
    },
    calls: () => calls,
  };
}

function recordingSleep(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return { delays, sleep: (ms) => { delays.push(ms); return Promise.resolve(); } };
}

describe('toBackoffMs', () => {
  it('grows the cap exponentially from the initial delay', () => {
    const atTop = (): number => 0.999999;

    expect([1, 2, 3, 4].map((n) => toBackoffMs(policy, n, atTop))).toEqual([100, 200, 400, 800]);
  });

  it('never waits longer than the maximum delay', () => {
    expect(toBackoffMs(policy, 30, () => 0.999999)).toBe(1000);
  });

  it('waits half the cap when the jitter is 0', () => {
    expect(toBackoffMs(policy, 3, () => 0)).toBe(200);
  });

  test.prop([
    fc.integer({ min: 1, max: 10_000 }),
    fc.integer({ min: 1, max: 120_000 }),
    fc.integer({ min: 1, max: 64 }),
    fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  ])('stays within [cap/2, cap] for any attempt and jitter', (initialDelayMs, maxDelayMs, attempt, jitter) => {
    const p: RetryPolicy = { attempts: 10, initialDelayMs, maxDelayMs };
    const cap = Math.min(maxDelayMs, initialDelayMs * 2 ** (attempt - 1));

    const delay = toBackoffMs(p, attempt, () => jitter);

    expect(delay).toBeGreaterThanOrEqual(cap / 2);
    expect(delay).toBeLessThanOrEqual(cap);
  });
});

describe('withRetry', () => {
  it('returns the result of a first successful call without sleeping', async () => {
    const { sleep, delays } = recordingSleep();

    await expect(withRetry(() => Promise.resolve(42), { policy, what: 'x', sleep })).resolves.toBe(42);
    expect(delays).toEqual([]);
  });

  it('retries a retriable failure and returns the later success', async () => {
    const { sleep, delays } = recordingSleep();
    const op = failing(2, retriable);

    const result = await withRetry(op.fn, { policy, what: 'x', sleep, random: () => 0 });

    expect(result).toBe('ok');
    expect(op.calls()).toBe(3);
    expect(delays).toEqual([50, 100]);
  });

  it('rethrows a non-retriable error at once, untouched', async () => {
    const { sleep, delays } = recordingSleep();
    const original = new KafkaError({ code: kafkaErrorCodes.DL_KAFKA_AVRO_DECODE, message: 'bad bytes' });
    const op = failing(1, () => original);

    await expect(withRetry(op.fn, { policy, what: 'x', sleep })).rejects.toBe(original);
    expect(op.calls()).toBe(1);
    expect(delays).toEqual([]);
  });

  it('treats a plain Error as non-retriable', async () => {
    const op = failing(1, () => new Error('boom'));

    await expect(withRetry(op.fn, { policy, what: 'x', sleep: () => Promise.resolve() })).rejects.toThrow('boom');
    expect(op.calls()).toBe(1);
  });

  it('retries a client error that says it is retriable', async () => {
    const op = failing(1, () => Object.assign(new Error('leader not available'), { retriable: true }));

    await expect(withRetry(op.fn, { policy, what: 'x', sleep: () => Promise.resolve() })).resolves.toBe('ok');
  });

  it('gives up after the policy\'s attempts with DL_KAFKA_RETRIES_EXHAUSTED carrying the count and the cause', async () => {
    const { sleep, delays } = recordingSleep();
    let last: unknown;
    const op = failing(Number.POSITIVE_INFINITY, () => (last = retriable()));

    try {
      await withRetry(op.fn, { policy, what: 'fetching schema 7', sleep, random: () => 0 });
      expect.unreachable('withRetry did not give up');
    } catch (error) {
      expect(isKafkaError(error)).toBe(true);
      const e = error as KafkaError;
      expect({ code: e.code, attempts: e.context.attempts, retriable: e.retriable }).toEqual({ code: kafkaErrorCodes.DL_KAFKA_RETRIES_EXHAUSTED, attempts: 4, retriable: false });
      expect(e.cause).toBe(last);
      expect(e.message).toContain('fetching schema 7');
    }
    expect(op.calls()).toBe(4);
    expect(delays).toEqual([50, 100, 200]);
  });

  it('has a default policy with bounded attempts and delays', () => {
    expect(defaultRetryPolicy.attempts).toBeGreaterThan(1);
    expect(defaultRetryPolicy.initialDelayMs).toBeLessThanOrEqual(defaultRetryPolicy.maxDelayMs);
  });
});
