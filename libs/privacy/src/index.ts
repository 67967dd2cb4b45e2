/**
 * @module @driftline/privacy
 * Pseudonyms (keyed HMAC-SHA-256 under a secret pepper) and crypto-shredding (a per-subject
 * AES-256-GCM data key in Redis, named by the pseudonym): the producer helper that seals a record's
 * subject id and personal features, the consumer-side opening, payload sealing for stored state,
 * key deletion, and a Redis scan that proves nothing of a subject is left.
 */
export { createPseudonymizer, isPseudonym, MIN_PEPPER_BYTES } from './pseudonym/pseudonymizer.ts';
export type { Pseudonymizer } from './pseudonym/pseudonymizer.ts';
export { createDataKey, sealValue, openValue, parseEnvelope, isEnvelope } from './crypto/envelope.ts';
export type { Envelope } from './crypto/envelope.ts';
export { createSubjectCrypto } from './crypto/subject-crypto.ts';
export type { SubjectCrypto, SubjectRecord, OpenedRecord, FeatureValue } from './crypto/subject-crypto.ts';
export type { SubjectKeyStore } from './keys/subject-key-store.ts';
export { InMemorySubjectKeyStore } from './keys/in-memory-subject-key-store.ts';
export { RedisSubjectKeyStore } from './keys/redis-subject-key-store.ts';
export type { RedisSubjectKeyStoreOptions } from './keys/redis-subject-key-store.ts';
export { findRedisTraces, containsToken } from './redis/find-redis-traces.ts';
export type { RedisTrace } from './redis/find-redis-traces.ts';
export { PrivacyError, isPrivacyError, privacyErrorCodes } from './errors.ts';
export type { PrivacyErrorCode } from './errors.ts';
