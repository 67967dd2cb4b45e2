// Errors of the aggregator (style rule 18); record-level reasons are in core/reasons.ts.
import { aggregatorReasons } from './core/reasons.ts';

export const aggregatorErrorCodes = {
  ...aggregatorReasons,
  DL_AGG_REBUILDING: 'DL_AGG_REBUILDING',
  DL_AGG_UNKNOWN_MODEL: 'DL_AGG_UNKNOWN_MODEL',
} as const;
export type AggregatorErrorCode = (typeof aggregatorErrorCodes)[keyof typeof aggregatorErrorCodes];
