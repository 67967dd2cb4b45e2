// One input record, normalised: the PredictionLog shape (`features`, `prediction`, `slice`) or a
// flat row whose top-level fields are the features (JSONL or CSV).

/** A record as the baseline and report commands see it. Values are not validated here. */
export interface InputRow {
  readonly features: Readonly<Record<string, unknown>>;
  /** Extra slice attributes (`slice` map of a PredictionLog); undefined when absent. */
  readonly slice: Readonly<Record<string, unknown>> | undefined;
  readonly prediction: PredictionValues | undefined;
}

/** The prediction's score and/or label, as found in the record. */
export interface PredictionValues {
  readonly score: unknown;
  readonly label: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function toPrediction(value: unknown, flat: Readonly<Record<string, unknown>>): PredictionValues | undefined {
  if (isRecord(value)) return { score: value['score'], label: value['label'] };
  const score = flat['prediction_score'];
  const label = flat['prediction_label'];
  return score === undefined && label === undefined ? undefined : { score, label };
}

/**
 * Normalises one parsed JSON line. A record with a `features` object is a PredictionLog; any other
 * object is a flat row (its top-level fields are features; `prediction` may be an object or the
 * `prediction_score` / `prediction_label` columns; `slice` may be an object). Non-objects: undefined.
 */
export function toInputRow(json: unknown): InputRow | undefined {
  if (!isRecord(json)) return undefined;
  const slice = isRecord(json['slice']) ? json['slice'] : undefined;
  const features = isRecord(json['features']) ? json['features'] : json;
  return { features, slice, prediction: toPrediction(json['prediction'], json) };
}
