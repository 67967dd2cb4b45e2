// Window findings (core/window-findings) as event drafts: parse the aggregator's views, pick the
// references, run the tests of the pass, and add what a DriftEvent needs besides the finding (model,
// version, window bounds, reference profile id).
import type { EventDraft } from '../core/detection-event.ts';
import { parseWindowSnapshot, toBurnInBehaviour, toWindowFindings } from '../core/window-findings/index.ts';
import type { WindowGroup } from './window-evaluator.ts';

/**
 * Models whose baseline has no outcomes or co-moments are compared, for those, with the merged
 * windows before this one (the evaluator passes up to `windows.rolling` of them): docs/detector.md.
 */
export function toWindowDrafts(group: WindowGroup): EventDraft[] {
  const windows = group.views.map((v, i) => parseWindowSnapshot(v, `windows[${i}]`));
  const history = group.history.flat().map((v, i) => parseWindowSnapshot(v, `history[${i}]`));
  const findings = toWindowFindings({ spec: group.model.spec, baseline: group.model.baseline, windows, burnIn: toBurnInBehaviour(history), pass: group.pass });
  return findings.map((f) => ({
    kind: f.kind, modelId: group.model.modelId, modelVersion: group.version, slice: f.slice, feature: f.feature, statistic: f.statistic,
    value: f.value, threshold: f.threshold, windowStart: group.start, windowEnd: group.end, referenceProfileId: group.model.profileId,
    referenceSize: f.referenceSize, currentSize: f.currentSize, severity: f.severity, explanation: f.explanation, recommendedAction: f.recommendedAction,
    traceparent: null,
  }));
}
