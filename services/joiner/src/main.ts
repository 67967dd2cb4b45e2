// The joiner's composition root: env, real adapters, HTTP, signal traps, ordered shutdown.
// Run: node --conditions=source --disable-warning=TimeoutNegativeWarning services/joiner/src/main.ts
import { HttpSchemaRegistry, createAvroSerde, createKafkaClients } from '@driftline/kafka';
import { createConsumeMetrics, createRegistry, startHttpServer } from '@driftline/metrics';
import { RedisPendingJoinStore } from '@driftline/redis-state';
import { RedisSubjectKeyStore, createPseudonymizer, createSubjectCrypto } from '@driftline/privacy';
import { createLogger, createShutdown, exitWith, runService, toKafkaConnection, toRedisOptions, toRegistryOptions } from '@driftline/service-kit';
import { createTracing, toTracingOptions, traceMessageSource } from '@driftline/tracing';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { createJoinerMetrics } from './metrics.ts';

const SERVICE = 'joiner';

async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const logger = createLogger({ service: SERVICE, level: config.LOG_LEVEL });
  const shutdown = createShutdown();
  const registry = createRegistry({ service: SERVICE });

  const tracing = createTracing(toTracingOptions(config, 'driftline-joiner'));
  shutdown.add('tracing', () => tracing.shutdown());
  const clients = createKafkaClients(toKafkaConnection(config, 'driftline-joiner'));
  shutdown.add('kafka', () => clients.disconnect());
  const store = new RedisPendingJoinStore({
    ...toRedisOptions(config), keyPrefix: config.JOINER_KEY_PREFIX, ttlMs: config.PENDING_TTL,
    onError: (err) => { logger.warn({ err }, 'redis connection error'); },
  });
  shutdown.add('redis', () => store.close());
  const keys = new RedisSubjectKeyStore({ ...toRedisOptions(config), keyPrefix: config.DRIFTLINE_SUBJECT_KEY_PREFIX, onError: (err) => { logger.warn({ err }, 'redis connection error (subject keys)'); } });
  shutdown.add('subject keys', () => keys.close());
  const app = createApp({
    source: traceMessageSource(clients.source({ groupId: config.DRIFTLINE_SERVICE_GROUP, sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS, heartbeatIntervalMs: config.KAFKA_HEARTBEAT_INTERVAL_MS }), { tracing, group: config.DRIFTLINE_SERVICE_GROUP }),
    publisher: clients.publisher,
    admin: clients.admin,
    serde: createAvroSerde({ registry: new HttpSchemaRegistry(toRegistryOptions(config)) }),
    store,
    crypto: createSubjectCrypto({ pseudonymizer: createPseudonymizer({ pepper: config.DRIFTLINE_PSEUDONYM_PEPPER }), keys }),
    metrics: createJoinerMetrics(registry),
    consumeHooks: createConsumeMetrics(registry),
    logger,
    tracing,
    now: Date.now,
    config: { topics: config.topics, windowMs: config.JOIN_WINDOW, graceMs: config.JOIN_GRACE, group: config.DRIFTLINE_SERVICE_GROUP },
  });
  const http = await startHttpServer({ registry, host: config.HTTP_HOST, port: config.HTTP_PORT, isReady: () => app.isReady() });
  shutdown.add('http', () => http.close());

  return runService({
    service: SERVICE, app, shutdown, logger,
    beforeStart: () => store.ping(),
    onStarted: () => { logger.info({ port: http.port }, 'joiner started'); },
  });
}

exitWith(main());
