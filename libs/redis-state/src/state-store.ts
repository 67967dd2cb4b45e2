// The StateStore port: derived state with an offset watermark applied atomically (design.md §6).
export const HashOpKind = {
  ADD: 'add',
  MAX: 'max',
  MIN: 'min',
} as const;
export type HashOpKind = (typeof HashOpKind)[keyof typeof HashOpKind];

export interface HashIncrement {
  readonly key: string;
  readonly field: string;
  readonly by: number;
  /** add (default) sums; max / min keep the larger / smaller value. All three commute. */
  readonly op?: HashOpKind;
}

/**
 * Element-wise add into a packed vector field: `values[i]` is added at position `offset + i`. The
 * stored vector grows to cover both ranges (missing positions count as 0), so deltas that start at
 * different offsets (e.g. quantile-sketch buckets) merge; like sums, they commute.
 */
export interface VectorIncrement {
  readonly key: string;
  readonly field: string;
  /** Integer position of `values[0]` (may be negative). */
  readonly offset: number;
  readonly values: ArrayLike<number>;
}

/** A stored packed vector: `values[i]` is the value at position `offset + i`. */
export interface PackedVector {
  readonly offset: number;
  readonly values: Float64Array;
}

/** Every field of a hash: numbers, and packed vectors (written by {@link VectorIncrement}). */
export interface HashFields {
  readonly numbers: Record<string, number>;
  readonly vectors: Record<string, PackedVector>;
}

export interface WatermarkedUpdate {
  /** Hash that holds watermarks, one field per input topic-partition. */
  readonly watermarkKey: string;
  /** e.g. `predictions:3`. */
  readonly watermarkField: string;
  /** Offset of the last record folded into `increments`. */
  readonly offset: number;
  readonly increments: readonly HashIncrement[];
  /** Packed-vector adds applied with the increments (a field is either a number or a vector). */
  readonly vectors?: readonly VectorIncrement[];
  /** More fields set in the watermark hash with the offset (e.g. the partition's event-time watermark). */
  readonly watermarkExtras?: Readonly<Record<string, number>>;
  /** Members added to sorted sets (e.g. a window index scored by window start). */
  readonly index?: readonly { readonly key: string; readonly member: string; readonly score: number }[];
  /** Expire touched keys after this many seconds (0 = never). */
  readonly ttlSeconds?: number;
  /** Absolute expiry (epoch seconds) per key; overrides ttlSeconds for those keys. */
  readonly expireAt?: Readonly<Record<string, number>>;
  /**
   * The first offset folded into `increments`. When the stored watermark lies in [fromOffset, offset)
   * the update overlaps state already applied (e.g. another consumer took the partition for a
   * while): nothing changes and WatermarkConflictError (retriable) is thrown, so the caller re-reads
   * the watermark and folds again.
   */
  readonly fromOffset?: number;
  /** Applied only while `key` holds `value`; otherwise StateLostError (DL_STATE_LOST) and nothing changes. */
  readonly guard?: { readonly key: string; readonly value: string };
}

export interface StateStore {
  /** Applies the increments and moves the watermark in one atomic step; a no-op (returns false) when the watermark already covers `offset`. */
  applyWithWatermark(update: WatermarkedUpdate): Promise<boolean>;
  /** Sets `key` to `value` unless it exists; returns the value it holds afterwards. */
  ensureValue(key: string, value: string): Promise<string>;
  getWatermark(watermarkKey: string, watermarkField: string): Promise<number | undefined>;
  /** The number fields of a hash (vector fields are left out). */
  getHash(key: string): Promise<Record<string, number>>;
  /** Every field of a hash, vectors included. */
  getHashFields(key: string): Promise<HashFields>;
  /** Members of a sorted set with scores in [min, max], by score. */
  rangeIndex(key: string, min: number, max: number): Promise<string[]>;
  /** Adds `member` to the set unless it already holds `cap` members; true when `member` is (now) in the set. */
  admitMember(setKey: string, member: string, cap: number): Promise<boolean>;
  /** Deletes every key under `prefix`; returns how many. */
  deleteByPrefix(prefix: string): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
