// The serving traffic of the scenario (pure): predictions at a steady rate of event time, each
// with its label due 2–10 minutes later (event time), the world changed by whichever incidents are
// active. `advance(to)` returns everything that happened up to event time `to`.
import type { GroundTruth, PredictionLog } from '@driftline/schemas';
import { MODEL_ID, MODEL_VERSION, drawApplicant, drawOutcome, toPredictedLabel, toScore, toSentFeatures } from '../credit/credit-model.ts';
import type { Features } from '../credit/credit-model.ts';
import { createRandom } from '../credit/random.ts';
import { ERASED_SUBJECT, IncidentId, toWorldChanges } from './schedule.ts';
import type { Schedule } from './schedule.ts';

export const LABEL_DELAY_MIN_MS = 2 * 60_000;
export const LABEL_DELAY_MAX_MS = 10 * 60_000;
/** How often (event time) the customer who later asks for erasure applies, until a while before the request. */
const ERASED_SUBJECT_EVERY_MS = 12 * 60_000;
const ERASED_SUBJECT_LAST_MS = 30 * 60_000;
const CUSTOMERS = 20_000;

export interface TrafficBatch {
  readonly predictions: readonly PredictionLog[];
  readonly labels: readonly GroundTruth[];
  /** Incidents whose start lies in this batch. */
  readonly started: readonly IncidentId[];
}

export interface Traffic {
  /** Event time reached so far. */
  readonly now: () => number;
  advance(toMs: number): TrafficBatch;
  /** Labels not yet due. */
  readonly pendingLabels: () => number;
}

interface DueLabel { readonly dueMs: number; readonly label: GroundTruth }

/** A binary min-heap of labels by due time. */
function createLabelQueue(): { push(x: DueLabel): void; popDue(toMs: number): GroundTruth[]; size(): number } {
  const heap: DueLabel[] = [];
  const less = (i: number, j: number): boolean => (heap[i]?.dueMs ?? 0) < (heap[j]?.dueMs ?? 0);
  const swap = (i: number, j: number): void => { const t = heap[i]; heap[i] = heap[j] as DueLabel; heap[j] = t as DueLabel; };
  return {
    push(x) {
      heap.push(x);
      for (let i = heap.length - 1; i > 0 && less(i, (i - 1) >> 1); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
    },
    popDue(toMs) {
      const out: GroundTruth[] = [];
      while (heap.length > 0 && (heap[0]?.dueMs ?? Infinity) <= toMs) {
        const top = heap[0] as DueLabel;
        const last = heap.pop() as DueLabel;
        if (heap.length > 0) {
          heap[0] = last;
          for (let i = 0; ;) {
            const l = 2 * i + 1;
            const r = l + 1;
            let m = i;
            if (l < heap.length && less(l, m)) m = l;
            if (r < heap.length && less(r, m)) m = r;
            if (m === i) break;
            swap(i, m);
            i = m;
          }
        }
        out.push(top.label);
      }
      return out;
    },
    size: () => heap.length,
  };
}

function toFeatureMap(f: Features): Record<string, number | string> {
  return {
    age: f.age, income: f.income, debt_ratio: f.debt_ratio, employment: f.employment, marital_status: f.marital_status,
    ...(f.credit_lines === undefined ? {} : { credit_lines: f.credit_lines }),
  };
}

export function createTraffic(options: { readonly schedule: Schedule; readonly ratePerMinute: number; readonly seed: number }): Traffic {
  const random = createRandom(options.seed);
  const labels = createLabelQueue();
  const erasure = options.schedule.incidents.find((i) => i.id === IncidentId.ERASURE);
  let now = options.schedule.startMs;
  let carry = 0;
  let seq = 0;
  let nextErasedSubjectAt = options.schedule.startMs + ERASED_SUBJECT_EVERY_MS / 2;

  const subjectAt = (t: number): string => {
    if (erasure !== undefined && t < erasure.startMs - ERASED_SUBJECT_LAST_MS && t >= nextErasedSubjectAt) {
      nextErasedSubjectAt += ERASED_SUBJECT_EVERY_MS;
      return ERASED_SUBJECT;
    }
    return `cust-${String(100_000 + Math.floor(random.uniform() * CUSTOMERS))}`;
  };

  const predictionAt = (t: number): PredictionLog => {
    const changes = toWorldChanges(options.schedule, t);
    const applicant = drawApplicant(random, changes);
    const sent = toSentFeatures(applicant, changes);
    const score = toScore(sent);
    const requestId = `r-${String(++seq).padStart(8, '0')}`;
    const delay = LABEL_DELAY_MIN_MS + random.uniform() * (LABEL_DELAY_MAX_MS - LABEL_DELAY_MIN_MS);
    const dueMs = Math.round(t + delay);
    labels.push({ dueMs, label: { requestId, modelId: MODEL_ID, label: drawOutcome(random, applicant, changes), value: null, timestamp: dueMs } });
    return {
      requestId, modelId: MODEL_ID, modelVersion: MODEL_VERSION, timestamp: t, features: toFeatureMap(sent),
      prediction: { label: toPredictedLabel(score), score }, slice: { region: applicant.region, channel: applicant.channel }, subjectId: subjectAt(t),
    };
  };

  return {
    now: () => now,
    pendingLabels: () => labels.size(),
    advance(toMs) {
      if (toMs <= now) return { predictions: [], labels: [], started: [] };
      const expected = (options.ratePerMinute * (toMs - now)) / 60_000 + carry;
      const n = Math.floor(expected);
      carry = expected - n;
      const predictions: PredictionLog[] = [];
      for (let i = 0; i < n; i++) predictions.push(predictionAt(Math.round(now + ((toMs - now) * (i + random.uniform())) / n)));
      const started = options.schedule.incidents.filter((inc) => inc.startMs > now && inc.startMs <= toMs).map((inc) => inc.id);
      now = toMs;
      return { predictions, labels: labels.popDue(toMs), started };
    },
  };
}
