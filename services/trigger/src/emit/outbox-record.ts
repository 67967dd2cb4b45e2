// What the outbox holds per request between its commit and the end of its announcement.
import { z } from 'zod';
import type { RetrainRequest } from '@driftline/schemas';

export interface OutboxRecord {
  readonly request: RetrainRequest;
  /** Trace context the request continues (the newest triggering event's; once published, the request's own). */
  readonly traceparent?: string;
  /** Trace contexts of the other triggering events (links of the request's span). */
  readonly links?: readonly string[];
  /** End offsets of the retrain-requests topic (partition → offset) before the request was published: after a crash, look for it from there. */
  readonly mark: Readonly<Record<string, string>>;
  /** The request is on the topic; what is left is the webhook. */
  readonly published: boolean;
}

const outboxRecord = z.object({
  request: z.object({
    requestId: z.string(), modelId: z.string(), modelVersion: z.string(),
    reasons: z.array(z.object({ policy: z.string(), detail: z.string(), eventIds: z.array(z.string()) })),
    trainFrom: z.number().nullable(), trainTo: z.number().nullable(), advice: z.string(), createdAt: z.number(),
  }),
  traceparent: z.string().exactOptional(),
  links: z.array(z.string()).exactOptional(),
  mark: z.record(z.string(), z.string()),
  published: z.boolean(),
});

export function toOutboxValue(record: OutboxRecord): string {
  return JSON.stringify(record);
}

/** The record, or undefined when the value is not one (it is then left for an operator: see the README). */
export function parseOutboxValue(value: string): OutboxRecord | undefined {
  try {
    const parsed = outboxRecord.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
