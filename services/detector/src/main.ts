// Composition root of the detector: env, real adapters, HTTP, signals, ordered shutdown.
// Run: node --conditions=source --disable-warning=TimeoutNegativeWarning services/detector/src/main.ts
import { randomUUID } from 'node:crypto';
import { HttpSchemaRegistry, createAvroSerde, createKafkaClients, createMonitorTable } from '@driftline/kafka';
import { createConsumeMetrics, createRegistry, startHttpServer } from '@driftline/metrics';
import { RedisDetectorStore, RedisStateStore } from '@driftline/redis-state';
import { TopicRole } from '@driftline/schemas';
import { createLogger, createShutdown, exitWith, runService, toKafkaConnection, toRedisOptions, toRegistryOptions } from '@driftline/service-kit';
import { createTracing, toTracingOptions, traceMessageSource } from '@driftline/tracing';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { createKafkaEventLog } from './emit/event-log.ts';
import { createAggregatorClient } from './evaluate/aggregator-client.ts';
import { toWindowDrafts } from './evaluate/window-drafts.ts';
import { createDetectorMetrics } from './metrics.ts';

async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const logger = createLogger({ service: 'detector', level: config.LOG_LEVEL });
  const shutdown = createShutdown();
  const registry = createRegistry({ service: 'detector', defaultMetrics: config.DEFAULT_METRICS });
  const topic = (role: TopicRole): string => `${config.DRIFTLINE_TOPIC_PREFIX}${role}`;

  const tracing = createTracing(toTracingOptions(config, 'driftline-detector'));
  shutdown.add('tracing', () => tracing.shutdown());
  const clients = createKafkaClients(toKafkaConnection(config, 'driftline-detector'));
  shutdown.add('kafka', () => clients.disconnect());
  const onError = (err: Error): void => { logger.warn({ err }, 'redis connection error'); };
  const store = new RedisDetectorStore({ ...toRedisOptions(config), onError });
  const sliceStore = new RedisStateStore({ ...toRedisOptions(config), onError });
  shutdown.add('redis', async () => { await store.close(); await sliceStore.close(); });
  const serde = createAvroSerde({ registry: new HttpSchemaRegistry(toRegistryOptions(config)) });
  const monitors = createMonitorTable({
    source: clients.source({ groupId: `${config.DETECTOR_GROUP_ID}-monitors-${randomUUID()}` }), admin: clients.admin, serde, topic: topic(TopicRole.MONITORS),
    onInvalid: (info) => { logger.warn({ modelId: info.modelId, offset: info.offset, problems: info.problems }, 'invalid monitor spec skipped'); },
  });
  const driftEvents = topic(TopicRole.DRIFT_EVENTS);
  const app = createApp({
    source: traceMessageSource(clients.source({ groupId: config.DETECTOR_GROUP_ID, sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS, heartbeatIntervalMs: config.KAFKA_HEARTBEAT_INTERVAL_MS, maxBytesPerPartition: 4 * 1_048_576 }), { tracing, group: config.DETECTOR_GROUP_ID }),
    publisher: clients.publisher, admin: clients.admin, serde, store, sliceStore, monitors,
    eventLog: createKafkaEventLog({ topic: driftEvents, admin: clients.admin, serde, source: (groupId) => clients.source({ groupId }) }),
    ...(config.DETECTOR_AGGREGATOR_URL === undefined ? {} : {
      aggregator: createAggregatorClient({ baseUrl: config.DETECTOR_AGGREGATOR_URL, ...(config.DETECTOR_AGGREGATOR_TOKEN === undefined ? {} : { token: config.DETECTOR_AGGREGATOR_TOKEN }) }),
    }),
    metrics: createDetectorMetrics(registry), consumeMetrics: createConsumeMetrics(registry), logger: logger.child({ module: 'app' }), now: Date.now, tracing,
  }, {
    predictionsTopic: topic(TopicRole.PREDICTIONS), outcomesTopic: topic(TopicRole.OUTCOMES), driftEventsTopic: driftEvents, deadLetterTopic: topic(TopicRole.DEAD_LETTERS),
    groupId: config.DETECTOR_GROUP_ID, redisPrefix: config.DRIFTLINE_REDIS_PREFIX, chunkSize: config.DETECTOR_CHUNK_SIZE, holdMs: config.DETECTOR_ATTRIBUTION_HOLD, minEffect: config.DETECTOR_MIN_EFFECT,
    checkpointIntervalMs: config.DETECTOR_CHECKPOINT_INTERVAL, evaluateIntervalMs: config.DETECTOR_EVALUATE_INTERVAL, outcomeGraceMs: config.DETECTOR_OUTCOME_GRACE,
    claimTtlMs: config.DETECTOR_CLAIM_TTL,
  }, toWindowDrafts);
  const http = await startHttpServer({ registry, host: config.HTTP_HOST, port: config.HTTP_PORT, isReady: () => app.isReady() });
  shutdown.add('http', () => http.close());

  return runService({
    service: 'detector', app, shutdown, logger,
    beforeStart: async () => { await Promise.all([store.ping(), sliceStore.ping()]); },
    onStarted: () => { logger.info({ port: http.port }, 'detector started'); },
  });
}

exitWith(main());
