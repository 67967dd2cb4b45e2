// A reference for outcomes and correlations built from earlier windows, for models whose baseline
// has no labels (or no scores): the runtime passes the windows it chooses (docs/detector.md,
// "References").
import { createCoMoments, createOutcomeCounts, mergeCoMoments, mergeOutcomeCounts } from '@driftline/stats';
import type { CoMomentsState, ReferenceBehaviour } from '@driftline/stats';
import type { BehaviourSet } from './finding-context.ts';
import { OVERALL_SLICE, toDecodedSlice } from './finding-context.ts';
import type { WindowSnapshot } from './window-snapshot.ts';

/** Outcomes and co-moments of `windows` merged per slice; undefined without windows. */
export function toBurnInBehaviour(windows: readonly WindowSnapshot[]): BehaviourSet | undefined {
  if (windows.length === 0) return undefined;
  const merged = new Map<string, ReferenceBehaviour>();
  for (const w of windows) {
    const id = toDecodedSlice(w.slice);
    const prev = merged.get(id) ?? { outcomes: createOutcomeCounts(), coMoments: {} };
    const coMoments: Record<string, CoMomentsState> = { ...prev.coMoments };
    for (const [name, m] of Object.entries(w.stats.coMoments)) coMoments[name] = mergeCoMoments(coMoments[name] ?? createCoMoments(), m);
    merged.set(id, { outcomes: mergeOutcomeCounts(prev.outcomes, w.stats.outcomes), coMoments });
  }
  const slices: Record<string, ReferenceBehaviour> = {};
  for (const [id, b] of merged) if (id !== OVERALL_SLICE) slices[id] = b;
  return { overall: merged.get(OVERALL_SLICE) ?? { outcomes: createOutcomeCounts(), coMoments: {} }, slices };
}
