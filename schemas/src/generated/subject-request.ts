// Generated from schemas/avro by schemas/scripts/generate-types.ts. Do not edit.

export const SubjectRequestKind = {
  ERASE: 'ERASE',
  ACCESS: 'ACCESS',
  RECTIFY: 'RECTIFY',
} as const;
export type SubjectRequestKind = (typeof SubjectRequestKind)[keyof typeof SubjectRequestKind];

export const ErasureMode = {
  DELETE: 'DELETE',
  ANONYMIZE: 'ANONYMIZE',
} as const;
export type ErasureMode = (typeof ErasureMode)[keyof typeof ErasureMode];

/** A data-subject request. Topic: erasure-requests (compacted), key: request id. Tombstoned once handled. */
export interface SubjectRequest {
  requestId: string;
  kind: SubjectRequestKind;
  /** Plain subject id (personal data); leaves the topic when the request is tombstoned. */
  subjectId: string;
  mode: null | ErasureMode;
  /** Field corrections for RECTIFY. */
  changes: null | Record<string, null | boolean | number | string>;
  requestedAt: number;
}

export const subjectRequestSchema = {
  "type": "record",
  "name": "SubjectRequest",
  "namespace": "io.driftline",
  "doc": "A data-subject request. Topic: erasure-requests (compacted), key: request id. Tombstoned once handled.",
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
      "name": "subjectId",
      "type": "string",
      "doc": "Plain subject id (personal data); leaves the topic when the request is tombstoned."
    },
    {
      "name": "mode",
      "type": [
        "null",
        {
          "type": "enum",
          "name": "ErasureMode",
          "symbols": [
            "DELETE",
            "ANONYMIZE"
          ]
        }
      ],
      "default": null
    },
    {
      "name": "changes",
      "type": [
        "null",
        {
          "type": "map",
          "values": [
            "null",
            "boolean",
            "double",
            "string"
          ]
        }
      ],
      "default": null,
      "doc": "Field corrections for RECTIFY."
    },
    {
      "name": "requestedAt",
      "type": {
        "type": "long",
        "logicalType": "timestamp-millis"
      }
    }
  ]
} as const;
