// The StateStore port: derived state with an offset watermark applied atomically (design.md §6).
export interface HashIncrement {
  readonly key: string;
  readonly field: string;
  readonly by: number;
}

export interface WatermarkedUpdate {
  /** Hash that holds watermarks, one field per input topic-partition. */
  readonly watermarkKey: string;
  /** e.g. `predictions:3`. */
  readonly watermarkField: string;
  /** Offset of the last record folded into `increments`. */
  readonly offset: number;
  readonly increments: readonly HashIncrement[];
  /** Expire touched keys after this many seconds (0 = never). */
  readonly ttlSeconds?: number;
}

export interface StateStore {
  /** Applies the increments and moves the watermark in one atomic step; a no-op (returns false) when the watermark already covers `offset`. */
  applyWithWatermark(update: WatermarkedUpdate): Promise<boolean>;
  getWatermark(watermarkKey: string, watermarkField: string): Promise<number | undefined>;
  getHash(key: string): Promise<Record<string, number>>;
  /** Deletes every key under `prefix`; returns how many. */
  deleteByPrefix(prefix: string): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
