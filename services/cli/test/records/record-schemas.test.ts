import { describe, expect, it } from 'vitest';
import { TopicRole, topicContracts } from '@driftline/schemas';
import { toTopicContract } from '../../src/records/record-schemas.ts';

describe('toTopicContract', () => {
  it.each(topicContracts.map((c) => [c.defaultName, c.role] as const))('maps the default topic %s to its role', (topic, role) => {
    expect(toTopicContract(topic)?.role).toBe(role);
  });

  it.each([
    ['staging.predictions', TopicRole.PREDICTIONS, 'PredictionLog'],
    ['team-a-labels', TopicRole.LABELS, 'GroundTruth'],
    ['prod_outcomes', TopicRole.OUTCOMES, 'Outcome'],
    ['eu.prod.drift-events', TopicRole.DRIFT_EVENTS, 'DriftEvent'],
    ['x-retrain-requests', TopicRole.RETRAIN_REQUESTS, 'RetrainRequest'],
    ['x.erasure-requests', TopicRole.ERASURE_REQUESTS, 'SubjectRequest'],
    ['x.erasure-receipts', TopicRole.ERASURE_RECEIPTS, 'SubjectReceipt'],
    ['x.dead-letters', TopicRole.DEAD_LETTERS, 'DeadLetter'],
  ])('maps the prefixed topic %s to %s (%s)', (topic, role, schemaName) => {
    const contract = toTopicContract(topic);

    expect(contract?.role).toBe(role);
    expect(contract?.schema.name).toBe(schemaName);
  });

  it.each(['mypredictions', 'predictions-v2', 'predictions.dlq', 'unknown', '', 'events'])('knows no schema for %j', (topic) => {
    expect(toTopicContract(topic)).toBeUndefined();
  });

  it('uses an explicit schema name over the topic name', () => {
    expect(toTopicContract('anything', 'GroundTruth')?.role).toBe(TopicRole.LABELS);
  });

  it('knows no contract for an unknown schema name, whatever the topic', () => {
    expect(toTopicContract('predictions', 'NoSuchRecord')).toBeUndefined();
  });
});
