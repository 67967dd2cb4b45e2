import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkKafkaEnv, checkRedisEnv, checkRegistryEnv, isConfigError, kafkaEnvShape, parseEnv, redisEnvShape, registryEnvShape, toKafkaConnection, toRedisOptions, toRegistryOptions } from '@driftline/service-kit';
import type { EnvRecord } from '@driftline/service-kit';

const kafkaSchema = z.object(kafkaEnvShape);
const registrySchema = z.object(registryEnvShape);
const redisSchema = z.object(redisEnvShape);
const kafka = (env: EnvRecord) => parseEnv(kafkaSchema, env);
const registry = (env: EnvRecord) => parseEnv(registrySchema, env);

function variablesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (isConfigError(error)) return error.problems.map((p) => p.variable);
    throw error;
  }
  return [];
}

describe('kafkaEnvShape', () => {
  it('splits and trims the broker list and drops empty entries', () => {
    expect(kafka({ KAFKA_BROKERS: ' a:9092, b:9092 ,,' }).KAFKA_BROKERS).toEqual(['a:9092', 'b:9092']);
  });

  it('requires KAFKA_BROKERS and accepts only true/false flags and known SASL mechanisms', () => {
    expect(variablesOf(() => kafka({ KAFKA_TLS: 'yes', KAFKA_SASL_MECHANISM: 'gssapi' })).sort()).toEqual(['KAFKA_BROKERS', 'KAFKA_SASL_MECHANISM', 'KAFKA_TLS']);
  });
});

describe('redisEnvShape', () => {
  it.each(['redis://localhost:6379', 'rediss://cache:6380/0'])('accepts %s', (url) => {
    expect(parseEnv(redisSchema, { REDIS_URL: url }).REDIS_URL).toBe(url);
  });

  it('refuses a URL of another scheme, naming REDIS_URL', () => {
    expect(variablesOf(() => parseEnv(redisSchema, { REDIS_URL: 'http://localhost:6379' }))).toEqual(['REDIS_URL']);
  });
});

describe('checkKafkaEnv', () => {
  it('accepts a plain connection', () => {
    expect(checkKafkaEnv(kafka({ KAFKA_BROKERS: 'a:9092' }))).toEqual([]);
  });

  it('accepts complete SASL and mTLS settings', () => {
    const env = kafka({ KAFKA_BROKERS: 'a:9092', KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p', KAFKA_TLS_CERT_FILE: '/c.pem', KAFKA_TLS_KEY_FILE: '/k.pem' });

    expect(checkKafkaEnv(env)).toEqual([]);
  });

  it.each([
    { KAFKA_SASL_MECHANISM: 'plain' },
    { KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' },
    { KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_PASSWORD: 'p' },
  ])('reports partial SASL settings %o', (sasl) => {
    expect(checkKafkaEnv(kafka({ KAFKA_BROKERS: 'a:9092', ...sasl })).map((p) => p.variable)).toEqual(['KAFKA_SASL_MECHANISM']);
  });

  it.each([{ KAFKA_TLS_CERT_FILE: '/c.pem' }, { KAFKA_TLS_KEY_FILE: '/k.pem' }])('reports a client certificate without its pair %o', (tls) => {
    expect(checkKafkaEnv(kafka({ KAFKA_BROKERS: 'a:9092', ...tls })).map((p) => p.variable)).toEqual(['KAFKA_TLS_CERT_FILE']);
  });

  it('reports SASL and TLS problems together through parseEnv', () => {
    const variables = variablesOf(() => parseEnv(kafkaSchema, { KAFKA_BROKERS: 'a:9092', KAFKA_SASL_USERNAME: 'u', KAFKA_TLS_KEY_FILE: '/k.pem' }, [checkKafkaEnv]));

    expect(variables).toEqual(['KAFKA_SASL_MECHANISM', 'KAFKA_TLS_CERT_FILE']);
  });
});

describe('checkRegistryEnv', () => {
  it('refuses a token together with basic auth', () => {
    const env = registry({ SCHEMA_REGISTRY_URL: 'http://r:8081', SCHEMA_REGISTRY_TOKEN: 't', SCHEMA_REGISTRY_USERNAME: 'u', SCHEMA_REGISTRY_PASSWORD: 'p' });

    expect(checkRegistryEnv(env).map((p) => p.variable)).toEqual(['SCHEMA_REGISTRY_TOKEN']);
  });

  it.each([{}, { SCHEMA_REGISTRY_TOKEN: 't' }, { SCHEMA_REGISTRY_USERNAME: 'u', SCHEMA_REGISTRY_PASSWORD: 'p' }])('accepts %o', (auth) => {
    expect(checkRegistryEnv(registry({ SCHEMA_REGISTRY_URL: 'http://r:8081', ...auth }))).toEqual([]);
  });

  it('refuses a registry URL that is not a URL, naming it', () => {
    expect(variablesOf(() => registry({ SCHEMA_REGISTRY_URL: 'not a url' }))).toEqual(['SCHEMA_REGISTRY_URL']);
  });

  it.each(['localhost:8081', 'ftp://registry:8081'])('refuses the registry URL %s, which is not http(s)', (url) => {
    expect(variablesOf(() => registry({ SCHEMA_REGISTRY_URL: url }))).toEqual(['SCHEMA_REGISTRY_URL']);
  });
});

describe('toKafkaConnection', () => {
  it('uses the given client id unless KAFKA_CLIENT_ID is set, with no TLS or SASL by default', () => {
    expect(toKafkaConnection(kafka({ KAFKA_BROKERS: 'a:9092' }), 'aggregator')).toEqual({ brokers: ['a:9092'], clientId: 'aggregator' });
    expect(toKafkaConnection(kafka({ KAFKA_BROKERS: 'a:9092', KAFKA_CLIENT_ID: 'agg-1' }), 'aggregator').clientId).toBe('agg-1');
  });

  it('turns TLS on with KAFKA_TLS=true, verifying the broker by default', () => {
    expect(toKafkaConnection(kafka({ KAFKA_BROKERS: 'a:9093', KAFKA_TLS: 'true' }), 'x').tls).toEqual({ rejectUnauthorized: true });
  });

  it('turns TLS on when a CA file is given, and passes the files and the verify flag', () => {
    const env = kafka({ KAFKA_BROKERS: 'a:9093', KAFKA_TLS_CA_FILE: '/ca.pem', KAFKA_TLS_CERT_FILE: '/c.pem', KAFKA_TLS_KEY_FILE: '/k.pem', KAFKA_TLS_REJECT_UNAUTHORIZED: 'false' });

    expect(toKafkaConnection(env, 'x').tls).toEqual({ caFile: '/ca.pem', certFile: '/c.pem', keyFile: '/k.pem', rejectUnauthorized: false });
  });

  it('leaves TLS off with KAFKA_TLS=false and no files', () => {
    expect(toKafkaConnection(kafka({ KAFKA_BROKERS: 'a:9092', KAFKA_TLS: 'false' }), 'x')).not.toHaveProperty('tls');
  });

  it('passes complete SASL settings', () => {
    const env = kafka({ KAFKA_BROKERS: 'a:9092', KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' });

    expect(toKafkaConnection(env, 'x').sasl).toEqual({ mechanism: 'scram-sha-256', username: 'u', password: 'p' });
  });

  it('sets no SASL from partial settings', () => {
    expect(toKafkaConnection(kafka({ KAFKA_BROKERS: 'a:9092', KAFKA_SASL_USERNAME: 'u' }), 'x')).not.toHaveProperty('sasl');
  });
});

describe('toRegistryOptions', () => {
  it('passes the URL alone without credentials', () => {
    expect(toRegistryOptions(registry({ SCHEMA_REGISTRY_URL: 'http://r:8081' }))).toEqual({ url: 'http://r:8081' });
  });

  it('uses a bearer token', () => {
    expect(toRegistryOptions(registry({ SCHEMA_REGISTRY_URL: 'https://r', SCHEMA_REGISTRY_TOKEN: 't' }))).toEqual({ url: 'https://r', auth: { token: 't' } });
  });

  it('uses basic auth', () => {
    const env = registry({ SCHEMA_REGISTRY_URL: 'https://r', SCHEMA_REGISTRY_USERNAME: 'u', SCHEMA_REGISTRY_PASSWORD: 'p' });

    expect(toRegistryOptions(env)).toEqual({ url: 'https://r', auth: { username: 'u', password: 'p' } });
  });
});

describe('checkRedisEnv and toRedisOptions', () => {
  const redis = (env: EnvRecord) => parseEnv(redisSchema, env, [checkRedisEnv]);

  it('passes URL and AUTH, and no TLS files unless given', () => {
    expect(toRedisOptions(redis({ REDIS_URL: 'rediss://r:6380', REDIS_PASSWORD: 'p' }))).toEqual({ url: 'rediss://r:6380', password: 'p' });
  });

  it('passes the CA and the client certificate and key of a rediss:// URL', () => {
    const options = toRedisOptions(redis({ REDIS_URL: 'rediss://r:6380', REDIS_TLS_CA_FILE: '/ca.pem', REDIS_TLS_CERT_FILE: '/c.pem', REDIS_TLS_KEY_FILE: '/k.pem' }));

    expect(options.tls).toEqual({ caFile: '/ca.pem', certFile: '/c.pem', keyFile: '/k.pem' });
  });

  it('reports TLS files with a redis:// URL and a certificate without its key, together', () => {
    expect(variablesOf(() => redis({ REDIS_URL: 'redis://r:6379', REDIS_TLS_CERT_FILE: '/c.pem' }))).toEqual(['REDIS_URL', 'REDIS_TLS_CERT_FILE']);
  });
});

describe('registry TLS settings', () => {
  const registryChecked = (env: EnvRecord) => parseEnv(registrySchema, env, [checkRegistryEnv]);

  it('passes the CA and the client certificate and key of an https registry, beside its auth', () => {
    const options = toRegistryOptions(registryChecked({ SCHEMA_REGISTRY_URL: 'https://r/apis/ccompat/v7', SCHEMA_REGISTRY_TOKEN: 't', SCHEMA_REGISTRY_CA_FILE: '/ca.pem', SCHEMA_REGISTRY_CERT_FILE: '/c.pem', SCHEMA_REGISTRY_KEY_FILE: '/k.pem' }));

    expect(options).toEqual({ url: 'https://r/apis/ccompat/v7', auth: { token: 't' }, tls: { caFile: '/ca.pem', certFile: '/c.pem', keyFile: '/k.pem' } });
  });

  it('reports TLS files with an http:// URL and a key without its certificate, together', () => {
    expect(variablesOf(() => registryChecked({ SCHEMA_REGISTRY_URL: 'http://r', SCHEMA_REGISTRY_KEY_FILE: '/k.pem' }))).toEqual(['SCHEMA_REGISTRY_URL', 'SCHEMA_REGISTRY_CERT_FILE']);
  });
});
