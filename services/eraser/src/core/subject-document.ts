// The portable JSON document of an access request (Art. 15, 20): what Driftline holds on one person.
export interface SubjectDocument {
  readonly format: 'driftline-subject-export/1';
  readonly requestId: string;
  readonly subjectId: string;
  readonly subjectPseudonym: string;
  readonly generatedAt: string;
  readonly records: {
    readonly predictions: readonly unknown[];
    readonly labels: readonly unknown[];
    readonly outcomes: readonly unknown[];
    readonly deadLetters: readonly unknown[];
  };
  /** What is kept about the person besides the records. */
  readonly derived: readonly string[];
}

export function createSubjectDocument(input: {
  readonly requestId: string; readonly subjectId: string; readonly pseudonym: string; /** ISO-8601. */ readonly generatedAt: string;
  readonly predictions: readonly unknown[]; readonly labels: readonly unknown[]; readonly outcomes: readonly unknown[]; readonly deadLetters: readonly unknown[];
  /** Sealed fields whose key is gone (they read as null). */
  readonly shredded: number;
}): SubjectDocument {
  return {
    format: 'driftline-subject-export/1',
    requestId: input.requestId,
    subjectId: input.subjectId,
    subjectPseudonym: input.pseudonym,
    generatedAt: input.generatedAt,
    records: { predictions: input.predictions, labels: input.labels, outcomes: input.outcomes, deadLetters: input.deadLetters },
    derived: [
      'aggregate statistics per model, version, slice and time window (counts, sums, histograms, sketches; no per-person values), published only above the k-anonymity floor',
      'a subject index in Redis (pseudonym to request ids and record positions) and a per-subject encryption key',
      ...(input.shredded > 0 ? [`${input.shredded} sealed field(s) could not be opened: their key has been deleted`] : []),
    ],
  };
}
