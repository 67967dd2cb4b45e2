// Connection settings for Kafka: brokers, TLS and SASL (PLAIN, SCRAM-SHA-256/512).
import kafkajs from 'kafkajs';
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import { readTlsFiles } from './tls-files.ts';
import type { TlsFiles } from './tls-files.ts';

export const SaslMechanism = {
  PLAIN: 'plain',
  SCRAM_SHA_256: 'scram-sha-256',
  SCRAM_SHA_512: 'scram-sha-512',
} as const;
export type SaslMechanism = (typeof SaslMechanism)[keyof typeof SaslMechanism];

export interface KafkaConnection {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly tls?: TlsFiles & { readonly rejectUnauthorized?: boolean };
  readonly sasl?: { readonly mechanism: SaslMechanism; readonly username: string; readonly password: string };
}

/** Builds the kafkajs client config; reads TLS files from disk. */
export function toKafkajsConfig(connection: KafkaConnection): KafkaConfig {
  const config: KafkaConfig = {
    clientId: connection.clientId,
    brokers: [...connection.brokers],
    connectionTimeout: 10_000,
    retry: { retries: 8, initialRetryTime: 100, maxRetryTime: 10_000 },
    logLevel: kafkajs.logLevel.ERROR,
  };
  const tls = connection.tls;
  if (tls !== undefined) {
    const { ca, ...client } = readTlsFiles(tls);
    config.ssl = { rejectUnauthorized: tls.rejectUnauthorized ?? true, ...(ca === undefined ? {} : { ca: [ca] }), ...client };
  }
  if (connection.sasl !== undefined) {
    const { mechanism, username, password } = connection.sasl;
    config.sasl = { mechanism, username, password } as SASLOptions;
  }
  return config;
}
