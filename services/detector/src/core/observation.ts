// A prediction or an outcome as the detector's streams see it: which slices it belongs to, and
// which values feed which streams (standardised numeric features and score; the 0/1 error of a
// classifier or the absolute error of a regressor from outcomes).
import type { Outcome, PredictionLog } from '@driftline/schemas';
import { binaryDetectorKinds } from '@driftline/schemas';
import type { DetectorModel } from './detector-model.ts';
import { SCORE, toStandardised } from './detector-model.ts';
import { OVERALL, StreamSource } from './partition-streams.ts';
import type { Observation } from './partition-streams.ts';
import { toSliceId } from './slice-id.ts';

export const OTHER = '__other__';

/** Raw slice values per slice key of the spec, from the record's slice map or the feature of that name. */
export function toSliceValues(model: DetectorModel, record: { slice: Record<string, string>; features: Record<string, unknown> }): [string, string][] {
  const out: [string, string][] = [];
  for (const key of model.spec.slices.keys) {
    const raw = record.slice[key] ?? record.features[key];
    if (typeof raw === 'string' || typeof raw === 'boolean') out.push([key, String(raw)]);
  }
  return out;
}

export interface RecordRef {
  readonly offset: number;
  readonly traceparent?: string;
  /** Whether a slice value was admitted under the cardinality cap. */
  readonly admitted: (key: string, value: string) => boolean;
}

function slicesOf(model: DetectorModel, record: PredictionLog | Outcome, ref: RecordRef): string[] {
  return [OVERALL, ...toSliceValues(model, record).map(([k, v]) => toSliceId(k, ref.admitted(k, v) ? v : OTHER))];
}

function base(model: DetectorModel, record: PredictionLog | Outcome, ref: RecordRef, eventTime: number): Omit<Observation, 'values'> {
  return {
    modelId: model.modelId, version: record.modelVersion, slices: slicesOf(model, record, ref), eventTime, offset: ref.offset,
    ...(ref.traceparent === undefined ? {} : { traceparent: ref.traceparent }),
  };
}

export function toPredictionObservation(model: DetectorModel, record: PredictionLog, ref: RecordRef): Observation {
  const values: [StreamSource, string | null, number][] = [];
  for (const name of model.numeric) {
    const x = record.features[name];
    if (typeof x === 'number') values.push([StreamSource.FEATURE, name, toStandardised(model, name, x)]);
  }
  const score = record.prediction.score;
  if (score !== null) values.push([StreamSource.PREDICTION, null, toStandardised(model, SCORE, score)]);
  return { ...base(model, record, ref, record.timestamp), values };
}

/** The outcome's error: 0/1 for classifiers, |prediction − truth| for regressors (binary detectors skip it). */
export function toOutcomeObservation(model: DetectorModel, record: Outcome, ref: RecordRef): Observation {
  const error = toError(model, record);
  return { ...base(model, record, ref, record.labelTimestamp), values: error === undefined ? [] : [[StreamSource.ERRORS, null, error]] };
}

function toError(model: DetectorModel, record: Outcome): number | undefined {
  const p = model.spec.prediction;
  if (p.type === 'regression') {
    const needsBinary = model.declarations[StreamSource.ERRORS].some((d) => (binaryDetectorKinds as readonly string[]).includes(d.kind));
    return record.prediction.score === null || record.value === null || needsBinary ? undefined : Math.abs(record.prediction.score - record.value);
  }
  if (record.label === null) return undefined;
  const predicted = record.prediction.label ?? (p.type === 'binary' && record.prediction.score !== null && p.positiveLabel !== undefined
    ? (record.prediction.score >= p.scoreThreshold ? p.positiveLabel : (p.labels ?? []).find((l) => l !== p.positiveLabel))
    : undefined);
  return predicted === undefined ? undefined : predicted === record.label ? 0 : 1;
}
