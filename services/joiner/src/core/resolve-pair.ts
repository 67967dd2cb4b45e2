// The join of one prediction with one label: an Outcome when the label falls in the prediction's
// event-time window [prediction.timestamp, prediction.timestamp + windowMs], else why not.
import type { GroundTruth, Outcome, PredictionLog } from '@driftline/schemas';
import { unmatchedLabelReasons } from './reasons.ts';
import type { UnmatchedLabelReason } from './reasons.ts';

export type PairResolution =
  | { readonly kind: 'outcome'; readonly outcome: Outcome }
  | { readonly kind: 'reject'; readonly reason: UnmatchedLabelReason; readonly detail: string };

export function resolvePair(prediction: PredictionLog, label: GroundTruth, options: { readonly windowMs: number }): PairResolution {
  const delayMs = label.timestamp - prediction.timestamp;
  if (label.modelId !== prediction.modelId) {
    return { kind: 'reject', reason: unmatchedLabelReasons.DL_JOINER_MODEL_MISMATCH, detail: 'the label names another model than its prediction' };
  }
  if (delayMs < 0) {
    return { kind: 'reject', reason: unmatchedLabelReasons.DL_JOINER_LABEL_BEFORE_PREDICTION, detail: `label event time is ${-delayMs} ms before its prediction's` };
  }
  if (delayMs > options.windowMs) {
    return { kind: 'reject', reason: unmatchedLabelReasons.DL_JOINER_EXPIRED, detail: `label event time is ${delayMs} ms after its prediction's; the join window is ${options.windowMs} ms` };
  }
  return { kind: 'outcome', outcome: toOutcome(prediction, label) };
}

export function toOutcome(prediction: PredictionLog, label: GroundTruth): Outcome {
  return {
    requestId: prediction.requestId,
    modelId: prediction.modelId,
    modelVersion: prediction.modelVersion,
    predictionTimestamp: prediction.timestamp,
    labelTimestamp: label.timestamp,
    labelDelayMs: label.timestamp - prediction.timestamp,
    features: prediction.features,
    prediction: prediction.prediction,
    label: label.label,
    value: label.value,
    slice: prediction.slice,
    subjectId: prediction.subjectId,
  };
}
