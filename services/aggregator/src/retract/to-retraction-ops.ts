// The deltas that take one record out of the windows (and put its replacement in), pure: the
// record is folded alone as the stream folded it (on time), and every sum of that fold is negated.
// Min and max cannot be subtracted: they are left as they are (the receipt says so).
import type { Outcome, PredictionLog } from '@driftline/schemas';
import { foldChunk } from '../core/fold-chunk.ts';
import type { FoldRecord } from '../core/fold-chunk.ts';
import { OVERALL, toWindowKey } from '../core/keys.ts';
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

export type RetractionOps =
  | { readonly status: 'ops'; readonly increments: FieldDelta[]; readonly vectors: VectorDelta[]; readonly overall: WindowId; readonly windowKeys: readonly { key: string; id: WindowId }[] }
  /** The stream never folded it (no monitor spec, or refused as invalid), so there is nothing to take out. */
  | { readonly status: 'unmonitored' | 'invalid' };

/** Not subtractable from a window (they keep the extremes of erased records). */
export const NOT_SUBTRACTABLE_NOTE = 'min and max of numeric features and of the score (f|<name>|lo, f|<name>|hi) are not subtractable: they keep the extremes of taken-out records until their windows expire';

function fold(record: RetractedValue, options: RetractionOptions): ReturnType<typeof foldChunk<null>> {
  const input: FoldRecord<null> = record.kind === 'prediction' ? { kind: 'prediction', message: null, value: record.value } : { kind: 'outcome', message: null, value: record.value };
  return foldChunk([input], { contexts: options.contexts, sliceAdmitted: options.sliceAdmitted, eventWatermark: Number.NEGATIVE_INFINITY, outcomeGraceMs: options.outcomeGraceMs });
}

export function toRetractionOps(record: RetractedValue, replacement: RetractedValue | undefined, options: RetractionOptions): RetractionOps {
  const result = fold(record, options);
  if (result.unmonitored > 0) return { status: 'unmonitored' };
  if (result.invalid.length > 0) return { status: 'invalid' };
  const increments: FieldDelta[] = [];
  const vectors: VectorDelta[] = [];
  const windowKeys: { key: string; id: WindowId }[] = [];
  let overall: WindowId | undefined;
  for (const w of result.windows.values()) {
    const key = toWindowKey(options.redisPrefix, w.id);
    if (w.id.slice === OVERALL) overall = w.id;
    windowKeys.push({ key, id: w.id });
    const ops = toWindowOps(w, key);
    for (const inc of ops.increments) if ((inc.op ?? 'add') === 'add') increments.push({ ...inc, by: -inc.by });
    for (const v of ops.vectors) vectors.push({ ...v, values: v.values.map((x) => -x) });
  }
  if (replacement !== undefined) {
    const added = fold(replacement, options);
    for (const w of added.windows.values()) {
      const key = toWindowKey(options.redisPrefix, w.id);
      windowKeys.push({ key, id: w.id });
      const ops = toWindowOps(w, key);
      increments.push(...ops.increments);
      vectors.push(...ops.vectors.map((v) => ({ ...v, values: v.values.slice() })));
    }
  }
  if (overall === undefined) return { status: 'invalid' };
  return { status: 'ops', increments, vectors, overall, windowKeys };
}
