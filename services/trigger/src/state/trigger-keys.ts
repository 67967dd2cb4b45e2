// The trigger's Redis keys. A model's keys share the hash tag {<modelId>} (model ids never hold
// braces: the monitor spec allows letters, digits and _ . : - only). No personal data in any key.

export interface TriggerKeys {
  /** The model's policy document (DocumentStore). */
  policy(modelId: string): string;
  /** The model's label counts (StateStore hash: `n` outcomes counted, `v|<version>` latest label time of a version). */
  labels(modelId: string): string;
  /** Offset watermarks of every input partition: `<topic>:<partition>` → last applied offset. */
  readonly watermarks: string;
  /** Requests committed and not yet fully announced (field: request id); leases in `<outbox>:lease`. */
  readonly outbox: string;
}

export function toTriggerKeys(prefix: string): TriggerKeys {
  return {
    policy: (modelId) => `${prefix}trigger:{${modelId}}:policy`,
    labels: (modelId) => `${prefix}trigger:{${modelId}}:labels`,
    watermarks: `${prefix}trigger:watermarks`,
    outbox: `${prefix}trigger:outbox`,
  };
}

export const LABEL_COUNT_FIELD = 'n';
export const VERSION_FIELD_PREFIX = 'v|';

/** The label total and the version with the latest label time, from a labels hash. */
export function toLabelCounts(hash: Readonly<Record<string, number>>): { total: number; version?: { name: string; at: number } } {
  let version: { name: string; at: number } | undefined;
  for (const [field, at] of Object.entries(hash)) {
    if (field.startsWith(VERSION_FIELD_PREFIX) && (version === undefined || at > version.at)) version = { name: field.slice(VERSION_FIELD_PREFIX.length), at };
  }
  return { total: hash[LABEL_COUNT_FIELD] ?? 0, ...(version === undefined ? {} : { version }) };
}
