// Why a label is not joined (the dead letter's reason code; docs/errors.md, "Joiner").
export const unmatchedLabelReasons = {
  /** No prediction with this requestId arrived before the predictions' stream time passed the label's time + grace. */
  DL_JOINER_UNKNOWN_PREDICTION: 'DL_JOINER_UNKNOWN_PREDICTION',
  /** The label's event time is more than the join window after its prediction's. */
  DL_JOINER_EXPIRED: 'DL_JOINER_EXPIRED',
  /** The label's event time is before its prediction's. */
  DL_JOINER_LABEL_BEFORE_PREDICTION: 'DL_JOINER_LABEL_BEFORE_PREDICTION',
  /** The label names another model than its prediction. */
  DL_JOINER_MODEL_MISMATCH: 'DL_JOINER_MODEL_MISMATCH',
  /** The joined pair does not fit the Outcome schema (e.g. a per-model prediction record with other feature types). */
  DL_JOINER_INVALID_OUTCOME: 'DL_JOINER_INVALID_OUTCOME',
} as const;
export type UnmatchedLabelReason = (typeof unmatchedLabelReasons)[keyof typeof unmatchedLabelReasons];
