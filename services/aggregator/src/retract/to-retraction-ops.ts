// The deltas that take records out of the windows (and put their replacements in), pure: the
// records are folded as the stream folded them (on time), every sum of that fold is negated, and
// the deltas are merged per field. Min and max cannot be subtracted: they are left as they are.
import type { Outcome, PredictionLog } from '@driftline/schemas';
import { foldChunk } from '../core/fold-chunk.ts';
import type { FoldRecord } from '../core/fold-chunk.ts';
import { toWindowKey } from '../core/keys.ts';
import type { WindowId } from '../core/keys.ts';
import type { ModelContext } from '../core/model-context.ts';
import { toWindowOps } from '../core/window-codec.ts';
import type { FieldDelta, VectorDelta } from '../core/window-codec.ts';

export type RetractedValue =
  | { readonly kind: 'prediction'; readonly value: PredictionLog }
  | { readonly kind: 'outcome'; readonly value: Outcome };

export interface RetractionOptions {
  readonly redisPrefix: string;
  readonly contexts: (modelId: string) => ModelContext | undefined;
  readonly sliceAdmitted: (modelId: string, sliceKey: string, value: string) => boolean;
  readonly outcomeGraceMs: number;
}

export interface RetractionOps {
  readonly increments: FieldDelta[];
  readonly vectors: VectorDelta[];
  /** Every window touched (for its expiry). */
  readonly windows: readonly { readonly key: string; readonly id: WindowId }[];
  /** Positions (in `records`) the stream refused as invalid: it never folded them. */
  readonly invalid: ReadonlySet<number>;
}

/** Not subtractable from a window (they keep the extremes of erased records). */
export const NOT_SUBTRACTABLE_NOTE = 'min and max of numeric features and of the score (f|<name>|lo, f|<name>|hi) are not subtractable: they keep the extremes of taken-out records until their windows expire';

function fold(records: readonly RetractedValue[], options: RetractionOptions): ReturnType<typeof foldChunk<number>> {
  const input = records.map((r, i): FoldRecord<number> => (r.kind === 'prediction' ? { kind: 'prediction', message: i, value: r.value } : { kind: 'outcome', message: i, value: r.value }));
  return foldChunk(input, { contexts: options.contexts, sliceAdmitted: options.sliceAdmitted, eventWatermark: Number.NEGATIVE_INFINITY, outcomeGraceMs: options.outcomeGraceMs });
}

/** `records` out, `replacements` in (either may be empty). */
export function toRetractionOps(records: readonly RetractedValue[], replacements: readonly RetractedValue[], options: RetractionOptions): RetractionOps {
  const merged = createDeltaSum();
  const windows = new Map<string, WindowId>();
  const apply = (result: ReturnType<typeof fold>, sign: 1 | -1): void => {
    for (const w of result.windows.values()) {
      const key = toWindowKey(options.redisPrefix, w.id);
      windows.set(key, w.id);
      const ops = toWindowOps(w, key);
      for (const inc of ops.increments) if ((inc.op ?? 'add') === 'add') merged.add(inc.key, inc.field, sign * inc.by);
      for (const v of ops.vectors) merged.addVector(v, sign);
    }
  };
  const out = fold(records, options);
  apply(out, -1);
  if (replacements.length > 0) apply(fold(replacements, options), 1);
  return { ...merged.result(), windows: [...windows].map(([key, id]) => ({ key, id })), invalid: new Set(out.invalid.map((r) => r.message)) };
}

/** Sums number deltas per field and vector deltas element-wise per field (over the union of their ranges). */
function createDeltaSum(): { add(key: string, field: string, by: number): void; addVector(v: VectorDelta, sign: 1 | -1): void; result(): { increments: FieldDelta[]; vectors: VectorDelta[] } } {
  const numbers = new Map<string, { key: string; field: string; by: number }>();
  const vectors = new Map<string, { key: string; field: string; byIndex: Map<number, number> }>();
  return {
    add(key, field, by) {
      const id = `${key}\u0000${field}`;
      const known = numbers.get(id);
      if (known === undefined) numbers.set(id, { key, field, by }); else known.by += by;
    },
    addVector(v, sign) {
      const id = `${v.key}\u0000${v.field}`;
      let known = vectors.get(id);
      if (known === undefined) { known = { key: v.key, field: v.field, byIndex: new Map() }; vectors.set(id, known); }
      v.values.forEach((x, i) => { if (x !== 0) known.byIndex.set(v.offset + i, (known.byIndex.get(v.offset + i) ?? 0) + sign * x); });
    },
    result() {
      const increments = [...numbers.values()].filter((n) => n.by !== 0);
      const packed: VectorDelta[] = [];
      for (const { key, field, byIndex } of vectors.values()) {
        if (byIndex.size === 0) continue;
        const lo = Math.min(...byIndex.keys());
        const hi = Math.max(...byIndex.keys());
        const values = new Float64Array(hi - lo + 1);
        for (const [i, x] of byIndex) values[i - lo] = x;
        packed.push({ key, field, offset: lo, values });
      }
      return { increments, vectors: packed };
    },
  };
}
