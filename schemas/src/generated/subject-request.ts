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

/** A data-subject request. Topic: erasure-requests (compacted), key: request id. Tombstoned once handled. After an erasure the eraser writes a deny-list entry under the key deny:<pseudonym>: the same record without subjectId, with subjectPseudonym and erasedAt (docs/privacy.md). */
export interface SubjectRequest {
  requestId: string;
  kind: SubjectRequestKind;
  /** Plain subject id (personal data); leaves the topic when the request is tombstoned. Null in a deny-list entry. */
  subjectId: null | string;
  mode: null | ErasureMode;
  /** Field corrections for RECTIFY. */
  changes: null | Record<string, null | boolean | number | string>;
  requestedAt: number;
  /** Deny-list entry only: the keyed pseudonym of the erased subject. */
  subjectPseudonym: null | string;
  /** Deny-list entry only: when the erasure was handled; records of the pseudonym with an event time up to it are erased on sight (restores, replays). */
  erasedAt: null | number;
}

export const subjectRequestSchema = {
  "type": "record",
  "name": "SubjectRequest",
  "namespace": "io.driftline",
  "doc": "A data-subject request. Topic: erasure-requests (compacted), key: request id. Tombstoned once handled. After an erasure the eraser writes a deny-list entry under the key deny:<pseudonym>: the same record without subjectId, with subjectPseudonym and erasedAt (docs/privacy.md).",
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
      "type": [
        "null",
        "string"
      ],
      "default": null,
      "doc": "Plain subject id (personal data); leaves the topic when the request is tombstoned. Null in a deny-list entry."
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
    },
    {
      "name": "subjectPseudonym",
      "type": [
        "null",
        "string"
      ],
      "default": null,
      "doc": "Deny-list entry only: the keyed pseudonym of the erased subject."
    },
    {
      "name": "erasedAt",
      "type": [
        "null",
        {
          "type": "long",
          "logicalType": "timestamp-millis"
        }
      ],
      "default": null,
      "doc": "Deny-list entry only: when the erasure was handled; records of the pseudonym with an event time up to it are erased on sight (restores, replays)."
    }
  ]
} as const;
