// Generated from schemas/avro by schemas/scripts/generate-types.ts. Do not edit.

export const DriftKind = {
  DATA_DRIFT: 'DATA_DRIFT',
  PREDICTION_DRIFT: 'PREDICTION_DRIFT',
  LABEL_DRIFT: 'LABEL_DRIFT',
  CONCEPT_DRIFT: 'CONCEPT_DRIFT',
  PERFORMANCE: 'PERFORMANCE',
  DATA_QUALITY: 'DATA_QUALITY',
  CORRELATION: 'CORRELATION',
  SLICE_MIX: 'SLICE_MIX',
  FAIRNESS: 'FAIRNESS',
} as const;
export type DriftKind = (typeof DriftKind)[keyof typeof DriftKind];

export const Severity = {
  INFO: 'INFO',
  WARNING: 'WARNING',
  CRITICAL: 'CRITICAL',
} as const;
export type Severity = (typeof Severity)[keyof typeof Severity];

/** One finding of the detector: alertable and actionable. Topic: drift-events, key: modelId. No personal data. */
export interface DriftEvent {
  /** Deterministic id (hash of model, version, slice, feature, statistic, window end); the dedup key. */
  eventId: string;
  kind: DriftKind;
  modelId: string;
  modelVersion: string;
  /** "overall" or key=value pairs, e.g. region=eu. */
  slice: string;
  feature: null | string;
  /** Statistic or detector, e.g. psi, ks, adwin. */
  statistic: string;
  value: number;
  threshold: number;
  windowStart: number;
  windowEnd: number;
  referenceProfileId: null | string;
  referenceSize: number;
  currentSize: number;
  severity: Severity;
  explanation: string;
  recommendedAction: string;
  detectedAt: number;
  /** W3C trace context of a contributing record. */
  traceparent: null | string;
}

export const driftEventSchema = {
  "type": "record",
  "name": "DriftEvent",
  "namespace": "io.driftline",
  "doc": "One finding of the detector: alertable and actionable. Topic: drift-events, key: modelId. No personal data.",
  "fields": [
    {
      "name": "eventId",
      "type": "string",
      "doc": "Deterministic id (hash of model, version, slice, feature, statistic, window end); the dedup key."
    },
    {
      "name": "kind",
      "type": {
        "type": "enum",
        "name": "DriftKind",
        "symbols": [
          "DATA_DRIFT",
          "PREDICTION_DRIFT",
          "LABEL_DRIFT",
          "CONCEPT_DRIFT",
          "PERFORMANCE",
          "DATA_QUALITY",
          "CORRELATION",
          "SLICE_MIX",
          "FAIRNESS"
        ]
      }
    },
    {
      "name": "modelId",
      "type": "string"
    },
    {
      "name": "modelVersion",
      "type": "string"
    },
    {
      "name": "slice",
      "type": "string",
      "doc": "\"overall\" or key=value pairs, e.g. region=eu."
    },
    {
      "name": "feature",
      "type": [
        "null",
        "string"
      ],
      "default": null
    },
    {
      "name": "statistic",
      "type": "string",
      "doc": "Statistic or detector, e.g. psi, ks, adwin."
    },
    {
      "name": "value",
      "type": "double"
    },
    {
      "name": "threshold",
      "type": "double"
    },
    {
      "name": "windowStart",
      "type": {
        "type": "long",
        "logicalType": "timestamp-millis"
      }
    },
    {
      "name": "windowEnd",
      "type": {
        "type": "long",
        "logicalType": "timestamp-millis"
      }
    },
    {
      "name": "referenceProfileId",
      "type": [
        "null",
        "string"
      ],
      "default": null
    },
    {
      "name": "referenceSize",
      "type": "long",
      "default": 0
    },
    {
      "name": "currentSize",
      "type": "long",
      "default": 0
    },
    {
      "name": "severity",
      "type": {
        "type": "enum",
        "name": "Severity",
        "symbols": [
          "INFO",
          "WARNING",
          "CRITICAL"
        ]
      }
    },
    {
      "name": "explanation",
      "type": "string"
    },
    {
      "name": "recommendedAction",
      "type": "string"
    },
    {
      "name": "detectedAt",
      "type": {
        "type": "long",
        "logicalType": "timestamp-millis"
      }
    },
    {
      "name": "traceparent",
      "type": [
        "null",
        "string"
      ],
      "default": null,
      "doc": "W3C trace context of a contributing record."
    }
  ]
} as const;
