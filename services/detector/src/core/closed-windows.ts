// When windows are closed: every input partition's event time has passed the window's end plus
// the grace (the aggregator's late rule is per partition, so the slowest partition decides).
export interface WatermarkView { readonly eventTime: number | null }

/** The smallest event-time watermark of a topic's partitions that have seen records; undefined when none has. */
export function toTopicWatermark(watermarks: Readonly<Record<string, WatermarkView>>, topic: string): number | undefined {
  let min: number | undefined;
  for (const [field, w] of Object.entries(watermarks)) {
    if (!field.startsWith(`${topic}:`) || !/^\d+$/.test(field.slice(topic.length + 1)) || w.eventTime === null) continue;
    min = min === undefined ? w.eventTime : Math.min(min, w.eventTime);
  }
  return min;
}

/**
 * Start of the last window (of `sizeMs`, epoch-aligned) that `watermark` has closed: the aggregator
 * folds a record while its partition's watermark is at most end + grace, so a window is closed once
 * the watermark is beyond that. Undefined without a watermark.
 */
export function toLastClosedStart(watermark: number | undefined, sizeMs: number, graceMs: number): number | undefined {
  if (watermark === undefined) return undefined;
  return Math.floor((watermark - graceMs - sizeMs - 1) / sizeMs) * sizeMs;
}
