// Slice ids as the aggregator writes them (docs/aggregator.md): `key=value`, both URI-encoded.
export function toSliceId(key: string, value: string): string {
  return `${encodeURIComponent(key)}=${encodeURIComponent(value)}`;
}
