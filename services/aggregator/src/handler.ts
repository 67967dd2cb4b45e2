// The consume-loop handler: per chunk, skip what the Redis watermark covers, rewind when the
// committed offset is ahead of it, decode and fold each record (admitting slice values), and flush
// deltas and watermark in one atomic script. Records arrive undecoded (./deferred-serde.ts).
import { isKafkaError, kafkaErrorCodes } from '@driftline/kafka';
import type { AvroSerde, DecodedMessage, HandlerInput, HandlerResult, InboundMessage, InvalidRecord, RecordHandler } from '@driftline/kafka';
import type { Outcome, PredictionLog } from '@driftline/schemas';
import type { StateStore } from '@driftline/redis-state';
import { createFold, finishFold, foldRecord } from './core/fold-chunk.ts';
import type { FoldResult } from './core/fold-chunk.ts';
import { toEventTimeField, toIndexKey, toIndexMember, toPartitionField, toSliceSetKey, toWatermarkKey, toWindowKey } from './core/keys.ts';
import type { ModelContext } from './core/model-context.ts';
import { toWindowOps } from './core/window-codec.ts';
import type { FieldDelta, VectorDelta } from './core/window-codec.ts';
import type { AggregatorMetrics } from './metrics.ts';

interface PartitionState { offset: number; eventTime: number; rewound: boolean }

export interface AggregatorHandlerOptions {
  readonly store: StateStore;
  /** Decodes the records (their writer schemas are cached by the time they reach the handler). */
  readonly serde: AvroSerde;
  readonly metrics: AggregatorMetrics;
  readonly contexts: (modelId: string) => ModelContext | undefined;
  readonly predictionsTopic: string;
  readonly redisPrefix: string;
  readonly outcomeGraceMs: number;
  /** The epoch key/value every flush is guarded by (state-loss detection). */
  readonly guard: { readonly key: string; readonly value: string };
  readonly onRewind: (topic: string, partition: number, from: number) => void;
}

export function createAggregatorHandler(options: AggregatorHandlerOptions): RecordHandler<Buffer> {
  const partitions = new Map<string, PartitionState>();
  /** model → slice key → value → admitted under the cap (admission is permanent). */
  const admitted = new Map<string, Map<string, Map<string, boolean>>>();
  const admittedOf = (modelId: string, key: string): Map<string, boolean> => {
    let byKey = admitted.get(modelId);
    if (byKey === undefined) { byKey = new Map(); admitted.set(modelId, byKey); }
    let byValue = byKey.get(key);
    if (byValue === undefined) { byValue = new Map(); byKey.set(key, byValue); }
    return byValue;
  };
  const wmKey = toWatermarkKey(options.redisPrefix);

  const stateOf = async (topic: string, partition: number): Promise<PartitionState> => {
    const field = toPartitionField(topic, partition);
    let state = partitions.get(field);
    if (state === undefined) {
      const [offset, eventTime] = await Promise.all([options.store.getWatermark(wmKey, field), options.store.getWatermark(wmKey, toEventTimeField(topic, partition))]);
      state = { offset: offset ?? -1, eventTime: eventTime ?? Number.NEGATIVE_INFINITY, rewound: false };
      partitions.set(field, state);
    }
    return state;
  };

  /** Decodes and folds each record; records that do not decode are returned, not folded. */
  const foldPass = (records: readonly DecodedMessage<Buffer>[], kind: 'prediction' | 'outcome', eventWatermark: number, sliceAdmitted: (modelId: string, key: string, value: string) => boolean): { result: FoldResult<InboundMessage>; undecodable: InvalidRecord[] } => {
    const fold = createFold<InboundMessage>({ contexts: options.contexts, eventWatermark, outcomeGraceMs: options.outcomeGraceMs, sliceAdmitted });
    const undecodable: InvalidRecord[] = [];
    for (const { message, value: bytes } of records) {
      let decoded: { value: PredictionLog | Outcome } | undefined;
      try {
        decoded = options.serde.decodeCached<PredictionLog | Outcome>(bytes);
      } catch (error) {
        if (!isKafkaError(error) || error.code === kafkaErrorCodes.DL_KAFKA_RETRIES_EXHAUSTED) throw error;
        undecodable.push({ message, reason: error.code, detail: error.message });
        continue;
      }
      if (decoded === undefined) throw new Error(`writer schema of ${message.topic}[${message.partition}]@${message.offset} is not cached (the deferred serde fetches it first)`);
      foldRecord(fold, kind === 'prediction' ? { kind, message, value: decoded.value as PredictionLog } : { kind, message, value: decoded.value as Outcome });
    }
    return { result: finishFold(fold), undecodable };
  };

  /**
   * Folds a chunk. The fold asks for a slice value's admission once per chunk and window; a value
   * this process has not seen yet is admitted in Redis (first come, first served, in record order)
   * and the chunk is folded again.
   */
  const fold = async (records: readonly DecodedMessage<Buffer>[], kind: 'prediction' | 'outcome', eventWatermark: number): Promise<{ result: FoldResult<InboundMessage>; undecodable: InvalidRecord[] }> => {
    for (;;) {
      const unknown: { modelId: string; key: string; value: string }[] = [];
      const folded = foldPass(records, kind, eventWatermark, (modelId, key, value) => {
        const known = admittedOf(modelId, key).get(value);
        if (known === undefined) unknown.push({ modelId, key, value });
        return known ?? false;
      });
      if (unknown.length === 0) return folded;
      for (const { modelId, key, value } of unknown) {
        const ctx = options.contexts(modelId);
        const known = admittedOf(modelId, key);
        if (ctx === undefined || known.has(value)) continue;
        known.set(value, await options.store.admitMember(toSliceSetKey(options.redisPrefix, modelId, key), value, ctx.spec.slices.maxValuesPerKey));
      }
    }
  };

  return {
    async handle(input: HandlerInput<Buffer>): Promise<HandlerResult> {
      const { topic, partition } = input;
      const state = await stateOf(topic, partition);
      let first = Number.POSITIVE_INFINITY;
      let last = Number.NEGATIVE_INFINITY;
      const span = (offset: string): void => { const n = Number(offset); if (n < first) first = n; if (n > last) last = n; };
      for (const r of input.records) span(r.message.offset);
      for (const t of input.tombstones) span(t.offset);
      if (last < first) return { invalid: [] };
      if (first > state.offset + 1 && !state.rewound) {
        // The committed offset is ahead of the state (Redis lost data, or first start on a used group).
        state.rewound = true;
        options.metrics.rewinds.inc({ topic });
        options.onRewind(topic, partition, state.offset + 1);
        return { invalid: [], seekTo: String(state.offset + 1) };
      }
      state.rewound = true; // one rewind per partition and process: past that, a gap is data deleted by retention
      if (last <= state.offset) {
        options.metrics.replayed.inc({ topic }, input.records.length);
        return { invalid: [] };
      }
      const kind = topic === options.predictionsTopic ? 'prediction' : 'outcome';
      const fresh = first > state.offset ? input.records : input.records.filter((r) => Number(r.message.offset) > state.offset);
      options.metrics.replayed.inc({ topic }, input.records.length - fresh.length);
      const { result, undecodable } = await fold(fresh, kind, state.eventTime);

      const increments: FieldDelta[] = [];
      const vectors: VectorDelta[] = [];
      const index: { key: string; member: string; score: number }[] = [];
      const expireAt: Record<string, number> = {};
      for (const w of result.windows.values()) {
        const ctx = options.contexts(w.id.modelId);
        if (ctx === undefined) continue;
        const key = toWindowKey(options.redisPrefix, w.id);
        const ops = toWindowOps(w, key);
        increments.push(...ops.increments);
        vectors.push(...ops.vectors);
        index.push({ key: toIndexKey(options.redisPrefix, w.id.modelId), member: toIndexMember(w.id), score: w.id.start });
        const grace = Math.max(ctx.spec.windows.grace, options.outcomeGraceMs);
        expireAt[key] = (w.id.start + w.id.sizeMs + grace + ctx.spec.windows.retention) / 1000;
      }
      const stop = options.metrics.flushSeconds.startTimer();
      try {
        await options.store.applyWithWatermark({
          watermarkKey: wmKey, watermarkField: toPartitionField(topic, partition), offset: last, fromOffset: Math.max(first, state.offset + 1), increments, vectors, index, expireAt, guard: options.guard,
          ...(Number.isFinite(result.eventWatermark) ? { watermarkExtras: { [toEventTimeField(topic, partition)]: result.eventWatermark } } : {}),
        });
      } catch (error) {
        partitions.delete(toPartitionField(topic, partition)); // re-read the watermark on the retry
        throw error;
      }
      stop();
      state.offset = last;
      state.eventTime = result.eventWatermark;
      options.metrics.folded.inc({ topic }, fresh.length - undecodable.length - result.invalid.length - result.unmonitored - result.late);
      options.metrics.late.inc({ topic }, result.late);
      options.metrics.unmonitored.inc({ topic }, result.unmonitored);
      options.metrics.sliceOverflow.inc(result.sliceOverflow);
      return { invalid: [...undecodable, ...result.invalid.map((r) => ({ message: r.message, reason: r.reason, detail: r.detail }))] };
    },
  };
}
