// The trigger's composition root: env, real adapters, HTTP, signal traps, ordered shutdown.
// Run: node --conditions=source --disable-warning=TimeoutNegativeWarning services/trigger/src/main.ts
import { randomUUID } from 'node:crypto';
import { HttpSchemaRegistry, createAvroSerde, createKafkaClients, createMonitorTable } from '@driftline/kafka';
import { createConsumeMetrics, createRegistry, startHttpServer } from '@driftline/metrics';
import { RedisDocumentStore, RedisStateStore } from '@driftline/redis-state';
import { TopicRole } from '@driftline/schemas';
import { createLogger, createShutdown, exitWith, runService, toKafkaConnection, toRedisOptions, toRegistryOptions } from '@driftline/service-kit';
import { createTracing, toTracingOptions, traceMessageSource } from '@driftline/tracing';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { createWebhookSender } from './emit/webhook-sender.ts';
import { createTriggerMetrics } from './metrics.ts';

const SERVICE = 'trigger';

async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const logger = createLogger({ service: SERVICE, level: config.LOG_LEVEL });
  const shutdown = createShutdown();
  const registry = createRegistry({ service: SERVICE, defaultMetrics: config.DEFAULT_METRICS });
  const topic = (role: TopicRole): string => `${config.DRIFTLINE_TOPIC_PREFIX}${role}`;

  const tracing = createTracing(toTracingOptions(config, 'driftline-trigger'));
  shutdown.add('tracing', () => tracing.shutdown());
  const clients = createKafkaClients(toKafkaConnection(config, 'driftline-trigger'));
  shutdown.add('kafka', () => clients.disconnect());
  const onError = (err: Error): void => { logger.warn({ err }, 'redis connection error'); };
  const documents = new RedisDocumentStore({ ...toRedisOptions(config), onError });
  shutdown.add('redis documents', () => documents.close());
  const counters = new RedisStateStore({ ...toRedisOptions(config), onError });
  shutdown.add('redis counters', () => counters.close());
  const serde = createAvroSerde({ registry: new HttpSchemaRegistry(toRegistryOptions(config)) });
  const monitors = createMonitorTable({
    source: clients.source({ groupId: `${config.TRIGGER_GROUP_ID}-monitors-${randomUUID()}` }), admin: clients.admin, serde, topic: topic(TopicRole.MONITORS),
    onInvalid: (info) => { logger.warn({ modelId: info.modelId, offset: info.offset, problems: info.problems }, 'invalid monitor spec skipped'); },
  });
  const webhook = config.channels.includes('webhook') && config.TRIGGER_WEBHOOK_URL !== undefined
    ? createWebhookSender({
      url: config.TRIGGER_WEBHOOK_URL, timeoutMs: config.TRIGGER_WEBHOOK_TIMEOUT,
      retry: { attempts: config.TRIGGER_WEBHOOK_ATTEMPTS, initialDelayMs: config.TRIGGER_WEBHOOK_BACKOFF, maxDelayMs: config.TRIGGER_WEBHOOK_MAX_BACKOFF },
      ...(config.TRIGGER_WEBHOOK_TOKEN === undefined ? {} : { token: config.TRIGGER_WEBHOOK_TOKEN }),
    })
    : undefined;
  const app = createApp({
    source: traceMessageSource(clients.source({ groupId: config.TRIGGER_GROUP_ID, sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS, heartbeatIntervalMs: config.KAFKA_HEARTBEAT_INTERVAL_MS }), { tracing, group: config.TRIGGER_GROUP_ID }),
    scanSource: (groupId) => clients.source({ groupId }),
    publisher: clients.publisher, admin: clients.admin, serde, documents, counters, monitors,
    metrics: createTriggerMetrics(registry), consumeHooks: createConsumeMetrics(registry), logger, now: Date.now, tracing,
    ...(webhook === undefined ? {} : { webhook }),
  }, {
    topics: { driftEvents: topic(TopicRole.DRIFT_EVENTS), outcomes: topic(TopicRole.OUTCOMES), retrainRequests: topic(TopicRole.RETRAIN_REQUESTS), deadLetters: topic(TopicRole.DEAD_LETTERS) },
    group: config.TRIGGER_GROUP_ID, redisPrefix: config.DRIFTLINE_REDIS_PREFIX, tickIntervalMs: config.TRIGGER_TICK_INTERVAL,
    openRequestTimeoutMs: config.TRIGGER_OPEN_REQUEST_TIMEOUT, outboxLeaseMs: config.TRIGGER_OUTBOX_LEASE, log: config.channels.includes('log'),
  });
  const http = await startHttpServer({ registry, host: config.HTTP_HOST, port: config.HTTP_PORT, isReady: () => app.isReady(), routes: app.routes, ...(config.API_TOKEN === undefined ? {} : { apiToken: config.API_TOKEN }) });
  shutdown.add('http', () => http.close());

  return runService({
    service: SERVICE, app, shutdown, logger,
    beforeStart: async () => { await Promise.all([documents.ping(), counters.ping()]); },
    onStarted: () => { logger.info({ port: http.port, channels: config.channels }, 'trigger started'); },
  });
}

exitWith(main());
