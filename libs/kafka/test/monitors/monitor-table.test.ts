import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { parse } from 'yaml';
import { InMemoryBroker, InMemorySchemaRegistry, createAvroSerde, createMonitorTable } from '@driftline/kafka';
import type { MonitorEntry } from '@driftline/kafka';
import { monitorSpecSchema } from '@driftline/schemas';
import type { MonitorSpec } from '@driftline/schemas';

const credit = parse(readFileSync(join(import.meta.dirname, '../../../../docs/examples/credit-monitor.yaml'), 'utf8')) as Record<string, unknown>;

function setup(): Promise<{ publish: (key: string, spec: Record<string, unknown> | null, profileJson?: string) => Promise<void>; table: ReturnType<typeof createMonitorTable>; invalid: string[] }> {
  const broker = new InMemoryBroker();
  broker.createTopic('monitors', 1);
  const serde = createAvroSerde({ registry: new InMemorySchemaRegistry() });
  const invalid: string[] = [];
  const table = createMonitorTable({ source: broker.source('table'), admin: broker.admin(), serde, topic: 'monitors', onInvalid: (i) => invalid.push(`${i.modelId}@${i.offset}: ${i.problems.map((p) => p.path).join(',')}`) });
  onTestFinished(() => table.stop());
  const publish = async (key: string, spec: Record<string, unknown> | null, profileJson?: string): Promise<void> => {
    const record: MonitorSpec | null = spec === null ? null : { modelId: key, specVersion: 1, specJson: JSON.stringify(spec), profileId: profileJson === undefined ? null : 'p1', profileJson: profileJson ?? null, publishedAt: 1 };
    const value = record === null ? null : await serde.encode('monitors-value', monitorSpecSchema, record);
    await broker.publisher().publish([{ topic: 'monitors', key, value }]);
  };
  return Promise.resolve({ publish, table, invalid });
}

describe('createMonitorTable', () => {
  it('holds everything published before start once start resolves', async () => {
    // Arrange
    const { publish, table } = await setup();
    await publish('credit', credit, '{"version":1}');
    await publish('churn', { ...credit, modelId: 'churn' });

    // Act
    await table.start();

    // Assert
    expect(table.all().map((e) => e.modelId).sort()).toEqual(['churn', 'credit']);
    expect(table.get('credit')?.spec.windows.size).toBe(300_000);
    expect(table.get('credit')?.profileJson).toBe('{"version":1}');
  });

  it('picks up a changed spec and a deletion without a restart', async () => {
    // Arrange
    const { publish, table } = await setup();
    await table.start();
    const changes: [string, MonitorEntry | undefined][] = [];
    table.onChange((id, entry) => changes.push([id, entry]));

    // Act
    await publish('credit', credit);
    await publish('credit', { ...credit, windows: { size: '10m' }, alerts: { cooldown: '1h' } });
    await publish('credit', null);
    await waitFor(() => changes.length >= 3);

    // Assert
    expect(changes.map(([id, e]) => [id, e?.spec.windows.size])).toEqual([['credit', 300_000], ['credit', 600_000], ['credit', undefined]]);
    expect(table.get('credit')).toBeUndefined();
  });

  it('skips an invalid spec, keeps the previous entry and reports the problems', async () => {
    const { publish, table, invalid } = await setup();
    await publish('credit', credit);
    await publish('credit', { ...credit, features: [] });

    await table.start();

    expect(table.get('credit')?.offset).toBe('0');
    expect(invalid).toEqual(['credit@1: features']);
  });
});

async function waitFor(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}
