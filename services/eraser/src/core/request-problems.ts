// Why a subject request is refused (the reason of its dead letter; docs/errors.md, "Eraser").
export const requestProblems = {
  /** The request names no subject, or an empty one. */
  DL_ERASER_NO_SUBJECT: 'DL_ERASER_NO_SUBJECT',
  /** A rectification without changes, or with a change the eraser cannot make (only features and slice attributes). */
  DL_ERASER_BAD_CHANGES: 'DL_ERASER_BAD_CHANGES',
  /** The record key is not the request's requestId. */
  DL_ERASER_KEY_MISMATCH: 'DL_ERASER_KEY_MISMATCH',
} as const;
export type RequestProblem = (typeof requestProblems)[keyof typeof requestProblems];
