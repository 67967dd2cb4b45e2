// Crypto-shredding for records and payloads: the producer helper serving systems use to encrypt a
// record's subject id and personal features with the subject's data key, the consumer-side
// decryption, and the same for opaque payloads (e.g. the joiner's pending records). Keys are
// fetched once per call for all the subjects involved.
import { isPrivacyError, privacyErrorCodes } from '../errors.ts';
import { isEnvelope, openValue, parseEnvelope, sealValue } from './envelope.ts';
import type { Pseudonymizer } from '../pseudonym/pseudonymizer.ts';
import type { SubjectKeyStore } from '../keys/subject-key-store.ts';

/** A feature value as PredictionLog and Outcome carry it. */
export type FeatureValue = null | boolean | number | string;

/** The personal parts of a record: the subject id and the features. */
export interface SubjectRecord {
  readonly subjectId: string | null;
  readonly features: Readonly<Record<string, FeatureValue>>;
}

/** A decrypted record, with the fields whose key is gone (their value is null). */
export interface OpenedRecord<T extends SubjectRecord> {
  readonly record: T;
  /** `subjectId` and/or feature names that were encrypted under a shredded key. */
  readonly shredded: readonly string[];
}

export interface SubjectCrypto {
  /**
   * The pseudonym a record's subject id stands for: computed from a plain id, read from an
   * envelope; undefined without a subject.
   */
  pseudonymOf(subjectId: string | null): string | undefined;
  /**
   * Producer side: each record with its subject id and its `piiFeatures` sealed under the subject's
   * data key (created on first use). A record without a subject cannot be shredded, so its pii
   * features are set to null instead. Values already sealed are left as they are.
   */
  sealRecords<T extends SubjectRecord>(records: readonly T[], options: { readonly piiFeatures: readonly string[] }): Promise<T[]>;
  /** Consumer side: every sealed field opened where the subject's key still exists, else null and listed as shredded. */
  openRecords<T extends SubjectRecord>(records: readonly T[]): Promise<OpenedRecord<T>[]>;
  /** Seals opaque text under each item's subject (created on first use). */
  sealPayloads(items: readonly { readonly pseudonym: string; readonly plaintext: string }[]): Promise<string[]>;
  /** Opens sealed payloads; text that is not an envelope passes through; undefined where the key is gone (shredded). */
  openPayloads(payloads: readonly string[]): Promise<(string | undefined)[]>;
}

export function createSubjectCrypto(deps: { readonly pseudonymizer: Pseudonymizer; readonly keys: SubjectKeyStore }): SubjectCrypto {
  const pseudonymOf = (subjectId: string | null): string | undefined => {
    if (subjectId === null || subjectId === '') return undefined;
    return parseEnvelope(subjectId)?.pseudonym ?? deps.pseudonymizer.toPseudonym(subjectId);
  };

  const sealed = (key: Buffer, pseudonym: string, value: FeatureValue): string =>
    (isEnvelope(value) ? value : sealValue({ key, pseudonym, plaintext: JSON.stringify(value) }));

  return {
    pseudonymOf,

    async sealRecords(records, options) {
      const pii = new Set(options.piiFeatures);
      const pseudonyms = records.map((r) => pseudonymOf(r.subjectId));
      const keys = await deps.keys.obtain(pseudonyms.filter((p): p is string => p !== undefined));
      return records.map((record, i) => {
        const pseudonym = pseudonyms[i];
        const key = pseudonym === undefined ? undefined : keys.get(pseudonym);
        const features: Record<string, FeatureValue> = {};
        for (const [name, value] of Object.entries(record.features)) {
          if (!pii.has(name) || value === null) features[name] = value;
          else features[name] = pseudonym === undefined || key === undefined ? null : sealed(key, pseudonym, value);
        }
        const subjectId = record.subjectId === null || pseudonym === undefined || key === undefined ? record.subjectId : sealed(key, pseudonym, record.subjectId);
        return { ...record, subjectId, features };
      });
    },

    async openRecords(records) {
      const pseudonyms = new Set<string>();
      for (const r of records) {
        for (const v of [r.subjectId, ...Object.values(r.features)]) {
          const p = typeof v === 'string' ? parseEnvelope(v)?.pseudonym : undefined;
          if (p !== undefined) pseudonyms.add(p);
        }
      }
      const keys = await deps.keys.find([...pseudonyms]);
      const open = (value: string): { ok: true; value: string } | { ok: false } => {
        const opened = openUnlessShredded(keys, value);
        return opened === undefined ? { ok: false } : { ok: true, value: opened };
      };
      return records.map((record) => {
        const shredded: string[] = [];
        let subjectId = record.subjectId;
        if (isEnvelope(subjectId)) {
          const opened = open(subjectId);
          if (opened.ok) subjectId = JSON.parse(opened.value) as string;
          else { subjectId = null; shredded.push('subjectId'); }
        }
        const features: Record<string, FeatureValue> = {};
        for (const [name, value] of Object.entries(record.features)) {
          if (!isEnvelope(value)) { features[name] = value; continue; }
          const opened = open(value);
          if (opened.ok) features[name] = JSON.parse(opened.value) as FeatureValue;
          else { features[name] = null; shredded.push(name); }
        }
        return { record: { ...record, subjectId, features }, shredded };
      });
    },

    async sealPayloads(items) {
      const keys = await deps.keys.obtain(items.map((i) => i.pseudonym));
      return items.map((item) => {
        const key = keys.get(item.pseudonym);
        if (key === undefined) throw new Error('the key store returned no key for a pseudonym it was asked to create');
        return sealValue({ key, pseudonym: item.pseudonym, plaintext: item.plaintext });
      });
    },

    async openPayloads(payloads) {
      const pseudonyms = payloads.map((p) => parseEnvelope(p)?.pseudonym).filter((p): p is string => p !== undefined);
      const keys = pseudonyms.length === 0 ? new Map<string, Buffer>() : await deps.keys.find(pseudonyms);
      return payloads.map((payload) => (parseEnvelope(payload) === undefined ? payload : openUnlessShredded(keys, payload)));
    },
  };
}

/**
 * The plaintext of an envelope, or undefined when it was shredded: its subject has no key now, or
 * the key there now is a newer one (the subject was erased and a late record made a new key), under
 * which the old envelope does not authenticate.
 */
function openUnlessShredded(keys: ReadonlyMap<string, Buffer>, envelope: string): string | undefined {
  const key = keys.get(parseEnvelope(envelope)?.pseudonym ?? '');
  if (key === undefined) return undefined;
  try {
    return openValue(key, envelope);
  } catch (error) {
    if (isPrivacyError(error) && error.code === privacyErrorCodes.DL_PRIVACY_BAD_ENVELOPE) return undefined;
    throw error;
  }
}
