// The real registry enforces BACKWARD compatibility under TopicNameStrategy subjects.
import { describe, expect, it } from 'vitest';
import { HttpSchemaRegistry, isKafkaError, toTopicSubject } from '@driftline/kafka';
import { predictionLogSchema } from '@driftline/schemas';
import { stackEnv } from '../../support/stack-env.ts';
import { uniqueName } from '../../support/kafka-factories.ts';

describe('schema registry compatibility', () => {
  it('accepts a backward-compatible PredictionLog change and refuses an incompatible one', async () => {
    // Arrange
    const registry = new HttpSchemaRegistry({ url: stackEnv().registryUrl });
    const subject = toTopicSubject(`${uniqueName()}-predictions`);
    const v1 = JSON.stringify(predictionLogSchema);
    const withOptional = JSON.stringify({ ...predictionLogSchema, fields: [...predictionLogSchema.fields, { name: 'channel', type: ['null', 'string'], default: null }] });
    const withRequired = JSON.stringify({ ...predictionLogSchema, fields: [...predictionLogSchema.fields, { name: 'tenant', type: 'string' }] });

    // Act
    const id1 = await registry.register(subject, v1);
    const again = await registry.register(subject, v1);
    const id2 = await registry.register(subject, withOptional);
    const compatible = await registry.isCompatible(subject, withRequired);
    const refusal = await registry.register(subject, withRequired).then(() => undefined, (e: unknown) => e);

    // Assert
    expect(again).toBe(id1);
    expect(id2).not.toBe(id1);
    expect(compatible).toBe(false);
    expect(isKafkaError(refusal) && refusal.code).toBe('DL_KAFKA_INCOMPATIBLE_SCHEMA');
    expect(JSON.parse(await registry.getSchema(id1))).toMatchObject({ name: 'PredictionLog' });
  });
});
