// Composition root of the aggregator: env, real adapters, HTTP, signals, ordered shutdown.
import { randomUUID } from 'node:crypto';
import { HttpSchemaRegistry, createAvroSerde, createKafkaClients, createMonitorTable } from '@driftline/kafka';
import { createConsumeMetrics, createRegistry, startHttpServer } from '@driftline/metrics';
import { RedisStateStore } from '@driftline/redis-state';
import { TopicRole } from '@driftline/schemas';
import { createLogger, createShutdown, isConfigError, toKafkaConnection, toRedisOptions, toRegistryOptions, trapSignals } from '@driftline/service-kit';
import { createTracing, toTracingOptions, traceMessageSource } from '@driftline/tracing';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { createAggregatorMetrics } from './metrics.ts';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger({ service: 'aggregator', level: config.LOG_LEVEL });
  const shutdown = createShutdown();
  const registry = createRegistry({ service: 'aggregator', defaultMetrics: config.DEFAULT_METRICS });
  const topic = (role: TopicRole): string => `${config.DRIFTLINE_TOPIC_PREFIX}${role}`;

  // The aggregator produces nothing: its spans are the consume spans, linked to the records' contexts.
  const tracing = createTracing(toTracingOptions(config, 'driftline-aggregator'));
  shutdown.add('tracing', () => tracing.shutdown());
  const clients = createKafkaClients(toKafkaConnection(config, 'driftline-aggregator'));
  shutdown.add('kafka', () => clients.disconnect());
  const store = new RedisStateStore({ ...toRedisOptions(config), onError: (err) => { logger.warn({ err }, 'redis connection error'); } });
  shutdown.add('redis', () => store.close());
  const serde = createAvroSerde({ registry: new HttpSchemaRegistry(toRegistryOptions(config)) });
  const monitors = createMonitorTable({
    source: clients.source({ groupId: `${config.AGGREGATOR_GROUP_ID}-monitors-${randomUUID()}` }), admin: clients.admin, serde, topic: topic(TopicRole.MONITORS),
    onInvalid: (info) => { logger.warn({ modelId: info.modelId, offset: info.offset, problems: info.problems }, 'invalid monitor spec skipped'); },
  });
  const app = createApp({
    source: traceMessageSource(clients.source({
      groupId: config.AGGREGATOR_GROUP_ID, partitionsConsumedConcurrently: config.AGGREGATOR_PARTITIONS_CONCURRENTLY, maxBytesPerPartition: config.AGGREGATOR_FETCH_PARTITION_MIB * 1_048_576, maxBytes: config.AGGREGATOR_FETCH_MIB * 1_048_576,
      sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS, heartbeatIntervalMs: config.KAFKA_HEARTBEAT_INTERVAL_MS,
    }), { tracing, group: config.AGGREGATOR_GROUP_ID }),
    publisher: clients.publisher, serde, store, monitors, metrics: createAggregatorMetrics(registry), consumeMetrics: createConsumeMetrics(registry),
    logger: logger.child({ module: 'app' }), now: Date.now, newEpoch: randomUUID,
  }, {
    predictionsTopic: topic(TopicRole.PREDICTIONS), outcomesTopic: topic(TopicRole.OUTCOMES), deadLetterTopic: topic(TopicRole.DEAD_LETTERS),
    groupId: config.AGGREGATOR_GROUP_ID, redisPrefix: config.DRIFTLINE_REDIS_PREFIX, outcomeGraceMs: config.AGGREGATOR_OUTCOME_GRACE,
    chunkSize: config.AGGREGATOR_CHUNK_SIZE, kAnonymity: config.K_ANONYMITY,
  });
  const http = await startHttpServer({ registry, host: config.HTTP_HOST, port: config.HTTP_PORT, isReady: () => app.isReady(), routes: app.routes, ...(config.API_TOKEN === undefined ? {} : { apiToken: config.API_TOKEN }) });
  shutdown.add('http', () => http.close());

  let exitCode = 0;
  const stop = async (): Promise<void> => {
    const failures = await shutdown.run();
    for (const f of failures) logger.error({ err: f.error, closer: f.name }, 'shutdown step failed');
    process.exit(failures.length > 0 ? 1 : exitCode);
  };
  trapSignals((signal) => { logger.info({ signal }, 'stopping'); void app.stop().then(stop); });
  await app.start();
  logger.info({ port: http.port }, 'aggregator started');
  app.done().catch((error: unknown) => {
    exitCode = 1;
    logger.error({ err: error }, 'consuming stopped on an error; exiting so that a restart resumes from the committed offsets');
    void stop();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(isConfigError(error) ? `${error.message}\n` : `aggregator failed to start: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
