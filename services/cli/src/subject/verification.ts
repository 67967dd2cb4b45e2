// What `driftline subject verify` concludes from a full scan of the personal-data topics (pure).
// A record is the subject's when it names the subject (plain id, or a value sealed under its
// pseudonym), or when it carries one of the subject's request ids (labels, dead letters). Such a
// record is *superseded* when a later record of its topic-partition has the same key (a tombstone
// or a rewrite): compaction will remove it, within a bound the topic settings give.

/** One record of a scan, already interpreted: whom it names, if anyone. */
export interface ScannedRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  /** Epoch ms (the broker timestamp). */
  readonly timestamp: number;
  readonly tombstone: boolean;
  /** `plain`: names the subject in plain form; `sealed`: under its pseudonym, key present; `shredded`: sealed, key gone. */
  readonly names: 'plain' | 'sealed' | 'shredded' | undefined;
  /** Kept by design: a deny-list entry or a receipt (pseudonym only). */
  readonly accountability: boolean;
}

export interface Finding {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly state: 'readable' | 'sealed-unreadable' | 'awaiting-compaction';
  /** For `awaiting-compaction`: epoch ms by which compaction removes it at the latest. */
  readonly goneBy?: number;
}

export interface Verification {
  readonly findings: readonly Finding[];
  /** Request ids found for the subject. */
  readonly requestIds: readonly string[];
  readonly accountabilityRecords: number;
}

/**
 * `boundMs(topic)`: worst-case time from a superseding record to compaction (segment.ms +
 * max.compaction.lag.ms + cleaner back-off), from the topic's settings.
 */
export function toVerification(records: readonly ScannedRecord[], options: { readonly requestIdRoles: ReadonlySet<string>; readonly boundMs: (topic: string) => number }): Verification {
  const requestIds = new Set<string>();
  for (const r of records) if (r.names !== undefined && r.key !== null && options.requestIdRoles.has(r.topic)) requestIds.add(r.key);
  /** topic:partition:key → the latest offset and timestamp seen for it. */
  const latest = new Map<string, { offset: bigint; timestamp: number }>();
  for (const r of records) {
    const id = `${r.topic}\u0000${r.partition}\u0000${r.key ?? ''}`;
    const known = latest.get(id);
    if (known === undefined || BigInt(r.offset) > known.offset) latest.set(id, { offset: BigInt(r.offset), timestamp: r.timestamp });
  }
  const findings: Finding[] = [];
  let accountability = 0;
  for (const r of records) {
    if (r.tombstone) continue;
    if (r.accountability) { accountability++; continue; }
    const ours = r.names !== undefined || (r.key !== null && requestIds.has(r.key));
    if (!ours) continue;
    const last = latest.get(`${r.topic}\u0000${r.partition}\u0000${r.key ?? ''}`);
    const at = { topic: r.topic, partition: r.partition, offset: r.offset };
    if (last !== undefined && last.offset > BigInt(r.offset)) findings.push({ ...at, state: 'awaiting-compaction', goneBy: last.timestamp + options.boundMs(r.topic) });
    else findings.push({ ...at, state: r.names === 'shredded' ? 'sealed-unreadable' : 'readable' });
  }
  return { findings, requestIds: [...requestIds].sort(), accountabilityRecords: accountability };
}
