// What the detector needs of one model: the spec, the reference profile (parsed once), the scale of
// each numeric stream (reference mean and standard deviation: detectors see standardised values,
// so one detector setting fits features of any unit) and the reference sizes per slice.
import { parseBaselineDocument } from '@driftline/stats';
import type { BaselineDocument, ReferenceProfile } from '@driftline/stats';
import type { DetectorDeclaration, MonitorSpecDocument } from '@driftline/schemas';
import { OVERALL, StreamSource } from './partition-streams.ts';
import { toSliceId } from './slice-id.ts';

export const SCORE = '__score';

export interface Scale { readonly mean: number; readonly std: number }

export interface DetectorModel {
  readonly modelId: string;
  readonly spec: MonitorSpecDocument;
  readonly profileId: string | null;
  /** The published baseline (`driftline baseline`), parsed; undefined when none was published. */
  readonly baseline: BaselineDocument | undefined;
  /** Non-pii numeric features: the ones with streaming detectors. */
  readonly numeric: readonly string[];
  /** Reference mean and std per numeric feature and for the score (SCORE); absent without a reference. */
  readonly scales: ReadonlyMap<string, Scale>;
  /** Reference rows overall and per slice id. */
  readonly referenceRows: ReadonlyMap<string, number>;
  readonly declarations: Readonly<Record<StreamSource, readonly DetectorDeclaration[]>>;
}

export function toDetectorModel(input: { spec: MonitorSpecDocument; profileJson: string | null; profileId: string | null }): DetectorModel {
  const { spec } = input;
  const numeric = spec.features.filter((f) => f.type === 'numeric' && !f.pii).map((f) => f.name);
  const scales = new Map<string, Scale>();
  const referenceRows = new Map<string, number>();
  const baseline = input.profileJson === null ? undefined : parseBaselineDocument(JSON.parse(input.profileJson));
  if (baseline !== undefined) {
    referenceRows.set(OVERALL, baseline.overall.rows);
    for (const name of numeric) addScale(scales, name, baseline.overall, name);
    if (baseline.prediction !== undefined) addScale(scales, SCORE, baseline.prediction, 'score');
    for (const [id, p] of Object.entries(baseline.slices)) {
      // Baseline slice ids are raw `key=value`; events use the aggregator's URI-encoded form.
      const at = id.indexOf('=');
      referenceRows.set(at < 0 ? id : toSliceId(id.slice(0, at), id.slice(at + 1)), p.rows);
    }
  }
  return {
    modelId: spec.modelId, spec, profileId: input.profileId, baseline, numeric, scales, referenceRows,
    declarations: { [StreamSource.FEATURE]: spec.detectors.features, [StreamSource.PREDICTION]: spec.detectors.prediction, [StreamSource.ERRORS]: spec.detectors.errors },
  };
}

function addScale(scales: Map<string, Scale>, name: string, profile: ReferenceProfile, statsName: string): void {
  const stats = profile.stats[statsName];
  if (stats?.kind !== 'numeric' || stats.moments.n < 2) return;
  const std = Math.sqrt(stats.moments.m2 / stats.moments.n);
  if (std > 0 && Number.isFinite(std)) scales.set(name, { mean: stats.moments.mean, std });
}

/** The value a detector sees: standardised by the reference when it has a scale. */
export function toStandardised(model: DetectorModel, name: string, x: number): number {
  const scale = model.scales.get(name);
  return scale === undefined ? x : (x - scale.mean) / scale.std;
}
