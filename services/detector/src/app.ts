// createApp: wires the monitor table, the streaming detectors (consume loop over predictions and
// outcomes), the event emitter and the window evaluation loop. No env, no globals.
import { createConsumeLoop } from '@driftline/kafka';
import type { ConsumeLoop } from '@driftline/kafka';
import type { Outcome, PredictionLog } from '@driftline/schemas';
import { toDetectorModel } from './core/detector-model.ts';
import type { DetectorModel } from './core/detector-model.ts';
import { OVERALL } from './core/partition-streams.ts';
import type { EventDraft } from './core/detection-event.ts';
import { createEventEmitter } from './emit/event-emitter.ts';
import { createWindowEvaluator } from './evaluate/window-evaluator.ts';
import type { WindowGroup } from './evaluate/window-evaluator.ts';
import type { DetectorDeps } from './ports.ts';
import { createStreamHandler } from './streaming/stream-handler.ts';

export interface DetectorSettings {
  readonly predictionsTopic: string;
  readonly outcomesTopic: string;
  readonly driftEventsTopic: string;
  readonly deadLetterTopic: string;
  readonly groupId: string;
  readonly redisPrefix: string;
  readonly chunkSize: number;
  readonly holdMs: number;
  readonly minEffect: number;
  readonly checkpointIntervalMs: number;
  readonly evaluateIntervalMs: number;
  readonly outcomeGraceMs: number;
  readonly claimTtlMs: number;
}

export interface DetectorApp {
  start(): Promise<void>;
  /** Stops consuming and evaluating, and checkpoints every partition. */
  stop(): Promise<void>;
  done(): Promise<void>;
  isReady(): boolean;
}

export function createApp(deps: DetectorDeps, settings: DetectorSettings, findings: (group: WindowGroup) => readonly EventDraft[]): DetectorApp {
  const models = new Map<string, DetectorModel>();
  const slices = new Map<string, Set<string>>();
  let started = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  let evaluating: Promise<void> | undefined;

  const refresh = (modelId: string): void => {
    const entry = deps.monitors.get(modelId);
    if (entry === undefined) { models.delete(modelId); return; }
    try {
      models.set(modelId, toDetectorModel(entry));
      deps.metrics.modelMonitored(modelId);
    } catch (error) {
      deps.logger.error({ modelId, err: error }, 'monitor spec or profile unusable; keeping the previous one');
    }
  };
  const onSlice = (modelId: string, slice: string): void => {
    let set = slices.get(modelId);
    if (set === undefined) { set = new Set([OVERALL]); slices.set(modelId, set); }
    set.add(slice);
  };

  const emitter = createEventEmitter({
    store: deps.store, publisher: deps.publisher, serde: deps.serde, admin: deps.admin, eventLog: deps.eventLog,
    topic: settings.driftEventsTopic, redisPrefix: settings.redisPrefix, now: deps.now, metrics: deps.metrics, logger: deps.logger,
    cooldownOf: (modelId) => models.get(modelId)?.spec.alerts.cooldown ?? 0,
    slicesOf: (modelId) => slices.get(modelId) ?? [],
    claimTtlMs: settings.claimTtlMs,
    ...(deps.tracing === undefined ? {} : { tracing: deps.tracing }),
  });
  const handler = createStreamHandler({
    store: deps.store, sliceStore: deps.sliceStore, models: (id) => models.get(id), emitter, metrics: deps.metrics, logger: deps.logger,
    predictionsTopic: settings.predictionsTopic, redisPrefix: settings.redisPrefix, holdMs: settings.holdMs, minEffect: settings.minEffect,
    checkpointIntervalMs: settings.checkpointIntervalMs, now: deps.now, onSlice,
  });
  const loop: ConsumeLoop = createConsumeLoop<PredictionLog | Outcome>({
    source: deps.source, publisher: deps.publisher, serde: deps.serde, handler,
    deadLetterTopic: settings.deadLetterTopic, service: settings.groupId, chunkSize: settings.chunkSize,
    ...(deps.consumeMetrics === undefined ? {} : { hooks: deps.consumeMetrics }),
  });
  const aggregator = deps.aggregator;
  const evaluator = aggregator === undefined ? undefined : createWindowEvaluator({
    aggregator, store: deps.store, models: () => models.values(), emitter, metrics: deps.metrics, logger: deps.logger,
    findings: (group) => {
      for (const v of group.views) {
        const slice = (v as { slice?: unknown }).slice;
        if (typeof slice === 'string') onSlice(group.model.modelId, slice);
      }
      return findings(group);
    },
    predictionsTopic: settings.predictionsTopic, outcomesTopic: settings.outcomesTopic, outcomeGraceMs: settings.outcomeGraceMs, redisPrefix: settings.redisPrefix,
  });

  return {
    async start() {
      deps.monitors.onChange((modelId) => { refresh(modelId); });
      await deps.monitors.start();
      for (const entry of deps.monitors.all()) refresh(entry.modelId);
      await loop.start({ topics: [settings.predictionsTopic, settings.outcomesTopic], fromBeginning: true });
      if (evaluator !== undefined) {
        timer = setInterval(() => {
          evaluating ??= evaluator.tick().finally(() => { evaluating = undefined; });
        }, settings.evaluateIntervalMs);
      }
      started = true;
    },
    async stop() {
      started = false;
      if (timer !== undefined) clearInterval(timer);
      await loop.stop();
      await evaluating;
      await handler.checkpointAll();
      await deps.monitors.stop();
    },
    done: () => loop.done(),
    isReady: () => started,
  };
}
