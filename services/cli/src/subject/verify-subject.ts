// `driftline subject verify <subjectId>`: scans every personal-data topic (and the request and
// receipt topics) from the beginning and Redis, and proves that no readable record of the subject
// remains. Exit 0: none (pseudonymised accountability records aside); 3: every remaining record is
// superseded by a tombstone or rewrite and waits for compaction (with the time bound); 1: a readable
// record or a Redis trace remains.
import { randomUUID } from 'node:crypto';
import { readRecords } from '@driftline/kafka';
import type { AvroSerde, InboundMessage, KafkaClients, TopicAdmin } from '@driftline/kafka';
import { RedisSubjectKeyStore, createPseudonymizer, findRedisTraces, parseEnvelope } from '@driftline/privacy';
import { TopicRole } from '@driftline/schemas';
import type { DeadLetter, SubjectReceipt, SubjectRequest } from '@driftline/schemas';
import { toVerification } from './verification.ts';
import type { Finding, ScannedRecord } from './verification.ts';

const CLEANER_BACKOFF_MS = 15_000;
const SCANNED = [TopicRole.PREDICTIONS, TopicRole.LABELS, TopicRole.OUTCOMES, TopicRole.DEAD_LETTERS, TopicRole.ERASURE_REQUESTS, TopicRole.ERASURE_RECEIPTS] as const;

export interface VerifyOptions {
  readonly subjectId: string;
  readonly prefix: string;
  readonly json: boolean;
  readonly pepper: string;
  readonly redis: { readonly url: string; readonly username?: string; readonly password?: string };
  readonly subjectKeyPrefix: string;
}

export interface VerifyDeps {
  readonly clients: Pick<KafkaClients, 'source'> & { readonly admin: Pick<TopicAdmin, 'endOffsets' | 'describeConfigs'> };
  readonly serde: AvroSerde;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly now: () => number;
}

export async function runSubjectVerify(deps: VerifyDeps, options: VerifyOptions): Promise<number> {
  const pseudonym = createPseudonymizer({ pepper: options.pepper }).toPseudonym(options.subjectId);
  const keys = new RedisSubjectKeyStore({ ...options.redis, keyPrefix: options.subjectKeyPrefix });
  const keyExists = await keys.find([pseudonym]).then((found) => found.has(pseudonym)).finally(() => keys.close());
  const topic = (role: TopicRole): string => `${options.prefix}${role}`;
  const roleOf = new Map<string, TopicRole>(SCANNED.map((role) => [topic(role), role]));

  const decode = async <T>(bytes: Uint8Array): Promise<T | undefined> => {
    try { return (await deps.serde.decode<T>(Buffer.from(bytes))).value; } catch { return undefined; }
  };
  /** Whom a decoded PredictionLog or Outcome names. */
  const namesIn = (value: { subjectId?: string | null; features?: Record<string, unknown> } | undefined): ScannedRecord['names'] => {
    if (value === undefined) return undefined;
    if (value.subjectId === options.subjectId) return 'plain';
    const sealed = [value.subjectId, ...Object.values(value.features ?? {})].some((v) => typeof v === 'string' && parseEnvelope(v)?.pseudonym === pseudonym);
    return sealed ? (keyExists ? 'sealed' : 'shredded') : undefined;
  };
  const toScanned = async (m: InboundMessage): Promise<ScannedRecord> => {
    const base = { topic: m.topic, partition: m.partition, offset: m.offset, key: m.key?.toString() ?? null, timestamp: m.timestamp, tombstone: m.value === null, names: undefined, accountability: false };
    if (m.value === null) return base;
    switch (roleOf.get(m.topic)) {
      case TopicRole.PREDICTIONS: case TopicRole.OUTCOMES: return { ...base, names: namesIn(await decode(m.value)) };
      case TopicRole.DEAD_LETTERS: {
        const letter = await decode<DeadLetter>(m.value);
        return { ...base, names: letter?.originalValue == null ? undefined : namesIn(await decode(letter.originalValue)) };
      }
      case TopicRole.ERASURE_REQUESTS: {
        const request = await decode<SubjectRequest>(m.value);
        return { ...base, names: request?.subjectId === options.subjectId ? 'plain' : undefined, accountability: request?.subjectPseudonym === pseudonym };
      }
      case TopicRole.ERASURE_RECEIPTS: return { ...base, accountability: (await decode<SubjectReceipt>(m.value))?.subjectPseudonym === pseudonym };
      case TopicRole.LABELS: return base; // a label names no subject: it is the subject's by its request id
      case TopicRole.DRIFT_EVENTS: case TopicRole.RETRAIN_REQUESTS: case TopicRole.MONITORS: case undefined: return base;
    }
  };

  const records: ScannedRecord[] = [];
  await readRecords({ admin: deps.clients.admin, source: (groupId) => deps.clients.source({ groupId, maxWaitTimeInMs: 100 }) }, {
    groupId: `driftline-cli-verify-${randomUUID()}`, topics: new Map(SCANNED.map((role) => [topic(role), 'all' as const])), idleMs: 2000,
    onMessage: async (m) => { records.push(await toScanned(m)); },
  });
  const bounds = new Map<string, number>();
  for (const role of SCANNED) {
    const configs = await deps.clients.admin.describeConfigs(topic(role), ['segment.ms', 'max.compaction.lag.ms']);
    bounds.set(topic(role), Number(configs['segment.ms'] ?? Number.NaN) + Number(configs['max.compaction.lag.ms'] ?? Number.NaN) + CLEANER_BACKOFF_MS);
  }
  const verification = toVerification(records, { requestIdRoles: new Set([topic(TopicRole.PREDICTIONS), topic(TopicRole.OUTCOMES)]), boundMs: (t) => bounds.get(t) ?? Number.NaN });
  const traces = await findRedisTraces({ ...options.redis, needles: [options.subjectId, pseudonym, ...verification.requestIds] });
  const count = (state: Finding['state']): number => verification.findings.filter((f) => f.state === state).length;
  const readable = count('readable');
  const waiting = verification.findings.filter((f) => f.state === 'awaiting-compaction');
  const goneBy = Math.max(...waiting.map((f) => f.goneBy ?? Number.NaN));
  const code = readable > 0 || traces.length > 0 ? 1 : waiting.length > 0 ? 3 : 0;
  const report = {
    subjectPseudonym: pseudonym, scannedRecords: records.length, readable, awaitingCompaction: waiting.length, sealedUnreadable: count('sealed-unreadable'),
    ...(waiting.length > 0 ? { compactedBy: Number.isFinite(goneBy) ? new Date(goneBy).toISOString() : 'unknown (topic settings without segment.ms / max.compaction.lag.ms)' } : {}),
    accountabilityRecords: verification.accountabilityRecords, redisTraces: traces.map((t) => ({ key: t.key, in: t.in })), dataKey: keyExists ? 'present' : 'absent',
    readableAt: verification.findings.filter((f) => f.state === 'readable').slice(0, 20).map((f) => `${f.topic}[${f.partition}]@${f.offset}`),
  };
  if (options.json) deps.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else deps.stdout.write(toText(report, code));
  return code;
}

function toText(report: { subjectPseudonym: string; scannedRecords: number; readable: number; awaitingCompaction: number; sealedUnreadable: number; compactedBy?: string; accountabilityRecords: number; redisTraces: readonly { key: string }[]; dataKey: string; readableAt: readonly string[] }, code: number): string {
  const lines = [`subject ${report.subjectPseudonym}: ${report.scannedRecords} records scanned`];
  if (report.readable > 0) lines.push(`FAIL: ${report.readable} readable record(s) of the subject remain, not superseded by a tombstone: ${report.readableAt.join(', ')}`);
  if (report.redisTraces.length > 0) lines.push(`FAIL: Redis still holds ${report.redisTraces.length} key(s) naming the subject: ${report.redisTraces.slice(0, 10).map((t) => t.key).join(', ')}`);
  if (report.awaitingCompaction > 0) {
    lines.push(`PENDING: ${report.awaitingCompaction} record(s) are tombstoned (or rewritten) but still in the log: the log cleaner removes them once their segment has rolled (segment.ms) and the log is compacted (max.compaction.lag.ms), at the latest by ${report.compactedBy ?? 'unknown'}`);
  }
  if (report.sealedUnreadable > 0) lines.push(`${report.sealedUnreadable} record(s) hold fields sealed under the subject's shredded key: unreadable`);
  lines.push(`data key: ${report.dataKey}; accountability records kept (deny list, receipts; pseudonym only): ${report.accountabilityRecords}`);
  if (code === 0) lines.push('OK: no readable record of the subject remains in the topics or in Redis');
  return `${lines.join('\n')}\n`;
}
