// The per-subject key store against real Redis: concurrent creators agree on one key, shredding
// makes sealed values unreadable, and the trace scan finds a subject's pseudonym in key names and
// values until it is gone.
import { describe, expect, it, onTestFinished } from 'vitest';
import { RedisSubjectKeyStore, createPseudonymizer, createSubjectCrypto, findRedisTraces } from '@driftline/privacy';
import { RedisStateStore } from '@driftline/redis-state';
import { uniqueName } from '../../support/kafka-factories.ts';
import { stackEnv } from '../../support/stack-env.ts';

const pseudonymizer = createPseudonymizer({ pepper: 'an-integration-test-pepper-of-32-bytes' });

function keyStore(prefix: string): RedisSubjectKeyStore {
  const store = new RedisSubjectKeyStore({ url: stackEnv().redisUrl, keyPrefix: prefix });
  onTestFinished(() => store.close());
  return store;
}

function cleanUp(prefix: string): void {
  onTestFinished(async () => {
    const redis = new RedisStateStore({ url: stackEnv().redisUrl });
    await redis.deleteByPrefix(prefix);
    await redis.close();
  });
}

describe('RedisSubjectKeyStore', () => {
  it('creates one key per subject however many callers race for it', async () => {
    const prefix = `${uniqueName()}:keys:`;
    cleanUp(prefix);
    const stores = Array.from({ length: 5 }, () => keyStore(prefix));
    const subjects = Array.from({ length: 50 }, (_, i) => pseudonymizer.toPseudonym(`subject-${i}`));

    const results = await Promise.all(stores.map((s) => s.obtain(subjects)));

    for (const p of subjects) {
      const keys = new Set(results.map((r) => r.get(p)?.toString('hex')));
      expect(keys.size).toBe(1);
      expect([...keys][0]).toHaveLength(64);
    }
    expect((await stores[0]!.find(subjects)).size).toBe(50);
  });

  it('shreds: sealed values of the subject no longer open, other subjects still do', async () => {
    const prefix = `${uniqueName()}:keys:`;
    cleanUp(prefix);
    const store = keyStore(prefix);
    const crypto = createSubjectCrypto({ pseudonymizer, keys: store });
    const alice = pseudonymizer.toPseudonym('alice');
    const sealed = await crypto.sealPayloads([{ pseudonym: alice, plaintext: 'alice data' }, { pseudonym: pseudonymizer.toPseudonym('bob'), plaintext: 'bob data' }]);

    const shredded = await store.shred([alice, alice]);
    const opened = await crypto.openPayloads(sealed);

    expect(shredded).toBe(1);
    expect(opened).toEqual([undefined, 'bob data']);
    expect(await store.shred([alice])).toBe(0);
  });

  it('finds a pseudonym in key names and in values, and nothing once they are deleted', async () => {
    const prefix = `${uniqueName()}:keys:`;
    cleanUp(prefix);
    const store = keyStore(prefix);
    const alice = pseudonymizer.toPseudonym('alice');
    await store.obtain([alice]);
    const redis = new RedisStateStore({ url: stackEnv().redisUrl });
    onTestFinished(() => redis.close());
    const crypto = createSubjectCrypto({ pseudonymizer, keys: store });
    const [sealed] = await crypto.sealPayloads([{ pseudonym: alice, plaintext: 'x' }]);
    await redis.ensureValue(`${prefix}other`, sealed ?? '');

    const before = await findRedisTraces({ url: stackEnv().redisUrl, needles: ['no-such-needle', alice], match: `${prefix}*` });
    await store.shred([alice]);
    await redis.deleteByPrefix(`${prefix}other`);
    const after = await findRedisTraces({ url: stackEnv().redisUrl, needles: [alice], match: `${prefix}*` });

    expect(before).toEqual(expect.arrayContaining([{ key: `${prefix}{${alice}}`, in: 'name', needle: 1 }, { key: `${prefix}other`, in: 'value', needle: 1 }]));
    expect(before).toHaveLength(2);
    expect(after).toEqual([]);
  });
});
