// createApp: wires the consume loop, the monitor table, the handler and the read routes. No env,
// no globals: main.ts passes real adapters, tests pass fakes.
import { createConsumeLoop } from '@driftline/kafka';
import type { ConsumeLoop } from '@driftline/kafka';
import type { Route } from '@driftline/metrics';
import { isEnvelope } from '@driftline/privacy';
import { toModelContext } from './core/model-context.ts';
import type { ModelContext } from './core/model-context.ts';
import { createDeferredSerde } from './deferred-serde.ts';
import { createAggregatorHandler } from './handler.ts';
import type { AggregatorDeps } from './ports.ts';
import { createReadRoutes } from './read/windows-routes.ts';
import { createRetractionRoutes } from './retract/retraction-routes.ts';
import { skipRewrites } from './retract/skip-rewrites.ts';

export interface AggregatorSettings {
  readonly predictionsTopic: string;
  readonly outcomesTopic: string;
  readonly deadLetterTopic: string;
  readonly groupId: string;
  readonly redisPrefix: string;
  readonly outcomeGraceMs: number;
  readonly chunkSize: number;
  readonly kAnonymity: number;
}

export interface AggregatorApp {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Rejects when consuming stopped on an error (e.g. DL_STATE_LOST). */
  done(): Promise<void>;
  isReady(): boolean;
  readonly routes: Route[];
}

export function createApp(deps: AggregatorDeps, settings: AggregatorSettings): AggregatorApp {
  const contexts = new Map<string, ModelContext>();
  const rebuilding = new Map<string, boolean>(); // topic:partition → still catching up after a rewind
  let started = false;
  const guard: { key: string; value: string } = { key: `${settings.redisPrefix}agg:epoch`, value: deps.newEpoch() };

  const refresh = (modelId: string): void => {
    const entry = deps.monitors.get(modelId);
    if (entry === undefined) { contexts.delete(modelId); return; }
    try {
      contexts.set(modelId, toModelContext({ ...entry, isSealed: isEnvelope }));
    } catch (error) {
      deps.logger.error({ modelId, err: error }, 'monitor spec or profile unusable; keeping the previous one');
    }
  };

  const handler = skipRewrites(createAggregatorHandler({
    store: deps.store, serde: deps.serde, metrics: deps.metrics, contexts: (id) => contexts.get(id), predictionsTopic: settings.predictionsTopic,
    redisPrefix: settings.redisPrefix, outcomeGraceMs: settings.outcomeGraceMs, guard,
    onRewind: (topic, partition, from) => {
      rebuilding.set(`${topic}:${partition}`, true);
      deps.metrics.rebuilding.set(1);
      deps.logger.warn({ topic, partition, from }, 'committed offset is ahead of the Redis watermark: re-reading the partition to rebuild its state');
    },
  }));

  const loop: ConsumeLoop = createConsumeLoop<Buffer>({
    source: deps.source, publisher: deps.publisher, serde: createDeferredSerde(deps.serde), handler,
    deadLetterTopic: settings.deadLetterTopic, service: settings.groupId, chunkSize: settings.chunkSize,
    hooks: {
      onChunk: (info) => {
        deps.consumeMetrics?.onChunk(info);
        const key = `${info.topic}:${info.partition}`;
        if (info.lag === 0 && rebuilding.get(key) === true) {
          rebuilding.set(key, false);
          if (![...rebuilding.values()].some(Boolean)) deps.metrics.rebuilding.set(0);
        }
      },
      onDeadLetter: (info) => { deps.consumeMetrics?.onDeadLetter(info); },
    },
  });

  const unavailable = (): string | undefined => ([...rebuilding.values()].some(Boolean) ? 'state is being rebuilt from the topics after it was lost; try again shortly' : undefined);
  const routes = [
    ...createReadRoutes({ store: deps.store, contexts: () => contexts, redisPrefix: settings.redisPrefix, kAnonymity: settings.kAnonymity, now: deps.now, unavailable }),
    ...createRetractionRoutes({
      store: deps.store, contexts: (id) => contexts.get(id), redisPrefix: settings.redisPrefix, outcomeGraceMs: settings.outcomeGraceMs, guard,
      predictionsTopic: settings.predictionsTopic, outcomesTopic: settings.outcomesTopic, now: deps.now, unavailable,
    }),
  ];

  return {
    async start() {
      guard.value = await deps.store.ensureValue(guard.key, guard.value); // instances share the epoch
      deps.monitors.onChange((modelId) => { refresh(modelId); });
      await deps.monitors.start();
      for (const entry of deps.monitors.all()) refresh(entry.modelId);
      await loop.start({ topics: [settings.predictionsTopic, settings.outcomesTopic], fromBeginning: true });
      started = true;
    },
    async stop() {
      await loop.stop();
      await deps.monitors.stop();
    },
    done: () => loop.done(),
    isReady: () => started && ![...rebuilding.values()].some(Boolean),
    routes,
  };
}
