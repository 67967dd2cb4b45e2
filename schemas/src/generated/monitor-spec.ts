// Generated from schemas/avro by schemas/scripts/generate-types.ts. Do not edit.

/** A model's monitor spec and reference profile, as published by `driftline monitor apply`. Topic: monitors (compacted), key: modelId. */
export interface MonitorSpec {
  modelId: string;
  /** Format version of specJson. */
  specVersion: number;
  /** The monitor spec as JSON, valid against docs/monitor-spec.schema.json. */
  specJson: string;
  profileId: null | string;
  /** The reference profile as JSON. */
  profileJson: null | string;
  publishedAt: number;
}

export const monitorSpecSchema = {
  "type": "record",
  "name": "MonitorSpec",
  "namespace": "io.driftline",
  "doc": "A model's monitor spec and reference profile, as published by `driftline monitor apply`. Topic: monitors (compacted), key: modelId.",
  "fields": [
    {
      "name": "modelId",
      "type": "string"
    },
    {
      "name": "specVersion",
      "type": "int",
      "doc": "Format version of specJson."
    },
    {
      "name": "specJson",
      "type": "string",
      "doc": "The monitor spec as JSON, valid against docs/monitor-spec.schema.json."
    },
    {
      "name": "profileId",
      "type": [
        "null",
        "string"
      ],
      "default": null
    },
    {
      "name": "profileJson",
      "type": [
        "null",
        "string"
      ],
      "default": null,
      "doc": "The reference profile as JSON."
    },
    {
      "name": "publishedAt",
      "type": {
        "type": "long",
        "logicalType": "timestamp-millis"
      }
    }
  ]
} as const;
