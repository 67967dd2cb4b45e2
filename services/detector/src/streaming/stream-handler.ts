// The consume-loop handler of the streaming detectors: per input partition, restore the streams
// from their Redis checkpoint (re-reading the partition from the checkpoint when the committed
// offset is ahead of it), feed every record, publish what fires, and checkpoint every
// DETECTOR_CHECKPOINT_INTERVAL. Replays are deterministic (same state, same records, same order),
// so a finding of a replay has the id of the original and is published once (event-emitter.ts).
import type { HandlerInput, HandlerResult, RecordHandler } from '@driftline/kafka';
import type { DetectorStore, StateStore } from '@driftline/redis-state';
import type { Outcome, PredictionLog } from '@driftline/schemas';
import type { Logger } from '@driftline/service-kit';
import { toDetectionDraft } from '../core/detection-event.ts';
import type { DetectorModel } from '../core/detector-model.ts';
import { toOutcomeObservation, toPredictionObservation, toSliceValues } from '../core/observation.ts';
import { toSliceId } from '../core/slice-id.ts';
import { createPartitionStreams, observeRecord, restorePartitionStreams, toPartitionSnapshot } from '../core/partition-streams.ts';
import type { Detection, ObserveOptions, PartitionSnapshot, PartitionStreams } from '../core/partition-streams.ts';
import type { EmitRequest, EventEmitter } from '../emit/event-emitter.ts';
import { DetectorServiceError, detectorServiceErrorCodes } from '../errors.ts';
import type { DetectorMetrics } from '../metrics.ts';

interface PartitionState {
  streams: PartitionStreams;
  /** Last offset fed to the streams (-1: none). */
  offset: number;
  checkpointedAt: number;
  checkpointedOffset: number;
  /** Loaded from the checkpoint and not fed since. */
  fresh: boolean;
  /** Already re-read from the checkpoint once since loading (never seek twice: the log may start later). */
  rewound: boolean;
  /** Findings not yet published (a failed publish is retried before the next records). */
  unsent: EmitRequest[];
}

export interface StreamHandlerOptions {
  readonly store: DetectorStore;
  /** For slice admission: the same capped sets the aggregator uses (docs/aggregator.md). */
  readonly sliceStore: Pick<StateStore, 'admitMember'>;
  readonly models: (modelId: string) => DetectorModel | undefined;
  readonly emitter: EventEmitter;
  readonly metrics: DetectorMetrics;
  readonly logger: Pick<Logger, 'info' | 'warn'>;
  readonly predictionsTopic: string;
  readonly redisPrefix: string;
  readonly holdMs: number;
  /** Smallest change of a feature or score stream worth an event, in standard deviations. */
  readonly minEffect: number;
  readonly checkpointIntervalMs: number;
  readonly now: () => number;
  /** Called with every slice id seen, so the emitter knows a model's slices. */
  readonly onSlice: (modelId: string, slice: string) => void;
}

export interface StreamHandler extends RecordHandler<PredictionLog | Outcome> {
  /** Writes the checkpoint of every partition with unsaved progress (on stop). */
  checkpointAll(): Promise<void>;
}

export function createStreamHandler(options: StreamHandlerOptions): StreamHandler {
  const partitions = new Map<string, PartitionState>();
  const admitted = new Map<string, boolean>();
  const observeOptions: ObserveOptions = {
    declarations: (id, source) => options.models(id)?.declarations[source] ?? [],
    holdMs: options.holdMs,
    explainMs: (id) => options.models(id)?.spec.alerts.cooldown ?? 0,
    minEffect: options.minEffect,
    minErrorRise: (id) => (options.models(id)?.spec.alerts.performanceDrop ?? 0) / 2,
    minEvidence: (id) => options.models(id)?.spec.alerts.minEvidence ?? 0,
  };
  const checkpointKey = (topic: string, partition: number): string => `${options.redisPrefix}det:cp:${topic}:${partition}`;

  const load = async (topic: string, partition: number): Promise<PartitionState> => {
    const key = `${topic}:${partition}`;
    let state = partitions.get(key);
    if (state !== undefined) return state;
    const checkpoint = await options.store.loadCheckpoint(checkpointKey(topic, partition));
    let streams = createPartitionStreams();
    if (checkpoint !== undefined) {
      try {
        streams = restorePartitionStreams(JSON.parse(checkpoint.state) as PartitionSnapshot);
      } catch (error) {
        throw new DetectorServiceError({ code: detectorServiceErrorCodes.DL_DETECT_CHECKPOINT_INVALID, message: `checkpoint of ${key} cannot be restored: ${error instanceof Error ? error.message : String(error)}`, retriable: false, context: { topic, partition }, cause: error });
      }
    }
    const offset = checkpoint?.offset ?? -1;
    state = { streams, offset, checkpointedAt: options.now(), checkpointedOffset: offset, fresh: true, rewound: false, unsent: [] };
    partitions.set(key, state);
    return state;
  };

  const admit = async (model: DetectorModel, record: PredictionLog | Outcome): Promise<void> => {
    for (const [key, value] of toSliceValues(model, record)) {
      const id = `${model.modelId}\u0000${key}\u0000${value}`;
      if (admitted.has(id)) continue;
      const ok = await options.sliceStore.admitMember(`${options.redisPrefix}agg:{${model.modelId}}:slices:${encodeURIComponent(key)}`, value, model.spec.slices.maxValuesPerKey);
      admitted.set(id, ok);
      options.onSlice(model.modelId, toSliceId(key, ok ? value : '__other__'));
    }
  };

  const checkpoint = async (topic: string, partition: number, state: PartitionState): Promise<void> => {
    if (state.offset <= state.checkpointedOffset) return;
    const started = performance.now();
    await options.store.saveCheckpoint(checkpointKey(topic, partition), { offset: state.offset, state: JSON.stringify(toPartitionSnapshot(state.streams)) });
    options.metrics.checkpointSeconds.observe((performance.now() - started) / 1000);
    state.checkpointedOffset = state.offset;
    state.checkpointedAt = options.now();
  };

  return {
    async handle(input: HandlerInput<PredictionLog | Outcome>): Promise<HandlerResult> {
      const { topic, partition } = input;
      let state = await load(topic, partition);
      if (state.unsent.length > 0) {
        await options.emitter.emit(state.unsent);
        state.unsent = [];
      }
      const first = input.records[0]?.message.offset ?? input.tombstones[0]?.offset;
      if (first !== undefined && Number(first) > state.offset + 1) {
        if (!state.fresh) {
          // Records were processed elsewhere meanwhile (a rebalance): this memory is stale.
          partitions.delete(`${topic}:${partition}`);
          state = await load(topic, partition);
        }
        if (Number(first) > state.offset + 1 && !state.rewound) {
          state.rewound = true;
          options.metrics.rewinds.inc({ topic });
          options.logger.warn({ topic, partition, from: state.offset + 1, committed: first }, 'committed offset is ahead of the detector checkpoint: re-reading the partition from the checkpoint');
          return { invalid: [], seekTo: String(state.offset + 1) };
        }
      }
      state.fresh = false;
      const isPrediction = topic === options.predictionsTopic;
      const detections: { detection: Detection; model: DetectorModel }[] = [];
      let fed = 0;
      for (const { message, value } of input.records) {
        const offset = Number(message.offset);
        if (offset <= state.offset) continue;
        state.offset = offset;
        const model = options.models(value.modelId);
        if (model === undefined) { options.metrics.unmonitored.inc({ topic }); continue; }
        await admit(model, value);
        const ref = {
          offset, admitted: (k: string, v: string) => admitted.get(`${model.modelId}\u0000${k}\u0000${v}`) === true,
          ...(message.headers['traceparent'] === undefined ? {} : { traceparent: message.headers['traceparent'] }),
        };
        const observation = isPrediction ? toPredictionObservation(model, value as PredictionLog, ref) : toOutcomeObservation(model, value as Outcome, ref);
        for (const detection of observeRecord(state.streams, observation, observeOptions)) {
          detections.push({ detection, model });
        }
        fed++;
      }
      const last = input.tombstones.at(-1);
      if (last !== undefined && Number(last.offset) > state.offset) state.offset = Number(last.offset);
      options.metrics.observed.inc({ topic }, fed);
      options.metrics.streams.set([...partitions.values()].reduce((n, p) => n + p.streams.streams.size, 0));
      if (detections.length > 0) {
        for (const { detection } of detections) options.metrics.detections.inc({ source: detection.source });
        state.unsent = detections.map(({ detection, model }) => ({ draft: toDetectionDraft(detection, model), anchor: `${topic}:${partition}:${detection.offset}` }));
        await options.emitter.emit(state.unsent);
        state.unsent = [];
      }
      if (options.now() - state.checkpointedAt >= options.checkpointIntervalMs) await checkpoint(topic, partition, state);
      return { invalid: [] };
    },
    async checkpointAll() {
      for (const [key, state] of partitions) {
        const at = key.lastIndexOf(':');
        await checkpoint(key.slice(0, at), Number(key.slice(at + 1)), state);
      }
    },
  };
}
