// Generated from schemas/avro by schemas/scripts/generate-types.ts. Do not edit.

/** Input that could not be processed, with the reason. Topic: dead-letters, key: the original key (so erasure can reach it). */
export interface DeadLetter {
  /** A DL_* reason code from docs/errors.md. */
  reason: string;
  /** Human-readable cause; never personal data. */
  detail: string;
  sourceTopic: string;
  sourcePartition: number;
  /** Kafka offset as a decimal string (int64-safe). */
  sourceOffset: string;
  schemaId: null | number;
  /** Consumer group that dead-lettered the record. */
  service: string;
  failedAt: number;
  /** The original bytes, for replay after a fix. */
  originalValue: null | Uint8Array;
}

export const deadLetterSchema = {
  "type": "record",
  "name": "DeadLetter",
  "namespace": "io.driftline",
  "doc": "Input that could not be processed, with the reason. Topic: dead-letters, key: the original key (so erasure can reach it).",
  "fields": [
    {
      "name": "reason",
      "type": "string",
      "doc": "A DL_* reason code from docs/errors.md."
    },
    {
      "name": "detail",
      "type": "string",
      "doc": "Human-readable cause; never personal data."
    },
    {
      "name": "sourceTopic",
      "type": "string"
    },
    {
      "name": "sourcePartition",
      "type": "int"
    },
    {
      "name": "sourceOffset",
      "type": "string",
      "doc": "Kafka offset as a decimal string (int64-safe)."
    },
    {
      "name": "schemaId",
      "type": [
        "null",
        "int"
      ],
      "default": null
    },
    {
      "name": "service",
      "type": "string",
      "doc": "Consumer group that dead-lettered the record."
    },
    {
      "name": "failedAt",
      "type": {
        "type": "long",
        "logicalType": "timestamp-millis"
      }
    },
    {
      "name": "originalValue",
      "type": [
        "null",
        "bytes"
      ],
      "default": null,
      "doc": "The original bytes, for replay after a fix."
    }
  ]
} as const;
