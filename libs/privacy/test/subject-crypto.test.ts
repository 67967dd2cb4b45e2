import { describe, expect, it } from 'vitest';
import { InMemorySubjectKeyStore, createPseudonymizer, createSubjectCrypto, isEnvelope } from '@driftline/privacy';
import type { FeatureValue } from '@driftline/privacy';

interface Row { requestId: string; subjectId: string | null; features: Record<string, FeatureValue> }

function setup(): { keys: InMemorySubjectKeyStore; crypto: ReturnType<typeof createSubjectCrypto>; pseudonym: (id: string) => string } {
  const pseudonymizer = createPseudonymizer({ pepper: 'a-pepper-of-at-least-thirty-two-bytes!' });
  const keys = new InMemorySubjectKeyStore();
  return { keys, crypto: createSubjectCrypto({ pseudonymizer, keys }), pseudonym: (id) => pseudonymizer.toPseudonym(id) };
}

const rows: Row[] = [
  { requestId: 'r1', subjectId: 'alice', features: { email: 'alice@example.com', age: 41, vip: true, zip: null } },
  { requestId: 'r2', subjectId: 'bob', features: { email: 'bob@example.com', age: 30, vip: false, zip: '1000' } },
  { requestId: 'r3', subjectId: null, features: { email: 'anon@example.com', age: 22, vip: false, zip: '2000' } },
];

describe('createSubjectCrypto', () => {
  it('seals the subject id and the pii features, leaves the rest, and opens them again', async () => {
    const { crypto, pseudonym } = setup();

    const sealed = await crypto.sealRecords(rows, { piiFeatures: ['email', 'zip'] });
    const opened = await crypto.openRecords(sealed);

    expect(isEnvelope(sealed[0]?.subjectId)).toBe(true);
    expect(isEnvelope(sealed[0]?.features['email'])).toBe(true);
    expect(sealed[0]?.features['zip']).toBeNull();
    expect(sealed[0]?.features['age']).toBe(41);
    expect(crypto.pseudonymOf(sealed[0]?.subjectId ?? null)).toBe(pseudonym('alice'));
    expect(crypto.pseudonymOf('alice')).toBe(pseudonym('alice'));
    expect(JSON.stringify(sealed.slice(0, 2))).not.toMatch(/alice|bob|example\.com/);
    expect(opened.map((o) => o.record)).toEqual([rows[0], rows[1], { ...rows[2], features: { ...rows[2]?.features, email: null, zip: null } }]);
    expect(opened.every((o) => o.shredded.length === 0)).toBe(true);
  });

  it('makes a subject unreadable once its key is shredded, and only that subject', async () => {
    const { keys, crypto, pseudonym } = setup();
    const sealed = await crypto.sealRecords(rows, { piiFeatures: ['email'] });

    expect(await keys.shred([pseudonym('alice')])).toBe(1);
    const opened = await crypto.openRecords(sealed);

    expect(opened[0]?.record).toEqual({ ...rows[0], subjectId: null, features: { ...rows[0]?.features, email: null } });
    expect(opened[0]?.shredded).toEqual(['subjectId', 'email']);
    expect(opened[1]?.record).toEqual(rows[1]);
  });

  it('seals payloads under a subject and passes other text through', async () => {
    const { keys, crypto, pseudonym } = setup();

    const [sealed] = await crypto.sealPayloads([{ pseudonym: pseudonym('alice'), plaintext: 'payload' }]);
    const before = await crypto.openPayloads([sealed ?? '', 'plain']);
    await keys.shred([pseudonym('alice')]);
    const after = await crypto.openPayloads([sealed ?? '']);

    expect(sealed).not.toContain('payload');
    expect(before).toEqual(['payload', 'plain']);
    expect(after).toEqual([undefined]);
  });

  it('keeps what was sealed under a shredded key unreadable after a late record made the subject a new key', async () => {
    const { keys, crypto, pseudonym } = setup();
    const [old] = await crypto.sealPayloads([{ pseudonym: pseudonym('alice'), plaintext: 'before the erasure' }]);
    const oldRecords = await crypto.sealRecords(rows.slice(0, 1), { piiFeatures: ['email'] });
    await keys.shred([pseudonym('alice')]);

    const [fresh] = await crypto.sealPayloads([{ pseudonym: pseudonym('alice'), plaintext: 'after' }]);
    const opened = await crypto.openPayloads([old ?? '', fresh ?? '']);
    const [record] = await crypto.openRecords(oldRecords);

    expect(opened).toEqual([undefined, 'after']);
    expect(record?.shredded).toEqual(['subjectId', 'email']);
  });

  it('reuses the key a subject already has', async () => {
    const { keys, crypto } = setup();

    await crypto.sealRecords(rows, { piiFeatures: [] });
    await crypto.sealRecords(rows, { piiFeatures: [] });

    expect(keys.pseudonyms()).toHaveLength(2);
  });
});
