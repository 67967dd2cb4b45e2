// Generated from schemas/avro by schemas/scripts/generate-types.ts. Do not edit.

export const SubjectRequestKind = {
  ERASE: 'ERASE',
  ACCESS: 'ACCESS',
  RECTIFY: 'RECTIFY',
} as const;
export type SubjectRequestKind = (typeof SubjectRequestKind)[keyof typeof SubjectRequestKind];

/** Proof that a subject request was handled. Topic: erasure-receipts (compacted), key: request id. Pseudonym only. */
export interface SubjectReceipt {
  requestId: string;
  kind: SubjectRequestKind;
  /** Keyed HMAC-SHA-256 pseudonym, never the plain id. */
  subjectPseudonym: string;
  /** What was removed or changed, per topic and store. */
  counts: Record<string, number>;
  receivedAt: number;
  completedAt: number;
  deadline: number;
  notes: string[];
}

export const subjectReceiptSchema = {
  "type": "record",
  "name": "SubjectReceipt",
  "namespace": "io.driftline",
  "doc": "Proof that a subject request was handled. Topic: erasure-receipts (compacted), key: request id. Pseudonym only.",
  "fields": [
    {
      "name": "requestId",
      "type": "string"
    },
    {
      "name": "kind",
      "type": {
        "type": "enum",
        "name": "SubjectRequestKind",
        "symbols": [
          "ERASE",
          "ACCESS",
          "RECTIFY"
        ]
      }
    },
    {
      "name": "subjectPseudonym",
      "type": "string",
      "doc": "Keyed HMAC-SHA-256 pseudonym, never the plain id."
    },
    {
      "name": "counts",
      "type": {
        "type": "map",
        "values": "long"
      },
      "doc": "What was removed or changed, per topic and store."
    },
    {
      "name": "receivedAt",
      "type": {
        "type": "long",
        "logicalType": "timestamp-millis"
      }
    },
    {
      "name": "completedAt",
      "type": {
        "type": "long",
        "logicalType": "timestamp-millis"
      }
    },
    {
      "name": "deadline",
      "type": {
        "type": "long",
        "logicalType": "timestamp-millis"
      }
    },
    {
      "name": "notes",
      "type": {
        "type": "array",
        "items": "string"
      },
      "default": []
    }
  ]
} as const;
