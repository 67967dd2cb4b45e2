/**
 * What labelled outcomes say about a model, as counts: the distribution of actual labels, the
 * confusion cells `<predicted>|<actual>` (classifiers) and the sums of the errors score − value
 * (regression). The aggregator keeps the same counts per window; `driftline baseline` per slice of
 * the reference when its rows carry labels. Plain data, exact merge.
 */
export interface OutcomeCountsState {
  n: number;
  labels: Record<string, number>;
  confusion: Record<string, number>;
  errors: { n: number; sum: number; sumSq: number; sumAbs: number };
}

/** One labelled outcome. */
export interface OutcomeValues {
  /** Actual class (classifiers). */
  readonly actual?: string | undefined;
  /** Predicted class (classifiers), when the prediction has one. */
  readonly predicted?: string | undefined;
  /** Prediction error score − value (regression). */
  readonly error?: number | undefined;
}

/** Empty counts. */
export function createOutcomeCounts(): OutcomeCountsState {
  return { n: 0, labels: {}, confusion: {}, errors: { n: 0, sum: 0, sumSq: 0, sumAbs: 0 } };
}

/** Mutates `state` with one outcome. */
export function recordOutcome(state: OutcomeCountsState, outcome: OutcomeValues): void {
  state.n += 1;
  const { actual, predicted, error } = outcome;
  if (actual !== undefined) {
    state.labels[actual] = (state.labels[actual] ?? 0) + 1;
    if (predicted !== undefined) {
      const cell = `${predicted}|${actual}`;
      state.confusion[cell] = (state.confusion[cell] ?? 0) + 1;
    }
  }
  if (error !== undefined && Number.isFinite(error)) {
    state.errors.n += 1;
    state.errors.sum += error;
    state.errors.sumSq += error * error;
    state.errors.sumAbs += Math.abs(error);
  }
}

function sumRecords(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): Record<string, number> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/** Field-wise sum. */
export function mergeOutcomeCounts(a: OutcomeCountsState, b: OutcomeCountsState): OutcomeCountsState {
  return {
    n: a.n + b.n,
    labels: sumRecords(a.labels, b.labels),
    confusion: sumRecords(a.confusion, b.confusion),
    errors: { n: a.errors.n + b.errors.n, sum: a.errors.sum + b.errors.sum, sumSq: a.errors.sumSq + b.errors.sumSq, sumAbs: a.errors.sumAbs + b.errors.sumAbs },
  };
}

/** Correct predictions and all predictions with a class, from the confusion cells. */
export function toAccuracyCounts(state: OutcomeCountsState): { readonly correct: number; readonly total: number } {
  let correct = 0;
  let total = 0;
  for (const [cell, n] of Object.entries(state.confusion)) {
    const bar = cell.indexOf('|');
    total += n;
    if (cell.slice(0, bar) === cell.slice(bar + 1)) correct += n;
  }
  return { correct, total };
}

/** The binary confusion matrix for `positive` (every other class is negative). */
export interface BinaryConfusion {
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
}

/** Collapses the confusion cells to a binary matrix around the positive class. */
export function toBinaryConfusion(state: OutcomeCountsState, positive: string): BinaryConfusion {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (const [cell, n] of Object.entries(state.confusion)) {
    const bar = cell.indexOf('|');
    const p = cell.slice(0, bar) === positive;
    const a = cell.slice(bar + 1) === positive;
    if (p && a) tp += n;
    else if (p) fp += n;
    else if (a) fn += n;
    else tn += n;
  }
  return { tp, fp, tn, fn };
}
