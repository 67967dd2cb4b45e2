// Reason codes the aggregator gives records it refuses (they go to dead-letters; docs/errors.md).
export const aggregatorReasons = {
  INVALID_TIMESTAMP: 'DL_AGG_INVALID_TIMESTAMP',
  MISSING_PREDICTION: 'DL_AGG_MISSING_PREDICTION',
} as const;
export type AggregatorReason = (typeof aggregatorReasons)[keyof typeof aggregatorReasons];
