// Generated from schemas/avro by schemas/scripts/generate-types.ts. Do not edit.

/** A delayed ground-truth label for an earlier prediction. Topic: labels, key: requestId. */
export interface GroundTruth {
  requestId: string;
  modelId: string;
  /** True class (classifiers). */
  label: null | string;
  /** True value (regressors). */
  value: null | number;
  timestamp: number;
}

export const groundTruthSchema = {
  "type": "record",
  "name": "GroundTruth",
  "namespace": "io.driftline",
  "doc": "A delayed ground-truth label for an earlier prediction. Topic: labels, key: requestId.",
  "fields": [
    {
      "name": "requestId",
      "type": "string"
    },
    {
      "name": "modelId",
      "type": "string"
    },
    {
      "name": "label",
      "type": [
        "null",
        "string"
      ],
      "default": null,
      "doc": "True class (classifiers)."
    },
    {
      "name": "value",
      "type": [
        "null",
        "double"
      ],
      "default": null,
      "doc": "True value (regressors)."
    },
    {
      "name": "timestamp",
      "type": {
        "type": "long",
        "logicalType": "timestamp-millis"
      }
    }
  ]
} as const;
