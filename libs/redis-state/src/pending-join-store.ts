// The PendingJoinStore port: the waiting side of a two-sided join by request id, with a TTL, and
// a once-only resolution per request id (the joiner's claim). Owned by the joiner's needs; the
// adapters (Redis, in-memory) live next to it in this lib (style rule 24).

/** The two sides of the join. */
export const JoinSide = {
  PREDICTION: 'prediction',
  LABEL: 'label',
} as const;
export type JoinSide = (typeof JoinSide)[keyof typeof JoinSide];

/** One side waiting for the other. `payload` is opaque to the store (the joiner keeps the record bytes there). */
export interface PendingEntry {
  /** Identifies the source record (e.g. `l:3:1200` = labels partition 3 offset 1200); used to recognise replays. */
  readonly tag: string;
  /** Event time of the record, epoch ms. */
  readonly eventTime: number;
  readonly payload: string;
}

/** How a request id was resolved. Claimed once; `done` once its effect was published. */
export interface Resolution {
  /** Tag of whoever claimed it: only that claimer re-publishes it after a crash. */
  readonly tag: string;
  /** What was decided (the joiner uses `outcome` or a reason code). */
  readonly kind: string;
  /** What to publish; emptied once `done` (personal data does not outlive the publication). */
  readonly payload: string;
  readonly done: boolean;
}

/** What the store holds for one request id. After a resolution the pending sides are gone. */
export interface JoinState {
  readonly resolution?: Resolution;
  readonly prediction?: PendingEntry;
  readonly label?: PendingEntry;
}

export interface JoinRequest {
  readonly requestId: string;
  readonly side: JoinSide;
  readonly entry: PendingEntry;
}

export interface ClaimRequest {
  readonly requestId: string;
  readonly tag: string;
  readonly kind: string;
  readonly payload: string;
  /** Tags of the pending sides the decision was made from (undefined = that side was absent). */
  readonly expectPredictionTag: string | undefined;
  readonly expectLabelTag: string | undefined;
}

/**
 * `claimed`: this claim is now the resolution (pending sides deleted). `exists`: the request id was
 * already resolved (the existing resolution is returned). `stale`: a pending side changed since the
 * decision was made; read again and decide again.
 */
export type ClaimResult =
  | { readonly status: 'claimed'; readonly resolution: Resolution }
  | { readonly status: 'exists'; readonly resolution: Resolution }
  | { readonly status: 'stale' };

export interface PendingJoinStore {
  /**
   * For each request, atomically: when the request id is resolved, return the resolution and store
   * nothing; else store the entry on its side unless that side already holds one (first wins), and
   * return both sides. Requests are applied in order.
   */
  join(requests: readonly JoinRequest[]): Promise<JoinState[]>;
  /** The state of each request id, without storing anything. */
  peek(requestIds: readonly string[]): Promise<JoinState[]>;
  /** For each claim, atomically: resolve the request id once (see ClaimResult). Applied in order. */
  claim(claims: readonly ClaimRequest[]): Promise<ClaimResult[]>;
  /** Marks resolutions published: drops their payload, keeps the marker until the TTL. False when `tag` does not hold the resolution. */
  complete(items: readonly { readonly requestId: string; readonly tag: string }[]): Promise<boolean[]>;
  /** Raises the stream time (max event time seen) of an input partition; returns the new value. Never lowers it. */
  advanceStreamTime(partition: number, eventTime: number): Promise<number>;
  /** Stream time of an input partition; undefined when never advanced. */
  streamTime(partition: number): Promise<number | undefined>;
  /** Indexes labels waiting for their prediction, by partition and event time (idempotent). */
  indexWaitingLabels(partition: number, items: readonly { readonly requestId: string; readonly eventTime: number }[]): Promise<void>;
  /** Request ids indexed under `partition` with event time ≤ `upTo`, oldest first, at most `limit`. */
  dueLabels(partition: number, upTo: number, limit: number): Promise<string[]>;
  unindexLabels(partition: number, requestIds: readonly string[]): Promise<void>;
  /** Number of labels indexed under `partition`. */
  countWaitingLabels(partition: number): Promise<number>;
  /** Erasure: deletes both pending sides and the resolution of a request id; returns how many keys went. */
  deleteByRequestId(requestId: string): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
