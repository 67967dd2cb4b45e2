// Attribution: a change in one slice also moves the overall window (and the slices of other keys
// that share its records). Report it once, at the slices that explain it (docs/detector.md,
// "Attribution").
import type { Evaluation, Finding } from './finding.ts';
import { OVERALL_SLICE, toSliceKey } from './finding-context.ts';

/** Topics whose tests compare slices with each other, or run overall only: kept as they are. */
const crossSliceTopics = ['slice-mix|', 'fairness|', 'prediction-drift|'];

function withNote(finding: Finding, note: string): Finding {
  return { ...finding, explanation: finding.explanation.replace(/\.$/, `; ${note}.`) };
}

interface KeyTally {
  tested: number;
  readonly fired: Evaluation[];
}

function attributeTopic(evaluations: readonly Evaluation[]): Finding[] {
  const overall = evaluations.find((e) => e.slice === OVERALL_SLICE);
  const keys = new Map<string, KeyTally>();
  for (const e of evaluations) {
    const key = toSliceKey(e.slice);
    if (key === undefined) continue;
    let tally = keys.get(key);
    if (tally === undefined) { tally = { tested: 0, fired: [] }; keys.set(key, tally); }
    tally.tested += 1;
    if (e.finding !== undefined) tally.fired.push(e);
  }
  // A key localises the change when some of its slices fired and at least one tested slice is stable.
  let best: { key: string; tally: KeyTally; margin: number } | undefined;
  for (const [key, tally] of keys) {
    if (tally.fired.length === 0 || tally.fired.length === tally.tested) continue;
    const margin = Math.max(...tally.fired.map((e) => e.margin));
    if (best === undefined || margin > best.margin) best = { key, tally, margin };
  }
  const overallFired = overall?.finding;
  if (best !== undefined) {
    return best.tally.fired.flatMap((e) => (e.finding === undefined ? [] : [
      overallFired === undefined ? e.finding : withNote(e.finding, 'this slice explains the change seen across all traffic'),
    ]));
  }
  if (overallFired !== undefined) {
    const everywhere = [...keys].filter(([, t]) => t.fired.length > 0).map(([k]) => k);
    return [everywhere.length === 0 ? overallFired : withNote(overallFired, `every tested slice of ${everywhere.join(', ')} shows it too`)];
  }
  return evaluations.flatMap((e) => (e.finding === undefined ? [] : [e.finding]));
}

/**
 * The findings to report from all evaluations of one version-window. Per topic (one test across
 * slices, e.g. the data drift of one feature):
 * - if some slice key localises it (some of its slices fired, at least one tested slice stayed
 *   stable), only the fired slices of that key are reported — of the key whose strongest slice
 *   is furthest past its threshold when several do; the overall finding and other keys' slices,
 *   which only carry the change along with the records they share, are dropped;
 * - else if the overall window fired, only the overall finding is reported (the change is
 *   everywhere);
 * - else every fired slice is reported.
 */
export function toAttributedFindings(evaluations: readonly Evaluation[]): Finding[] {
  const topics = new Map<string, Evaluation[]>();
  const out: Finding[] = [];
  for (const e of evaluations) {
    if (crossSliceTopics.some((t) => e.topic.startsWith(t))) {
      if (e.finding !== undefined) out.push(e.finding);
      continue;
    }
    const list = topics.get(e.topic);
    if (list === undefined) topics.set(e.topic, [e]); else list.push(e);
  }
  for (const list of topics.values()) out.push(...attributeTopic(list));
  return out;
}
