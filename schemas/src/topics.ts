// The topic catalog of design.md §2: default names, value schema, key and retention class.
import { predictionLogSchema } from './generated/prediction-log.ts';
import { groundTruthSchema } from './generated/ground-truth.ts';
import { outcomeSchema } from './generated/outcome.ts';
import { driftEventSchema } from './generated/drift-event.ts';
import { retrainRequestSchema } from './generated/retrain-request.ts';
import { monitorSpecSchema } from './generated/monitor-spec.ts';
import { subjectRequestSchema } from './generated/subject-request.ts';
import { subjectReceiptSchema } from './generated/subject-receipt.ts';
import { deadLetterSchema } from './generated/dead-letter.ts';

/** How a topic is cleaned up: personal-data topics are compacted and time-bounded for erasure. */
export const TopicClass = {
  PERSONAL: 'personal',
  EVENTS: 'events',
  TABLE: 'table',
} as const;
export type TopicClass = (typeof TopicClass)[keyof typeof TopicClass];

export const TopicRole = {
  PREDICTIONS: 'predictions',
  LABELS: 'labels',
  OUTCOMES: 'outcomes',
  DRIFT_EVENTS: 'drift-events',
  RETRAIN_REQUESTS: 'retrain-requests',
  MONITORS: 'monitors',
  ERASURE_REQUESTS: 'erasure-requests',
  ERASURE_RECEIPTS: 'erasure-receipts',
  DEAD_LETTERS: 'dead-letters',
} as const;
export type TopicRole = (typeof TopicRole)[keyof typeof TopicRole];

export interface TopicContract {
  readonly role: TopicRole;
  /** Default topic name; every service lets it be overridden. */
  readonly defaultName: string;
  readonly schema: { readonly name: string };
  readonly key: string;
  readonly topicClass: TopicClass;
}

export const topicContracts: readonly TopicContract[] = [
  { role: TopicRole.PREDICTIONS, defaultName: 'predictions', schema: predictionLogSchema, key: 'requestId', topicClass: TopicClass.PERSONAL },
  { role: TopicRole.LABELS, defaultName: 'labels', schema: groundTruthSchema, key: 'requestId', topicClass: TopicClass.PERSONAL },
  { role: TopicRole.OUTCOMES, defaultName: 'outcomes', schema: outcomeSchema, key: 'requestId', topicClass: TopicClass.PERSONAL },
  { role: TopicRole.DRIFT_EVENTS, defaultName: 'drift-events', schema: driftEventSchema, key: 'modelId', topicClass: TopicClass.EVENTS },
  { role: TopicRole.RETRAIN_REQUESTS, defaultName: 'retrain-requests', schema: retrainRequestSchema, key: 'modelId', topicClass: TopicClass.EVENTS },
  { role: TopicRole.MONITORS, defaultName: 'monitors', schema: monitorSpecSchema, key: 'modelId', topicClass: TopicClass.TABLE },
  { role: TopicRole.ERASURE_REQUESTS, defaultName: 'erasure-requests', schema: subjectRequestSchema, key: 'requestId', topicClass: TopicClass.TABLE },
  { role: TopicRole.ERASURE_RECEIPTS, defaultName: 'erasure-receipts', schema: subjectReceiptSchema, key: 'requestId', topicClass: TopicClass.TABLE },
  { role: TopicRole.DEAD_LETTERS, defaultName: 'dead-letters', schema: deadLetterSchema, key: 'original key', topicClass: TopicClass.PERSONAL },
];

/** The contract of a topic role (every role is in the catalog). */
export function topicContract(role: TopicRole): TopicContract {
  const found = topicContracts.find((t) => t.role === role);
  if (found === undefined) throw new Error(`unknown topic role ${role}`);
  return found;
}
