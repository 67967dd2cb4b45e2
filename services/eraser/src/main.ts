// The eraser's composition root: env, real adapters, HTTP, signal traps, ordered shutdown.
// Run: node --conditions=source --disable-warning=TimeoutNegativeWarning services/eraser/src/main.ts
import { randomUUID } from 'node:crypto';
import { HttpSchemaRegistry, createAvroSerde, createKafkaClients, createMonitorTable } from '@driftline/kafka';
import { createConsumeMetrics, createRegistry, startHttpServer } from '@driftline/metrics';
import { RedisSubjectKeyStore, createPseudonymizer, createSubjectCrypto } from '@driftline/privacy';
import { RedisPendingJoinStore, RedisSubjectIndexStore } from '@driftline/redis-state';
import { createLogger, createShutdown, exitWith, runService, toKafkaConnection, toRedisOptions, toRegistryOptions } from '@driftline/service-kit';
import { createHttpAggregateCorrector } from './aggregates/http-aggregate-corrector.ts';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { createEraserMetrics } from './metrics.ts';

const SERVICE = 'eraser';
const DAY = 86_400_000;

async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const logger = createLogger({ service: SERVICE, level: config.LOG_LEVEL });
  const shutdown = createShutdown();
  const registry = createRegistry({ service: SERVICE });
  const deadlineMs = config.DRIFTLINE_ERASURE_DEADLINE_DAYS * DAY;
  const onError = (what: string) => (err: Error): void => { logger.warn({ err }, `redis connection error (${what})`); };

  const clients = createKafkaClients(toKafkaConnection(config, 'driftline-eraser'));
  shutdown.add('kafka', () => clients.disconnect());
  const redis = toRedisOptions(config);
  const index = new RedisSubjectIndexStore({ ...redis, keyPrefix: config.ERASER_KEY_PREFIX, ttlMs: config.ERASER_INDEX_TTL, orphanTtlMs: config.ERASER_ORPHAN_TTL, onError: onError('index') });
  shutdown.add('redis (index)', () => index.close());
  const keys = new RedisSubjectKeyStore({ ...redis, keyPrefix: config.DRIFTLINE_SUBJECT_KEY_PREFIX, onError: onError('subject keys') });
  shutdown.add('redis (subject keys)', () => keys.close());
  const pendingJoins = new RedisPendingJoinStore({ ...redis, keyPrefix: config.ERASER_JOINER_KEY_PREFIX, ttlMs: DAY, onError: onError('pending joins') });
  shutdown.add('redis (pending joins)', () => pendingJoins.close());
  const serde = createAvroSerde({ registry: new HttpSchemaRegistry(toRegistryOptions(config)) });
  const pseudonymizer = createPseudonymizer({ pepper: config.DRIFTLINE_PSEUDONYM_PEPPER });
  const consumer = { sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS, heartbeatIntervalMs: config.KAFKA_HEARTBEAT_INTERVAL_MS };
  const app = createApp({
    indexSource: clients.source({ groupId: config.ERASER_GROUP_ID, ...consumer }),
    requestSource: clients.source({ groupId: config.ERASER_REQUESTS_GROUP_ID, ...consumer }),
    denySource: clients.source({ groupId: `${config.ERASER_GROUP_ID}-deny-${randomUUID()}` }),
    readerSource: (groupId) => clients.source({ groupId, maxWaitTimeInMs: 100 }),
    publisher: clients.publisher, admin: clients.admin, serde, index, keys, pseudonymizer,
    crypto: createSubjectCrypto({ pseudonymizer, keys }), pendingJoins,
    monitors: createMonitorTable({ source: clients.source({ groupId: `${config.ERASER_GROUP_ID}-monitors-${randomUUID()}` }), admin: clients.admin, serde, topic: config.topics.monitors }),
    aggregates: config.ERASER_AGGREGATOR_URL === undefined ? undefined : createHttpAggregateCorrector({ url: config.ERASER_AGGREGATOR_URL, ...(config.ERASER_AGGREGATOR_TOKEN === undefined ? {} : { token: config.ERASER_AGGREGATOR_TOKEN }) }),
    metrics: createEraserMetrics(registry, { deadlineMs, now: Date.now }),
    consumeHooks: createConsumeMetrics(registry),
    logger, now: Date.now, newId: randomUUID,
    config: {
      topics: config.topics, indexGroup: config.ERASER_GROUP_ID, requestsGroup: config.ERASER_REQUESTS_GROUP_ID, deadlineMs, defaultMode: config.ERASER_DEFAULT_MODE,
      guardTtlMs: config.ERASER_LATE_RECORD_GUARD, handledTtlMs: config.ERASER_INDEX_TTL, downstreamWaitMs: config.ERASER_DOWNSTREAM_WAIT, exportTtlMs: config.ERASER_EXPORT_TTL,
      serveExports: config.API_TOKEN !== undefined,
    },
  });
  const http = await startHttpServer({ registry, host: config.HTTP_HOST, port: config.HTTP_PORT, isReady: () => app.isReady(), routes: app.routes, ...(config.API_TOKEN === undefined ? {} : { apiToken: config.API_TOKEN }) });
  shutdown.add('http', () => http.close());
  logger.info({ port: http.port }, 'http listening');

  return runService({
    service: SERVICE, app, shutdown, logger,
    beforeStart: async () => { await Promise.all([index.ping(), pendingJoins.ping()]); },
  });
}

exitWith(main());
