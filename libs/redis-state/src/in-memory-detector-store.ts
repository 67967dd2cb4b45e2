// Adapter: DetectorStore in memory, for unit tests (the same contract suite runs against Redis).
import { toClaimOutcome } from './detector-store.ts';
import type { ClaimOutcome, DetectorCheckpoint, DetectorStore, EventClaim } from './detector-store.ts';

interface Held { eventId: string; eventTime: number; state: string; mark: string }

export class InMemoryDetectorStore implements DetectorStore {
  readonly #checkpoints = new Map<string, DetectorCheckpoint>();
  readonly #claims = new Map<string, Held>();
  readonly #progress = new Map<string, number>();

  loadCheckpoint(key: string): Promise<DetectorCheckpoint | undefined> {
    return Promise.resolve(this.#checkpoints.get(key));
  }

  saveCheckpoint(key: string, checkpoint: DetectorCheckpoint): Promise<boolean> {
    const held = this.#checkpoints.get(key);
    if (held !== undefined && held.offset > checkpoint.offset) return Promise.resolve(false);
    this.#checkpoints.set(key, checkpoint);
    return Promise.resolve(true);
  }

  claimEvent(claim: EventClaim): Promise<ClaimOutcome> {
    const siblings = (claim.siblings ?? []).flatMap((s) => { const h = this.#claims.get(s); return h === undefined ? [] : [h]; });
    const outcome = toClaimOutcome(claim, this.#claims.get(claim.scope), siblings);
    if (outcome.status === 'claimed') this.#claims.set(claim.scope, { eventId: claim.eventId, eventTime: claim.eventTime, state: 'pending', mark: claim.mark });
    return Promise.resolve(outcome);
  }

  confirmEvent(scope: string, eventId: string): Promise<boolean> {
    const held = this.#claims.get(scope);
    if (held?.eventId !== eventId) return Promise.resolve(false);
    held.state = 'done';
    return Promise.resolve(true);
  }

  getProgress(key: string, field: string): Promise<number | undefined> {
    return Promise.resolve(this.#progress.get(`${key}\u0000${field}`));
  }

  advanceProgress(key: string, field: string, value: number): Promise<number> {
    const id = `${key}\u0000${field}`;
    const next = Math.max(this.#progress.get(id) ?? -Infinity, value);
    this.#progress.set(id, next);
    return Promise.resolve(next);
  }


  ping(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
