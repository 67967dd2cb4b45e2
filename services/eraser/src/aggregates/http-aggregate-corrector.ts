// Adapter: AggregateCorrector over the aggregator's `POST /v1/retractions` (bearer token when
// configured). Records go in batches, in the order given (the aggregator applies each partition's
// records in offset order, exactly once per correction id).
import { EraserError, eraserErrorCodes } from '../errors.ts';
import type { AggregateCorrector, CorrectionRecord, CorrectionSummary } from '../ports.ts';

const BATCH = 2000;

export function createHttpAggregateCorrector(options: { readonly url: string; readonly token?: string }): AggregateCorrector {
  const endpoint = new URL('/v1/retractions', options.url).toString();
  const post = async (id: string, records: readonly CorrectionRecord[]): Promise<CorrectionSummary> => {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }) },
      body: JSON.stringify({ id, records }),
    }).catch((error: unknown) => { throw new EraserError({ code: eraserErrorCodes.DL_ERASER_AGGREGATOR_FAILED, retriable: true, message: `the aggregator did not answer at ${endpoint}`, cause: error }); });
    if (!res.ok) {
      throw new EraserError({ code: eraserErrorCodes.DL_ERASER_AGGREGATOR_FAILED, retriable: res.status >= 500 || res.status === 409, message: `the aggregator answered ${res.status} to a retraction` });
    }
    return (await res.json()) as CorrectionSummary;
  };
  return {
    async correct({ id, records }) {
      const total = { applied: 0, alreadyApplied: 0, skipped: {} as Record<string, number>, notes: new Set<string>() };
      for (let i = 0; i < records.length; i += BATCH) {
        const summary = await post(id, records.slice(i, i + BATCH));
        total.applied += summary.applied;
        total.alreadyApplied += summary.alreadyApplied;
        for (const [reason, n] of Object.entries(summary.skipped)) total.skipped[reason] = (total.skipped[reason] ?? 0) + n;
        for (const note of summary.notes) total.notes.add(note);
      }
      return { applied: total.applied, alreadyApplied: total.alreadyApplied, skipped: total.skipped, notes: [...total.notes] };
    },
  };
}
