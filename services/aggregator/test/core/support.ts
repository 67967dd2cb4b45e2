import { InMemorySchemaRegistry, createAvroSerde, toTopicSubject } from '@driftline/kafka';
import type { DecodedMessage } from '@driftline/kafka';
import type { PredictionLog, Outcome } from '@driftline/schemas';
import { outcomeSchema, parseMonitorSpec, predictionLogSchema } from '@driftline/schemas';
import { createDeferredSerde } from '../../src/deferred-serde.ts';
import { toModelContext } from '../../src/core/model-context.ts';
import type { ModelContext } from '../../src/core/model-context.ts';

export const spec = (() => {
  const result = parseMonitorSpec({
    modelId: 'credit',
    prediction: { type: 'binary', labels: ['approve', 'decline'], positiveLabel: 'decline' },
    features: [
      { name: 'age', type: 'numeric', range: { min: 18, max: 120 } },
      { name: 'income', type: 'numeric' },
      { name: 'status', type: 'categorical', categories: ['single', 'married'] },
      { name: 'card', type: 'boolean' },
      { name: 'zip', type: 'categorical', pii: true },
    ],
    slices: { keys: ['region'], maxValuesPerKey: 2 },
    windows: { size: '1m', grace: '10s' },
    alerts: { cooldown: '1m' },
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.spec;
})();

export const ctx: ModelContext = toModelContext({ spec, profileJson: null, profileId: null });

export function prediction(i: number, overrides: Partial<PredictionLog> = {}): PredictionLog {
  return {
    requestId: `r-${i}`, modelId: 'credit', modelVersion: '1', timestamp: 60_000 * 10 + i * 100,
    features: { age: 20 + (i % 60), income: 1000 * (i % 37) + 0.5, status: i % 3 === 0 ? 'married' : i % 3 === 1 ? 'single' : 'divorced', card: i % 2 === 0, zip: `z${i}` },
    prediction: { label: null, score: (i % 10) / 10 }, slice: { region: ['eu', 'us', 'apac'][i % 3] ?? 'eu' }, subjectId: null,
    ...overrides,
  };
}

export function outcome(i: number, label: string): Outcome {
  const p = prediction(i);
  return { requestId: p.requestId, modelId: p.modelId, modelVersion: p.modelVersion, predictionTimestamp: p.timestamp, labelTimestamp: p.timestamp + 5000, labelDelayMs: 5000, features: p.features, prediction: p.prediction, label, value: null, slice: p.slice, subjectId: null };
}

/** The serde the handler decodes with (an in-memory registry). */
export const serde = createAvroSerde({ registry: new InMemorySchemaRegistry() });
const deferred = createDeferredSerde(serde);

/** Avro bytes of a prediction (topic `predictions`) or an outcome (any other topic). */
export async function toBytes(topic: string, value: PredictionLog | Outcome): Promise<Buffer> {
  return serde.encode(toTopicSubject(topic), topic === 'predictions' ? predictionLogSchema : outcomeSchema, value);
}

/** Records as the consume loop hands them to the handler with the deferred serde: bytes, writer schema cached. */
export async function toRawRecords(topic: string, values: readonly (PredictionLog | Outcome | Buffer)[], firstOffset = 0): Promise<DecodedMessage<Buffer>[]> {
  return Promise.all(values.map(async (value, i) => {
    const bytes = Buffer.isBuffer(value) ? value : await toBytes(topic, value);
    const { schemaId } = deferred.decodeCached<Buffer>(bytes) ?? await deferred.decode<Buffer>(bytes).catch(() => ({ schemaId: bytes.readUInt32BE(1) }));
    const key = Buffer.isBuffer(value) ? null : Buffer.from(value.requestId);
    return { schemaId, value: bytes, message: { topic, partition: 0, offset: String(firstOffset + i), key, value: bytes, headers: {}, timestamp: 0 } };
  }));
}
