// Generated from schemas/avro by schemas/scripts/generate-types.ts. Do not edit.

export interface RetrainReason {
  /** on-demand, schedule, new-labels or drift. */
  policy: string;
  detail: string;
  eventIds: string[];
}

/** A request for a downstream retraining job. Topic: retrain-requests, key: modelId. No personal data. */
export interface RetrainRequest {
  requestId: string;
  modelId: string;
  modelVersion: string;
  reasons: RetrainReason[];
  /** Advised start of the training window (e.g. the detected change point). */
  trainFrom: null | number;
  trainTo: null | number;
  /** fine-tune or retrain-from-scratch, with why. */
  advice: string;
  createdAt: number;
}

export const retrainRequestSchema = {
  "type": "record",
  "name": "RetrainRequest",
  "namespace": "io.driftline",
  "doc": "A request for a downstream retraining job. Topic: retrain-requests, key: modelId. No personal data.",
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
      "name": "reasons",
      "type": {
        "type": "array",
        "items": {
          "type": "record",
          "name": "RetrainReason",
          "fields": [
            {
              "name": "policy",
              "type": "string",
              "doc": "on-demand, schedule, new-labels or drift."
            },
            {
              "name": "detail",
              "type": "string"
            },
            {
              "name": "eventIds",
              "type": {
                "type": "array",
                "items": "string"
              },
              "default": []
            }
          ]
        }
      }
    },
    {
      "name": "trainFrom",
      "type": [
        "null",
        {
          "type": "long",
          "logicalType": "timestamp-millis"
        }
      ],
      "default": null,
      "doc": "Advised start of the training window (e.g. the detected change point)."
    },
    {
      "name": "trainTo",
      "type": [
        "null",
        {
          "type": "long",
          "logicalType": "timestamp-millis"
        }
      ],
      "default": null
    },
    {
      "name": "advice",
      "type": "string",
      "doc": "fine-tune or retrain-from-scratch, with why."
    },
    {
      "name": "createdAt",
      "type": {
        "type": "long",
        "logicalType": "timestamp-millis"
      }
    }
  ]
} as const;
