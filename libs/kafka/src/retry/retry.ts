// Bounded, jittered exponential backoff for retriable errors (style rule 20).
import { KafkaError, kafkaErrorCodes, isRetriable } from '../errors.ts';

export interface RetryPolicy {
  readonly attempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 8, initialDelayMs: 100, maxDelayMs: 10_000 };

/** Delay before retry `n` (1-based): full jitter over an exponentially growing cap. */
export function toBackoffMs(policy: RetryPolicy, attempt: number, random: () => number): number {
  const cap = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
  return Math.round(cap / 2 + (random() * cap) / 2);
}

/** Runs `fn`; retries retriable failures; rethrows others at once; surfaces exhaustion with counts. */
export async function withRetry<T>(fn: () => Promise<T>, options: { policy: RetryPolicy; what: string; sleep?: (ms: number) => Promise<void>; random?: () => number }): Promise<T> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!isRetriable(error)) throw error;
      if (attempt >= options.policy.attempts) {
        throw new KafkaError({ code: kafkaErrorCodes.DL_KAFKA_RETRIES_EXHAUSTED, message: `${options.what} failed after ${attempt} attempts`, context: { attempts: attempt }, cause: error });
      }
      await sleep(toBackoffMs(options.policy, attempt, random));
    }
  }
}
