// The body of `POST /v1/retractions` (the contract with the eraser; docs/aggregator.md "Retractions").
import { z } from 'zod';

const featureValue = z.union([z.null(), z.boolean(), z.number(), z.string()]);
const prediction = z.object({ label: z.string().nullable(), score: z.number().nullable() });
const predictionLog = z.object({
  requestId: z.string(), modelId: z.string(), modelVersion: z.string(), timestamp: z.number(),
  features: z.record(z.string(), featureValue), prediction, slice: z.record(z.string(), z.string()), subjectId: z.string().nullable(),
});
const outcome = z.object({
  requestId: z.string(), modelId: z.string(), modelVersion: z.string(), predictionTimestamp: z.number(), labelTimestamp: z.number(), labelDelayMs: z.number(),
  features: z.record(z.string(), featureValue), prediction, label: z.string().nullable(), value: z.number().nullable(), slice: z.record(z.string(), z.string()), subjectId: z.string().nullable(),
});
const record = z.discriminatedUnion('topic', [
  z.object({ topic: z.literal('predictions'), partition: z.number().int().min(0), offset: z.string().regex(/^\d+$/), value: predictionLog, replacement: predictionLog.optional() }),
  z.object({ topic: z.literal('outcomes'), partition: z.number().int().min(0), offset: z.string().regex(/^\d+$/), value: outcome, replacement: outcome.optional() }),
]);

export const retractionBody = z.object({
  /** The correction id (the eraser's request id): records are taken out once per id. */
  id: z.string().min(1).max(200).regex(/^[^{}\s]+$/, 'no braces or spaces'),
  records: z.array(record).max(100_000),
});
export type RetractionBody = z.output<typeof retractionBody>;
export type RetractionRecord = RetractionBody['records'][number];
