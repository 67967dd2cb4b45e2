// The README's configuration table documents exactly the schema's variables, with their defaults
// (style rule 23): a default written in the README must load to the schema's own default.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { joinerConfigSchema, loadConfig } from '../src/config.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const rows = [...readme.matchAll(/^\| `([A-Z0-9_]+)` \| ([^|]+) \| ([^|]+) \|/gm)].map((m) => ({ variable: m[1] ?? '', type: (m[2] ?? '').trim(), def: (m[3] ?? '').trim() }));
const required = { KAFKA_BROKERS: 'k:9092', SCHEMA_REGISTRY_URL: 'http://registry:8081', REDIS_URL: 'redis://redis:6379', DRIFTLINE_PSEUDONYM_PEPPER: 'a-test-pepper-of-at-least-32-bytes' };

describe('README configuration table', () => {
  it('lists exactly the variables of the config schema, once each', () => {
    expect(rows.map((r) => r.variable).sort()).toEqual(Object.keys(joinerConfigSchema.shape).sort());
  });

  it.each(rows.filter((r) => r.def.startsWith('`')))('gives $variable the default the schema applies', ({ variable, def }) => {
    const value = def.replace(/^`|`$/g, '');

    expect(loadConfig({ ...required, [variable]: value })).toEqual(loadConfig(required));
  });

  it('marks as required exactly the variables without a default', () => {
    const requiredRows = rows.filter((r) => r.def === 'required').map((r) => r.variable).sort();

    expect(requiredRows).toEqual(Object.keys(joinerConfigSchema.shape).filter((k) => !joinerConfigSchema.shape[k as keyof typeof joinerConfigSchema.shape].safeParse(undefined).success).sort());
  });
});
