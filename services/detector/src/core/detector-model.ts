// What the detector needs of one model: the spec, the reference profile (parsed once), the scale of
// each numeric stream (reference mean and standard deviation: detectors see standardised values,
// so one detector setting fits features of any unit) and the reference sizes per slice.
import { parseReferenceProfile } from '@driftline/stats';
import type { ReferenceProfile } from '@driftline/stats';
import type { DetectorDeclaration, MonitorSpecDocument } from '@driftline/schemas';
import { OVERALL, StreamSource } from './partition-streams.ts';

export const SCORE = '__score';

export interface Scale { readonly mean: number; readonly std: number }

export interface DetectorModel {
  readonly modelId: string;
  readonly spec: MonitorSpecDocument;
  readonly profileId: string | null;
  /** The baseline document's JSON (overall, slices, prediction), or null when none was published. */
  readonly profileJson: string | null;
  /** Non-pii numeric features: the ones with streaming detectors. */
  readonly numeric: readonly string[];
  /** Reference mean and std per numeric feature and for the score (SCORE); absent without a reference. */
  readonly scales: ReadonlyMap<string, Scale>;
  /** Reference rows overall and per slice id. */
  readonly referenceRows: ReadonlyMap<string, number>;
  readonly declarations: Readonly<Record<StreamSource, readonly DetectorDeclaration[]>>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function toDetectorModel(input: { spec: MonitorSpecDocument; profileJson: string | null; profileId: string | null }): DetectorModel {
  const { spec } = input;
  const numeric = spec.features.filter((f) => f.type === 'numeric' && !f.pii).map((f) => f.name);
  const scales = new Map<string, Scale>();
  const referenceRows = new Map<string, number>();
  if (input.profileJson !== null) {
    const doc: unknown = JSON.parse(input.profileJson);
    const overall = parseReferenceProfile(isRecord(doc) && doc['overall'] !== undefined ? doc['overall'] : doc);
    referenceRows.set(OVERALL, overall.rows);
    for (const name of numeric) addScale(scales, name, overall, name);
    const prediction = isRecord(doc) && doc['prediction'] !== undefined ? parseReferenceProfile(doc['prediction']) : undefined;
    if (prediction !== undefined) addScale(scales, SCORE, prediction, Object.keys(prediction.stats).find((k) => prediction.stats[k]?.kind === 'numeric') ?? SCORE);
    if (isRecord(doc) && isRecord(doc['slices'])) {
      for (const [id, p] of Object.entries(doc['slices'])) if (isRecord(p) && typeof p['rows'] === 'number') referenceRows.set(id, p['rows']);
    }
  }
  return {
    modelId: spec.modelId, spec, profileId: input.profileId, profileJson: input.profileJson, numeric, scales, referenceRows,
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
