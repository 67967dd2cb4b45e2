// The joiner's composition root: env, real adapters, HTTP, signal traps, ordered shutdown.
// Run: node --conditions=source --disable-warning=TimeoutNegativeWarning services/joiner/src/main.ts
import { HttpSchemaRegistry, createAvroSerde, createKafkaClients } from '@driftline/kafka';
import { createConsumeMetrics, createRegistry, startHttpServer } from '@driftline/metrics';
import { RedisPendingJoinStore } from '@driftline/redis-state';
import { RedisSubjectKeyStore, createPseudonymizer, createSubjectCrypto } from '@driftline/privacy';
import { createLogger, createShutdown, isConfigError, toKafkaConnection, toRedisOptions, toRegistryOptions, trapSignals } from '@driftline/service-kit';
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
  logger.info({ port: http.port }, 'http listening');

  const signalled = { stopping: false };
  const stop = async (): Promise<number> => {
    const failures = await shutdown.run();
    for (const f of failures) logger.error({ err: f.error, closer: f.name }, 'shutdown step failed');
    return failures.length === 0 ? 0 : 1;
  };
  const stopped = new Promise<number>((resolve) => {
    trapSignals((signal) => {
      signalled.stopping = true;
      logger.info({ signal }, 'stopping');
      void app.stop().then(stop, (error: unknown) => { logger.error({ err: error }, 'stop failed'); return 1; }).then(resolve);
    });
  });
  try {
    await store.ping();
    await app.start();
    await app.done();
  } catch (error) {
    if (!signalled.stopping) {
      logger.fatal({ err: error }, 'the joiner stopped on a fatal error');
      await stop();
      return 1;
    }
  }
  return stopped;
}

main().then(
  (code) => { process.exit(code); },
  (error: unknown) => {
    process.stderr.write(isConfigError(error) ? `${error.message}\n` : `fatal: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  },
);
