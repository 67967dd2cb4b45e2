// Fake PendingJoinStore with the Redis adapter's semantics, TTL included (against an injectable
// clock). Every operation is synchronous inside, so each is atomic like a Lua script.
import type { ClaimRequest, ClaimResult, JoinRequest, JoinState, PendingEntry, PendingJoinStore, Resolution } from './pending-join-store.ts';

interface Slot<T> { readonly value: T; readonly expiresAt: number }
interface Sides { prediction?: Slot<PendingEntry>; label?: Slot<PendingEntry>; resolution?: Slot<Resolution> }

export class InMemoryPendingJoinStore implements PendingJoinStore {
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #requests = new Map<string, Sides>();
  readonly #streamTimes = new Map<number, number>();
  readonly #waiting = new Map<number, Map<string, number>>();

  /** `ttlMs`: lifetime of pending sides and resolutions; `now`: the clock for expiry (epoch ms). */
  constructor(options: { ttlMs: number; now?: () => number }) {
    this.#ttlMs = options.ttlMs;
    this.#now = options.now ?? Date.now;
  }

  join(requests: readonly JoinRequest[]): Promise<JoinState[]> {
    return Promise.resolve(requests.map((r) => {
      const sides = this.#sides(r.requestId);
      if (sides.resolution !== undefined) return { resolution: sides.resolution.value };
      sides[r.side] ??= this.#slot(r.entry);
      return this.#state(r.requestId);
    }));
  }

  peek(requestIds: readonly string[]): Promise<JoinState[]> {
    return Promise.resolve(requestIds.map((id) => this.#state(id)));
  }

  claim(claims: readonly ClaimRequest[]): Promise<ClaimResult[]> {
    return Promise.resolve(claims.map((c): ClaimResult => {
      const sides = this.#sides(c.requestId);
      if (sides.resolution !== undefined) return { status: 'exists', resolution: sides.resolution.value };
      if (sides.prediction?.value.tag !== c.expectPredictionTag || sides.label?.value.tag !== c.expectLabelTag) return { status: 'stale' };
      const resolution: Resolution = { tag: c.tag, kind: c.kind, payload: c.payload, done: false };
      this.#requests.set(c.requestId, { resolution: this.#slot(resolution) });
      return { status: 'claimed', resolution };
    }));
  }

  complete(items: readonly { readonly requestId: string; readonly tag: string }[]): Promise<boolean[]> {
    return Promise.resolve(items.map(({ requestId, tag }) => {
      const current = this.#sides(requestId).resolution?.value;
      if (current?.tag !== tag) return false;
      this.#requests.set(requestId, { resolution: this.#slot({ ...current, payload: '', done: true }) });
      return true;
    }));
  }

  advanceStreamTime(partition: number, eventTime: number): Promise<number> {
    const next = Math.max(this.#streamTimes.get(partition) ?? eventTime, eventTime);
    this.#streamTimes.set(partition, next);
    return Promise.resolve(next);
  }

  streamTime(partition: number): Promise<number | undefined> {
    return Promise.resolve(this.#streamTimes.get(partition));
  }

  indexWaitingLabels(partition: number, items: readonly { readonly requestId: string; readonly eventTime: number }[]): Promise<void> {
    const index = this.#index(partition);
    for (const { requestId, eventTime } of items) index.set(requestId, eventTime);
    return Promise.resolve();
  }

  dueLabels(partition: number, upTo: number, limit: number): Promise<string[]> {
    const due = [...this.#index(partition)].filter(([, t]) => t <= upTo).sort(([a, ta], [b, tb]) => ta - tb || (a < b ? -1 : 1));
    return Promise.resolve(due.slice(0, limit).map(([id]) => id));
  }

  unindexLabels(partition: number, requestIds: readonly string[]): Promise<void> {
    const index = this.#index(partition);
    for (const id of requestIds) index.delete(id);
    return Promise.resolve();
  }

  countWaitingLabels(partition: number): Promise<number> {
    return Promise.resolve(this.#index(partition).size);
  }

  deleteByRequestId(requestId: string): Promise<number> {
    const sides = this.#sides(requestId);
    const count = [sides.prediction, sides.label, sides.resolution].filter((s) => s !== undefined).length;
    this.#requests.delete(requestId);
    return Promise.resolve(count);
  }

  ping(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  #slot<T>(value: T): Slot<T> {
    return { value, expiresAt: this.#now() + this.#ttlMs };
  }

  /** The live (unexpired) slots of a request id; expired ones are dropped. */
  #sides(requestId: string): Sides {
    const stored = this.#requests.get(requestId) ?? {};
    const now = this.#now();
    const sides: Sides = {};
    if (stored.prediction !== undefined && stored.prediction.expiresAt > now) sides.prediction = stored.prediction;
    if (stored.label !== undefined && stored.label.expiresAt > now) sides.label = stored.label;
    if (stored.resolution !== undefined && stored.resolution.expiresAt > now) sides.resolution = stored.resolution;
    this.#requests.set(requestId, sides);
    return sides;
  }

  #state(requestId: string): JoinState {
    const { prediction, label, resolution } = this.#sides(requestId);
    if (resolution !== undefined) return { resolution: resolution.value };
    return { ...(prediction === undefined ? {} : { prediction: prediction.value }), ...(label === undefined ? {} : { label: label.value }) };
  }

  #index(partition: number): Map<string, number> {
    let index = this.#waiting.get(partition);
    if (index === undefined) { index = new Map(); this.#waiting.set(partition, index); }
    return index;
  }
}
