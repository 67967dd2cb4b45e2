export { ConfigError, isConfigError, serviceKitErrorCodes } from './errors.ts';
export type { ConfigProblem, ServiceKitErrorCode } from './errors.ts';
export { parseEnv } from './config/parse-env.ts';
export type { EnvRecord, ConfigCheck } from './config/parse-env.ts';
export { kafkaEnvShape, registryEnvShape, redisEnvShape, privacyEnvShape, consumerEnvShape, serviceEnvShape, checkKafkaEnv, checkRegistryEnv, checkConsumerEnv, toKafkaConnection, toRegistryOptions, toRedisOptions } from './config/connection-env.ts';
export { createLogger, redactedPaths } from './logging/create-logger.ts';
export type { Logger } from './logging/create-logger.ts';
export { createShutdown, trapSignals } from './lifecycle/shutdown.ts';
export type { Shutdown } from './lifecycle/shutdown.ts';
