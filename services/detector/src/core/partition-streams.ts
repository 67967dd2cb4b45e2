// The streams of one input partition: routes each record's values to its (version, slice, feature)
// streams, and holds detections of the "overall" slice for a while so that a change that one slice
// explains is reported for that slice (docs/detector.md, "Attribution").
import { LAST, createStreamState, observeStream, restoreStreamState, toNewestSum, toStreamSnapshot } from './stream-state.ts';
import type { Firing, StreamSnapshot, StreamState } from './stream-state.ts';
import type { DetectorDeclaration } from '@driftline/schemas';

export const OVERALL = 'overall';

export const StreamSource = {
  FEATURE: 'feature',
  PREDICTION: 'prediction',
  ERRORS: 'errors',
} as const;
export type StreamSource = (typeof StreamSource)[keyof typeof StreamSource];

/** One record, as the streams see it. */
export interface Observation {
  readonly modelId: string;
  readonly version: string;
  /** "overall" first, then `key=value` for each slice key the record has. */
  readonly slices: readonly string[];
  readonly eventTime: number;
  readonly offset: number;
  /** Values to feed: source, feature name (the score and the error stream use null), value. */
  readonly values: readonly (readonly [StreamSource, string | null, number])[];
  /** W3C trace context of the record, if it carried one. */
  readonly traceparent?: string;
}

export interface Detection {
  readonly modelId: string;
  readonly version: string;
  readonly slice: string;
  readonly source: StreamSource;
  readonly feature: string | null;
  readonly firing: Firing;
  /** Offset and event time of the record that made the detector fire. */
  readonly offset: number;
  readonly eventTime: number;
  /** Records the stream had seen. */
  readonly count: number;
  readonly traceparent?: string;
}

export interface PartitionStreams {
  readonly streams: Map<string, StreamState>;
  /** Overall detections waiting for the hold to pass. */
  held: Detection[];
  /** Event time of the last slice detection per model, version, source and feature (explains overall ones). */
  readonly sliceFired: Map<string, number>;
  /** Slice streams (not overall) per model, version, source and feature. */
  readonly families: Map<string, Map<string, StreamState>>;
  /** Largest event time seen on the partition. */
  streamTime: number;
}

export function createPartitionStreams(): PartitionStreams {
  return { streams: new Map(), held: [], sliceFired: new Map(), families: new Map(), streamTime: -Infinity };
}

/** Detectors the spec names for a source. */
export type DeclarationsOf = (modelId: string, source: StreamSource) => readonly DetectorDeclaration[];

export interface ObserveOptions {
  readonly declarations: DeclarationsOf;
  /** How long (event time) an overall detection waits for a slice to explain it. */
  readonly holdMs: number;
  /** How long after a slice detection an overall one of the same feature counts as explained by it (the model's cooldown). */
  readonly explainMs: (modelId: string) => number;
  /** Smallest change worth an alert: in standard deviations of the stream (features, score)... */
  readonly minEffect: number;
  /** ... and as a rise of the error rate (error streams; the model's alerts.performanceDrop / 2). */
  readonly minErrorRise: (modelId: string) => number;
  /** Records a stream must have seen before its detections count (the model's alerts.minEvidence). */
  readonly minEvidence: (modelId: string) => number;
}

/** Feeds one record; returns the detections to report now (held overall ones included once due). */
export function observeRecord(ps: PartitionStreams, obs: Observation, options: ObserveOptions): Detection[] {
  if (obs.eventTime > ps.streamTime) ps.streamTime = obs.eventTime;
  const out: Detection[] = [];
  for (const [source, feature, x] of obs.values) {
    if (!Number.isFinite(x)) continue;
    const declarations = options.declarations(obs.modelId, source);
    if (declarations.length === 0) continue;
    for (const slice of obs.slices) {
      const key = toStreamKey(obs.modelId, obs.version, slice, source, feature);
      const family = toStreamKey(obs.modelId, obs.version, '', source, feature);
      let stream = ps.streams.get(key);
      if (stream === undefined) { stream = createStreamState(declarations); addStream(ps, key, family, slice, stream); }
      const fired = observeStream(stream, x, obs.eventTime);
      if (fired === undefined) continue;
      if (stream.n < options.minEvidence(obs.modelId)) continue;
      if (source === StreamSource.ERRORS ? fired.after - fired.before < options.minErrorRise(obs.modelId) : fired.effect < options.minEffect) continue;
      const blamed = slice === OVERALL ? toBlamedSlice(ps.families.get(family), stream, fired) : undefined;
      const detection: Detection = {
        modelId: obs.modelId, version: obs.version, slice: blamed?.slice ?? slice, source, feature, firing: blamed?.firing ?? fired,
        offset: obs.offset, eventTime: obs.eventTime, count: blamed?.count ?? stream.n,
        ...(obs.traceparent === undefined ? {} : { traceparent: obs.traceparent }),
      };
      if (detection.slice !== OVERALL) {
        ps.sliceFired.set(family, obs.eventTime);
        out.push(detection);
      } else if (obs.eventTime - (ps.sliceFired.get(family) ?? -Infinity) < options.explainMs(obs.modelId)) {
        continue; // a slice of this feature changed recently: it explains the overall change
      } else if (obs.slices.length > 1 && options.holdMs > 0) {
        ps.held.push(detection);
      } else {
        out.push(detection);
      }
    }
  }
  return releaseHeld(ps, options, out);
}

function addStream(ps: PartitionStreams, key: string, family: string, slice: string, stream: StreamState): void {
  ps.streams.set(key, stream);
  if (slice === OVERALL) return;
  let members = ps.families.get(family);
  if (members === undefined) { members = new Map(); ps.families.set(family, members); }
  members.set(slice, stream);
}

/** Records a slice stream needs since its last detection before its shift can take the blame. */
const MIN_BLAME_RECORDS = 30;

/**
 * The slice that explains an overall change, if one clearly does. Each slice's shift is the mean of
 * its newest records (as many as the slice contributed to the overall detector's recent window, at
 * least 5, at most LAST) against its mean since its last detection before them, as a z-score (shift
 * over the standard error of the newest mean). The slice is blamed when its z-score is at least 3
 * and at least 1.5 times that of any other slice (of any key: the clearest one wins).
 */
function toBlamedSlice(members: ReadonlyMap<string, StreamState> | undefined, overall: StreamState, fired: Firing): { slice: string; firing: Firing; count: number } | undefined {
  if (members === undefined || members.size < 2 || overall.n === 0) return undefined;
  const shifts: { slice: string; s: StreamState; before: number; after: number; std: number; z: number }[] = [];
  for (const [slice, s] of members) {
    const k = Math.min(LAST, s.n, Math.max(5, Math.round(fired.span * s.n / overall.n)));
    const std = s.n > 1 ? Math.sqrt(s.m2 / s.n) : 0;
    if (s.since - k < MIN_BLAME_RECORDS || std === 0) continue;
    const newest = toNewestSum(s, k);
    const before = (s.sinceSum - newest) / (s.since - k);
    const after = newest / k;
    shifts.push({ slice, s, before, after, std, z: Math.abs(after - before) / (std / Math.sqrt(k)) });
  }
  shifts.sort((a, b) => b.z - a.z);
  const [top, second] = shifts;
  if (top === undefined || top.z < 3 || (second !== undefined && top.z < 1.5 * second.z)) return undefined;
  return { slice: top.slice, count: top.s.n, firing: { ...fired, before: top.before, after: top.after, effect: Math.abs(top.after - top.before) / top.std, span: Math.min(fired.span, top.s.since) } };
}

/**
 * Moves due held detections to `out`. An overall detection is dropped when a slice stream of the same
 * feature fired within the model's explain period around it: the slice explains it.
 */
function releaseHeld(ps: PartitionStreams, options: ObserveOptions, out: Detection[]): Detection[] {
  if (ps.held.length === 0) return out;
  const kept: Detection[] = [];
  for (const d of ps.held) {
    const sliceAt = ps.sliceFired.get(toStreamKey(d.modelId, d.version, '', d.source, d.feature));
    if (sliceAt !== undefined && Math.abs(sliceAt - d.eventTime) < options.explainMs(d.modelId)) continue;
    if (ps.streamTime >= d.eventTime + options.holdMs) out.push(d);
    else kept.push(d);
  }
  ps.held = kept;
  return out;
}

export function toStreamKey(modelId: string, version: string, slice: string, source: StreamSource, feature: string | null): string {
  return `${modelId}\u0000${version}\u0000${slice}\u0000${source}\u0000${feature ?? ''}`;
}

/** Checkpoint JSON of the partition's streams. */
export interface PartitionSnapshot {
  readonly streams: Record<string, StreamSnapshot>;
  readonly held: Detection[];
  readonly sliceFired: Record<string, number>;
  readonly streamTime: number | null;
}

export function toPartitionSnapshot(ps: PartitionStreams): PartitionSnapshot {
  const streams: Record<string, StreamSnapshot> = {};
  for (const [key, state] of ps.streams) streams[key] = toStreamSnapshot(state);
  return { streams, held: ps.held, sliceFired: Object.fromEntries(ps.sliceFired), streamTime: Number.isFinite(ps.streamTime) ? ps.streamTime : null };
}

export function restorePartitionStreams(snapshot: PartitionSnapshot): PartitionStreams {
  const streams = new Map<string, StreamState>();
  const ps: PartitionStreams = { streams, held: [...snapshot.held], sliceFired: new Map(Object.entries(snapshot.sliceFired)), families: new Map(), streamTime: snapshot.streamTime ?? -Infinity };
  for (const [key, s] of Object.entries(snapshot.streams)) {
    const [modelId = '', version = '', slice = '', source = StreamSource.FEATURE, feature = ''] = key.split('\u0000');
    addStream(ps, key, toStreamKey(modelId, version, '', source as StreamSource, feature === '' ? null : feature), slice, restoreStreamState(s));
  }
  return ps;
}
