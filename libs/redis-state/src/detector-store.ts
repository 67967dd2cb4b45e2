// The DetectorStore port: what the detector keeps in Redis so that a restart or a rebalance
// continues where it stopped (docs/detector.md): per input partition a checkpoint of every
// detector's state with the offset it covers, and per alert scope (model, version, slice, feature,
// kind) the last event claimed, which carries both the cooldown and the exactly-once emission.

/** Detector state of one input partition after the record at `offset` (JSON, opaque to the store). */
export interface DetectorCheckpoint {
  readonly offset: number;
  readonly state: string;
}

/** One finding that wants to become an event. */
export interface EventClaim {
  /** Key of the alert scope, e.g. `dl:det:{credit}:cool:3|region=eu|income|DATA_DRIFT`. */
  readonly scope: string;
  /** Deterministic event id: a replay of the same finding claims with the same id. */
  readonly eventId: string;
  /** Event time of the finding, epoch ms (the cooldown is measured in event time). */
  readonly eventTime: number;
  readonly cooldownMs: number;
  /** Scopes whose recent events make this one redundant (e.g. a feature's slices, for its overall scope). */
  readonly siblings?: readonly string[];
  /** Where the event topic ended when the claim was made (decimal offset), to look for the event after a crash. */
  readonly mark: string;
  /** Lifetime of the claim in Redis, ms (wall clock). */
  readonly ttlMs: number;
}

/**
 * `claimed`: publish the event, then confirm it. `done`: this event was published already.
 * `pending`: this event was claimed but maybe not published (a crash): look for it on the topic
 * from `mark`, publish it if absent, then confirm. `suppressed`: another event of the scope (or a
 * sibling scope) lies within the cooldown.
 */
export type ClaimOutcome =
  | { readonly status: 'claimed' }
  | { readonly status: 'done' }
  | { readonly status: 'pending'; readonly mark: string }
  | { readonly status: 'suppressed'; readonly by: string };

export interface DetectorStore {
  loadCheckpoint(key: string): Promise<DetectorCheckpoint | undefined>;
  /** Stores the checkpoint unless the stored one covers a later offset; true when stored. */
  saveCheckpoint(key: string, checkpoint: DetectorCheckpoint): Promise<boolean>;
  claimEvent(claim: EventClaim): Promise<ClaimOutcome>;
  /** Marks the scope's event published; false when the scope holds another event now. */
  confirmEvent(scope: string, eventId: string): Promise<boolean>;
  /** A progress value (e.g. the last evaluated window start); undefined when never set. */
  getProgress(key: string, field: string): Promise<number | undefined>;
  /** Raises a progress value; never lowers it. Returns the value held afterwards. */
  advanceProgress(key: string, field: string, value: number): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The decision of {@link DetectorStore.claimEvent} from what the scope holds; shared by both adapters. */
export function toClaimOutcome(claim: EventClaim, held: { eventId: string; eventTime: number; state: string; mark: string } | undefined, siblings: readonly { eventId: string; eventTime: number }[]): ClaimOutcome {
  if (held?.eventId === claim.eventId) return held.state === 'done' ? { status: 'done' } : { status: 'pending', mark: held.mark };
  for (const other of held === undefined ? siblings : [held, ...siblings]) {
    if (Math.abs(other.eventTime - claim.eventTime) < claim.cooldownMs) return { status: 'suppressed', by: other.eventId };
  }
  return { status: 'claimed' };
}
