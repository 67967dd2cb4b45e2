// Generated from schemas/avro by schemas/scripts/generate-types.ts. Do not edit.

export interface Prediction {
  label: null | string;
  score: null | number;
}

/** A prediction joined with its label by the joiner. Topic: outcomes, key: requestId. May hold personal data. */
export interface Outcome {
  requestId: string;
  modelId: string;
  modelVersion: string;
  predictionTimestamp: number;
  labelTimestamp: number;
  labelDelayMs: number;
  features: Record<string, null | boolean | number | string>;
  prediction: Prediction;
  label: null | string;
  value: null | number;
  slice: Record<string, string>;
  subjectId: null | string;
}

export const outcomeSchema = {
  "type": "record",
  "name": "Outcome",
  "namespace": "io.driftline",
  "doc": "A prediction joined with its label by the joiner. Topic: outcomes, key: requestId. May hold personal data.",
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
      "name": "modelVersion",
      "type": "string"
    },
    {
      "name": "predictionTimestamp",
      "type": {
        "type": "long",
        "logicalType": "timestamp-millis"
      }
    },
    {
      "name": "labelTimestamp",
      "type": {
        "type": "long",
        "logicalType": "timestamp-millis"
      }
    },
    {
      "name": "labelDelayMs",
      "type": "long"
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
      }
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
            "default": null
          },
          {
            "name": "score",
            "type": [
              "null",
              "double"
            ],
            "default": null
          }
        ]
      }
    },
    {
      "name": "label",
      "type": [
        "null",
        "string"
      ],
      "default": null
    },
    {
      "name": "value",
      "type": [
        "null",
        "double"
      ],
      "default": null
    },
    {
      "name": "slice",
      "type": {
        "type": "map",
        "values": "string"
      },
      "default": {}
    },
    {
      "name": "subjectId",
      "type": [
        "null",
        "string"
      ],
      "default": null
    }
  ]
} as const;
