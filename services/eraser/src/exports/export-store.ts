// Access exports (Art. 15/20) held in memory only, until fetched once or until they expire: a
// personal-data document is never written to Redis, a topic or a disk by the eraser.
export interface ExportStore {
  put(requestId: string, document: unknown): void;
  /** The document, removed on the way out; undefined when unknown, fetched or expired. */
  take(requestId: string): unknown;
  /** Epoch ms until which a document put now is kept. */
  expiryOf(now: number): number;
}

export function createExportStore(options: { readonly ttlMs: number; readonly now: () => number }): ExportStore {
  const documents = new Map<string, { document: unknown; expiresAt: number }>();
  const sweep = (): void => {
    const now = options.now();
    for (const [id, d] of documents) if (d.expiresAt <= now) documents.delete(id);
  };
  return {
    put(requestId, document) {
      sweep();
      documents.set(requestId, { document, expiresAt: options.now() + options.ttlMs });
    },
    take(requestId) {
      sweep();
      const found = documents.get(requestId);
      documents.delete(requestId);
      return found?.document;
    },
    expiryOf: (now) => now + options.ttlMs,
  };
}
