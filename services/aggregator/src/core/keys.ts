// Redis key layout of the aggregator (docs/aggregator.md). Every key of a model shares the hash tag
// {<modelId>}. Slice values are URI-encoded so separators stay unambiguous.
export const OVERALL = 'overall';
export const OTHER = '__other__';

export interface WindowId {
  readonly modelId: string;
  readonly version: string;
  readonly slice: string;
  readonly sizeMs: number;
  readonly start: number;
}

const sliceIds = new Map<string, Map<string, string>>();

/** `key=value`, URI-encoded; memoised (callers pass admitted values or __other__, a bounded set). */
export function toSliceId(key: string, value: string): string {
  let byValue = sliceIds.get(key);
  if (byValue === undefined) { byValue = new Map(); sliceIds.set(key, byValue); }
  let id = byValue.get(value);
  if (id === undefined) { id = `${encodeURIComponent(key)}=${encodeURIComponent(value)}`; byValue.set(value, id); }
  return id;
}

export function toWindowStart(timestamp: number, sizeMs: number): number {
  return Math.floor(timestamp / sizeMs) * sizeMs;
}

export function toWindowKey(prefix: string, w: WindowId): string {
  return `${prefix}agg:{${w.modelId}}:w:${encodeURIComponent(w.version)}:${w.slice}:${w.sizeMs}:${w.start}`;
}

/** Sorted set of a model's windows, scored by window start. */
export function toIndexKey(prefix: string, modelId: string): string {
  return `${prefix}agg:{${modelId}}:idx`;
}

export function toIndexMember(w: WindowId): string {
  return `${encodeURIComponent(w.version)}|${w.slice}|${w.sizeMs}|${w.start}`;
}

export function parseIndexMember(modelId: string, member: string): WindowId | undefined {
  const [version, slice, size, start] = member.split('|');
  if (version === undefined || slice === undefined || size === undefined || start === undefined) return undefined;
  return { modelId, version: decodeURIComponent(version), slice, sizeMs: Number(size), start: Number(start) };
}

/** Set of the admitted values of one slice key (the cardinality cap). */
export function toSliceSetKey(prefix: string, modelId: string, sliceKey: string): string {
  return `${prefix}agg:{${modelId}}:slices:${encodeURIComponent(sliceKey)}`;
}

/** Hash of per topic-partition offset and event-time watermarks. */
export function toWatermarkKey(prefix: string): string {
  return `${prefix}agg:watermarks`;
}

export function toPartitionField(topic: string, partition: number): string {
  return `${topic}:${partition}`;
}

export function toEventTimeField(topic: string, partition: number): string {
  return `${topic}:${partition}:ts`;
}
