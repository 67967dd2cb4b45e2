// The deny list in memory: pseudonym → when its subject was erased. A record of a denied subject
// with an event time up to that moment is erased on sight (a restore or a late copy); later records
// are a new relationship with the person and are kept.
export class DenyList {
  readonly #entries = new Map<string, number>();

  /** Adds or moves forward the erasure time of a pseudonym. */
  add(pseudonym: string, erasedAt: number): void {
    const known = this.#entries.get(pseudonym);
    if (known === undefined || erasedAt > known) this.#entries.set(pseudonym, erasedAt);
  }

  delete(pseudonym: string): void {
    this.#entries.delete(pseudonym);
  }

  /** Whether a record of `pseudonym` with this event time must be erased. */
  denies(pseudonym: string, eventTime: number): boolean {
    const erasedAt = this.#entries.get(pseudonym);
    return erasedAt !== undefined && eventTime <= erasedAt;
  }

  get size(): number {
    return this.#entries.size;
  }
}
