// The README's configuration table documents exactly the schema's variables, with their defaults
// (style rule 23): a default written in the README must load to the schema's own default.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eraserConfigSchema, loadConfig } from '../src/config.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const rows = [...readme.matchAll(/^\| `([A-Z0-9_]+)` \| ([^|]+) \| ([^|]+) \|/gm)].map((m) => ({ variable: m[1] ?? '', def: (m[3] ?? '').trim() }));
const required = { KAFKA_BROKERS: 'k:9092', SCHEMA_REGISTRY_URL: 'http://registry:8081', REDIS_URL: 'redis://redis:6379', DRIFTLINE_PSEUDONYM_PEPPER: 'a-test-pepper-of-at-least-32-bytes' };

describe('README configuration table', () => {
  it('lists exactly the variables of the config schema, once each', () => {
    expect(rows.map((r) => r.variable).sort()).toEqual(Object.keys(eraserConfigSchema.shape).sort());
  });

  it.each(rows.filter((r) => r.def.startsWith('`')))('gives $variable the default the schema applies', ({ variable, def }) => {
    expect(loadConfig({ ...required, [variable]: def.replace(/^`|`$/g, '') })).toEqual(loadConfig(required));
  });

  it('marks as required exactly the variables without a default', () => {
    const requiredRows = rows.filter((r) => r.def === 'required').map((r) => r.variable).sort();

    expect(requiredRows).toEqual(Object.keys(eraserConfigSchema.shape).filter((k) => !eraserConfigSchema.shape[k as keyof typeof eraserConfigSchema.shape].safeParse(undefined).success).sort());
  });
});

describe('loadConfig', () => {
  it('derives the topic names from the prefix and reports every problem at once', () => {
    expect(loadConfig({ ...required, DRIFTLINE_TOPIC_PREFIX: 'x.' }).topics).toMatchObject({ predictions: 'x.predictions', requests: 'x.erasure-requests', receipts: 'x.erasure-receipts' });
    expect(() => loadConfig({ KAFKA_BROKERS: 'k:9092', DRIFTLINE_PSEUDONYM_PEPPER: 'short', ERASER_REQUESTS_GROUP_ID: 'driftline-eraser', ERASER_AGGREGATOR_TOKEN: 'a-token-of-sixteen-chars' }))
      .toThrow(/SCHEMA_REGISTRY_URL[\s\S]*REDIS_URL|REDIS_URL[\s\S]*SCHEMA_REGISTRY_URL/);
  });
});
