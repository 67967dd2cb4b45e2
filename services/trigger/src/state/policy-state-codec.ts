// A model's PolicyState as the JSON document kept in Redis, checked on the way in (a document of
// another shape is refused with DL_TRIGGER_INVALID_STATE, never half-read).
import { z } from 'zod';
import { DriftKind, Severity } from '@driftline/schemas';
import type { PolicyState } from '../core/policy/policy-state.ts';
import { RequestStatus } from '../core/policy/policy-state.ts';
import { RetrainPolicy } from '../core/policy/retraining-rules.ts';
import { TriggerError, triggerErrorCodes } from '../errors.ts';

// JSON has no NaN: a NaN drift value is stored as null and read back as NaN.
const number = z.number().nullable().transform((v) => v ?? Number.NaN);

const signalEvent = z.object({
  eventId: z.string(), kind: z.enum(DriftKind), modelVersion: z.string(), slice: z.string(), feature: z.string().exactOptional(), statistic: z.string(),
  value: number, threshold: number, severity: z.enum(Severity), windowStart: z.number(), windowEnd: z.number(), traceparent: z.string().exactOptional(),
});

const policyState = z.object({
  requests: z.number().int().min(0),
  lastRequestAt: z.number().exactOptional(),
  open: z.object({ requestId: z.string(), createdAt: z.number(), policies: z.array(z.enum(RetrainPolicy)) }).exactOptional(),
  lastClosed: z.object({ requestId: z.string(), closedAt: z.number(), status: z.enum(RequestStatus) }).exactOptional(),
  labelsAtLastRequest: z.number(),
  scheduleCheckedUntil: z.number().exactOptional(),
  signals: z.array(z.object({ key: z.string(), decisive: z.boolean(), firstSeen: z.number(), lastSeen: z.number(), changePoint: z.number(), events: z.array(signalEvent) })),
  eventClock: z.number().exactOptional(),
  seenEventIds: z.array(z.string()),
  version: z.object({ name: z.string(), at: z.number() }).exactOptional(),
  suppressed: z.array(z.enum(RetrainPolicy)),
});

export function toPolicyDocument(state: PolicyState): string {
  return JSON.stringify(state);
}

/** Throws TriggerError DL_TRIGGER_INVALID_STATE when `body` is not a policy document. */
export function parsePolicyDocument(body: string, key: string): PolicyState {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new TriggerError({ code: triggerErrorCodes.DL_TRIGGER_INVALID_STATE, message: `policy document ${key} is not JSON`, context: { key }, cause: error });
  }
  const parsed = policyState.safeParse(json);
  if (!parsed.success) {
    throw new TriggerError({ code: triggerErrorCodes.DL_TRIGGER_INVALID_STATE, message: `policy document ${key} has another shape: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, context: { key } });
  }
  return parsed.data;
}
