// One input record, normalised: the PredictionLog shape (`features`, `prediction`, `slice`) or a
// flat row whose top-level fields are the features (JSONL or CSV).

/** A record as the baseline and report commands see it. Values are not validated here. */
export interface InputRow {
  readonly features: Readonly<Record<string, unknown>>;
  /** Extra slice attributes (`slice` map of a PredictionLog); undefined when absent. */
  readonly slice: Readonly<Record<string, unknown>> | undefined;
  readonly prediction: PredictionValues | undefined;
  /** The actual label or value, when the row carries one (training rows often do). */
  readonly actual?: ActualValues | undefined;
}

/** The ground truth of a row, as found in the record. */
export interface ActualValues {
  readonly label: unknown;
  readonly value: unknown;
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

/** An Outcome-shaped record has `label` / `value` beside `features`; a flat row `actual_label` / `actual_value`. */
function toActual(json: Readonly<Record<string, unknown>>, shaped: boolean): ActualValues | undefined {
  const label = shaped ? json['label'] : json['actual_label'];
  const value = shaped ? json['value'] : json['actual_value'];
  return (label === undefined || label === null) && (value === undefined || value === null) ? undefined : { label, value };
}

/**
 * Normalises one parsed JSON line. A record with a `features` object is a PredictionLog; any other
 * object is a flat row (its top-level fields are features; `prediction` may be an object or the
 * `prediction_score` / `prediction_label` columns; `slice` may be an object). The actual label or
 * value is `label` / `value` of an Outcome-shaped record, or the `actual_label` / `actual_value`
 * columns of a flat row. Non-objects: undefined.
 */
export function toInputRow(json: unknown): InputRow | undefined {
  if (!isRecord(json)) return undefined;
  const slice = isRecord(json['slice']) ? json['slice'] : undefined;
  const shaped = isRecord(json['features']);
  const features = isRecord(json['features']) ? json['features'] : json;
  return { features, slice, prediction: toPrediction(json['prediction'], json), actual: toActual(json, shaped) };
}
