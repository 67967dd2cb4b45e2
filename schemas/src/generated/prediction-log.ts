// Generated from schemas/avro by schemas/scripts/generate-types.ts. Do not edit.

export interface Prediction {
  /** Predicted class (classifiers). */
  label: null | string;
  /** Score or probability of the positive class; the value for regressors. */
  score: null | number;
}

/** One prediction made by a serving system. Topic: predictions, key: requestId. May hold personal data. */
export interface PredictionLog {
  /** Unique id of the prediction request; the record key. */
  requestId: string;
  modelId: string;
  modelVersion: string;
  /** Event time, epoch milliseconds. */
  timestamp: number;
  /** Generic shape: feature name to value. A serving team may instead register a per-model record of typed fields under TopicRecordNameStrategy (docs/schemas.md). */
  features: Record<string, null | boolean | number | string>;
  prediction: Prediction;
  /** Extra slice attributes (e.g. region). */
  slice: Record<string, string>;
  /** The person the record is about (personal data). */
  subjectId: null | string;
}

export const predictionLogSchema = {
  "type": "record",
  "name": "PredictionLog",
  "namespace": "io.driftline",
  "doc": "One prediction made by a serving system. Topic: predictions, key: requestId. May hold personal data.",
  "fields": [
    {
      "name": "requestId",
      "type": "string",
      "doc": "Unique id of the prediction request; the record key."
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
      "name": "timestamp",
      "type": {
        "type": "long",
        "logicalType": "timestamp-millis"
      },
      "doc": "Event time, epoch milliseconds."
    },
    {
      "name": "features",
      "type": {
        "type": "map",
        "values": [
          "null",
          "boolean",
          "double",
          "string"
        ]
      },
      "doc": "Generic shape: feature name to value. A serving team may instead register a per-model record of typed fields under TopicRecordNameStrategy (docs/schemas.md)."
    },
    {
      "name": "prediction",
      "type": {
        "type": "record",
        "name": "Prediction",
        "fields": [
          {
            "name": "label",
            "type": [
              "null",
              "string"
            ],
            "default": null,
            "doc": "Predicted class (classifiers)."
          },
          {
            "name": "score",
            "type": [
              "null",
              "double"
            ],
            "default": null,
            "doc": "Score or probability of the positive class; the value for regressors."
          }
        ]
      }
    },
    {
      "name": "slice",
      "type": {
        "type": "map",
        "values": "string"
      },
      "default": {},
      "doc": "Extra slice attributes (e.g. region)."
    },
    {
      "name": "subjectId",
      "type": [
        "null",
        "string"
      ],
      "default": null,
      "doc": "The person the record is about (personal data)."
    }
  ]
} as const;
