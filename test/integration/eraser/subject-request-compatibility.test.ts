// The deny-list fields of SubjectRequest (optional subjectId, subjectPseudonym, erasedAt) are a
// BACKWARD-compatible change: the registry (BACKWARD rule: the new version must read what the first
// one wrote) accepts them over the first version.
import { describe, expect, it } from 'vitest';
import { HttpSchemaRegistry, toTopicSubject } from '@driftline/kafka';
import { subjectRequestSchema } from '@driftline/schemas';
import { stackEnv } from '../../support/stack-env.ts';
import { uniqueName } from '../../support/kafka-factories.ts';

/** SubjectRequest as first published (before the deny-list fields). */
const v1 = {
  type: 'record', name: 'SubjectRequest', namespace: 'io.driftline',
  fields: [
    { name: 'requestId', type: 'string' },
    { name: 'kind', type: { type: 'enum', name: 'SubjectRequestKind', symbols: ['ERASE', 'ACCESS', 'RECTIFY'] } },
    { name: 'subjectId', type: 'string' },
    { name: 'mode', type: ['null', { type: 'enum', name: 'ErasureMode', symbols: ['DELETE', 'ANONYMIZE'] }], default: null },
    { name: 'changes', type: ['null', { type: 'map', values: ['null', 'boolean', 'double', 'string'] }], default: null },
    { name: 'requestedAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
  ],
};

describe('SubjectRequest schema evolution', () => {
  it('registers the deny-list version over the first one', async () => {
    const registry = new HttpSchemaRegistry({ url: stackEnv().registryUrl });
    const subject = toTopicSubject(`${uniqueName()}-erasure-requests`);

    const first = await registry.register(subject, JSON.stringify(v1));
    const compatible = await registry.isCompatible(subject, JSON.stringify(subjectRequestSchema));
    const second = await registry.register(subject, JSON.stringify(subjectRequestSchema));

    expect(compatible).toBe(true);
    expect(second).not.toBe(first);
  });
});
