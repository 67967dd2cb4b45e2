// The SubjectKeyStore port: one AES-256 data key per subject, named by the subject's pseudonym.
// Adapters: RedisSubjectKeyStore (shared by every service) and InMemorySubjectKeyStore (tests).

export interface SubjectKeyStore {
  /** The data key of each pseudonym, created where missing (atomically: concurrent callers get the same key). */
  obtain(pseudonyms: readonly string[]): Promise<Map<string, Buffer>>;
  /** The data keys that exist; a shredded (or never keyed) pseudonym is absent from the map. */
  find(pseudonyms: readonly string[]): Promise<Map<string, Buffer>>;
  /** Deletes the keys (crypto-shredding): every value sealed with them becomes unreadable. Returns how many existed. */
  shred(pseudonyms: readonly string[]): Promise<number>;
  close(): Promise<void>;
}
