// Takes records out of the windows (POST /v1/retractions), exactly once per retraction id and
// record: per input topic-partition, the records go in offset order, in chunks, each chunk applied
// with its deltas in one atomic script guarded by a watermark of its own
// (`<prefix>agg:retract:<id>`, field `<topic>:<partition>`), so a repeated call skips what was
// applied and a crash leaves no half chunk. A record is only taken out when the stream certainly
// folded it: its offset is covered by the partition's watermark (else `pending`: ask again), its
// window still exists (else `expired`), and that window has no late records (else `late-unknown`:
// whether this one was late cannot be told, so nothing is subtracted).
import type { StateStore } from '@driftline/redis-state';
import { OVERALL, toPartitionField, toSliceSetKey, toWatermarkKey, toWindowKey, toWindowStart } from '../core/keys.ts';
import type { WindowId } from '../core/keys.ts';
import { toSliceValue } from '../core/fold-chunk.ts';
import type { ModelContext } from '../core/model-context.ts';
import { fromWindowHash } from '../core/window-codec.ts';
import type { RetractionBody, RetractionRecord } from './retraction-body.ts';
import { NOT_SUBTRACTABLE_NOTE, toRetractionOps } from './to-retraction-ops.ts';
import type { RetractedValue } from './to-retraction-ops.ts';

export interface RetractionDeps {
  readonly store: StateStore;
  readonly contexts: (modelId: string) => ModelContext | undefined;
  readonly redisPrefix: string;
  readonly outcomeGraceMs: number;
  readonly predictionsTopic: string;
  readonly outcomesTopic: string;
  readonly guard: { readonly key: string; readonly value: string };
  readonly now: () => number;
}

export interface RetractionSummary {
  readonly applied: number;
  readonly alreadyApplied: number;
  readonly skipped: Record<string, number>;
  readonly notes: string[];
}

const CHUNK = 500;
/** How long the per-id watermarks are kept (a repeated call after that would apply again). */
const MARK_TTL_S = 35 * 86_400;

export async function applyRetraction(deps: RetractionDeps, body: RetractionBody): Promise<RetractionSummary> {
  const markKey = `${deps.redisPrefix}agg:retract:${body.id}`;
  const skipped: Record<string, number> = {};
  const skip = (reason: string): void => { skipped[reason] = (skipped[reason] ?? 0) + 1; };
  let applied = 0;
  let alreadyApplied = 0;
  const admitted = new Map<string, boolean>();
  const windows = new Map<string, { late: number; outcomesLate: number } | undefined>();

  const admit = async (modelId: string, value: RetractedValue['value']): Promise<void> => {
    const ctx = deps.contexts(modelId);
    if (ctx === undefined) return;
    for (const key of ctx.spec.slices.keys) {
      const v = toSliceValue(value, key);
      const id = `${modelId}\u0000${key}\u0000${v ?? ''}`;
      if (v === undefined || admitted.has(id)) continue;
      // Admission is permanent and first come first served: a value the stream admitted is still in the set.
      admitted.set(id, await deps.store.admitMember(toSliceSetKey(deps.redisPrefix, modelId, key), v, ctx.spec.slices.maxValuesPerKey));
    }
  };
  const stateOf = async (id: WindowId): Promise<{ late: number; outcomesLate: number } | undefined> => {
    const key = toWindowKey(deps.redisPrefix, id);
    if (!windows.has(key)) {
      const ctx = deps.contexts(id.modelId);
      const fields = await deps.store.getHashFields(key);
      const empty = Object.keys(fields.numbers).length === 0 && Object.keys(fields.vectors).length === 0;
      const acc = ctx === undefined || empty ? undefined : fromWindowHash(id, fields, ctx);
      windows.set(key, acc === undefined ? undefined : { late: acc.late, outcomesLate: acc.outcomesLate });
    }
    return windows.get(key);
  };
  const toValue = (r: RetractionRecord, which: 'value' | 'replacement'): RetractedValue | undefined => {
    if (r.topic === 'predictions') { const v = r[which]; return v === undefined ? undefined : { kind: 'prediction', value: v }; }
    const v = r[which];
    return v === undefined ? undefined : { kind: 'outcome', value: v };
  };

  const groups = new Map<string, RetractionRecord[]>();
  for (const r of body.records) {
    const field = toPartitionField(r.topic === 'predictions' ? deps.predictionsTopic : deps.outcomesTopic, r.partition);
    groups.set(field, [...(groups.get(field) ?? []), r]);
  }
  for (const [field, records] of groups) {
    records.sort((a, b) => Number(BigInt(a.offset) - BigInt(b.offset)));
    const folded = (await deps.store.getWatermark(toWatermarkKey(deps.redisPrefix), field)) ?? -1;
    const done = (await deps.store.getWatermark(markKey, field)) ?? -1;
    /** Records the stream certainly folded (on time, in a window still there), in offset order. */
    const candidates: { offset: number; value: RetractedValue; replacement: RetractedValue | undefined }[] = [];
    for (const r of records) {
      const offset = Number(r.offset);
      if (offset <= done) { alreadyApplied++; continue; }
      if (offset > folded) { skip('pending'); continue; }
      const value = toValue(r, 'value');
      const replacement = toValue(r, 'replacement');
      const ctx = value === undefined ? undefined : deps.contexts(value.value.modelId);
      if (value === undefined || ctx === undefined) { skip('unmonitored'); continue; }
      const ts = value.kind === 'prediction' ? value.value.timestamp : value.value.predictionTimestamp;
      const state = await stateOf({ modelId: ctx.modelId, version: value.value.modelVersion, slice: OVERALL, sizeMs: ctx.spec.windows.size, start: toWindowStart(ts, ctx.spec.windows.size) });
      if (state === undefined) { skip('expired'); continue; }
      if ((value.kind === 'prediction' ? state.late : state.outcomesLate) > 0) { skip('late-unknown'); continue; }
      await admit(value.value.modelId, value.value);
      if (replacement !== undefined) await admit(replacement.value.modelId, replacement.value);
      candidates.push({ offset, value, replacement });
    }
    const sliceAdmitted = (modelId: string, key: string, v: string): boolean => admitted.get(`${modelId}\u0000${key}\u0000${v}`) ?? false;
    for (let i = 0; i < candidates.length; i += CHUNK) {
      const chunk = candidates.slice(i, i + CHUNK);
      const first = chunk[0];
      const last = chunk.at(-1);
      if (first === undefined || last === undefined) continue;
      const ops = toRetractionOps(chunk.map((c) => c.value), chunk.flatMap((c) => (c.replacement === undefined ? [] : [c.replacement])), {
        redisPrefix: deps.redisPrefix, contexts: deps.contexts, sliceAdmitted, outcomeGraceMs: deps.outcomeGraceMs,
      });
      for (let k = 0; k < ops.invalid.size; k++) skip('invalid');
      const expireAt: Record<string, number> = { [markKey]: deps.now() / 1000 + MARK_TTL_S };
      for (const w of ops.windows) expireAt[w.key] = expiryOf(deps, w.id);
      const wasApplied = await deps.store.applyWithWatermark({
        watermarkKey: markKey, watermarkField: field, fromOffset: first.offset, offset: last.offset, guard: deps.guard, increments: ops.increments, vectors: ops.vectors, expireAt,
      });
      const counted = chunk.length - ops.invalid.size;
      if (wasApplied) applied += counted; else alreadyApplied += counted;
    }
  }
  return { applied, alreadyApplied, skipped, notes: applied + alreadyApplied > 0 ? [NOT_SUBTRACTABLE_NOTE] : [] };
}

/** The expiry the stream gives a window (epoch s), so a window that expired meanwhile is not recreated for long. */
function expiryOf(deps: RetractionDeps, id: WindowId): number {
  const ctx = deps.contexts(id.modelId);
  if (ctx === undefined) return deps.now() / 1000;
  return (id.start + id.sizeMs + Math.max(ctx.spec.windows.grace, deps.outcomeGraceMs) + ctx.spec.windows.retention) / 1000;
}
