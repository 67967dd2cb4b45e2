// `driftline subject erase|access|rectify <subjectId>`: files a SubjectRequest on
// `erasure-requests` (keyed by a new request id), waits for its receipt on `erasure-receipts`, and
// for an access request fetches the export from the eraser (served once).
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { readRecords, toTopicSubject } from '@driftline/kafka';
import type { AvroSerde, KafkaClients } from '@driftline/kafka';
import { TopicRole, subjectRequestSchema } from '@driftline/schemas';
import type { SubjectReceipt, SubjectRequest } from '@driftline/schemas';

export interface SubjectRequestOptions {
  readonly kind: 'ERASE' | 'ACCESS' | 'RECTIFY';
  readonly subjectId: string;
  readonly prefix: string;
  readonly mode?: 'DELETE' | 'ANONYMIZE';
  readonly changes?: Readonly<Record<string, null | boolean | number | string>>;
  readonly wait: boolean;
  readonly timeoutMs: number;
  /** Access only: where the export goes (default stdout). */
  readonly out?: string;
  readonly eraserUrl: string;
  readonly eraserToken?: string;
}

export interface SubjectRequestDeps {
  readonly clients: Pick<KafkaClients, 'admin' | 'source' | 'publisher'>;
  readonly serde: AvroSerde;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly now: () => number;
}

export async function runSubjectRequest(deps: SubjectRequestDeps, options: SubjectRequestOptions): Promise<number> {
  const requests = `${options.prefix}${TopicRole.ERASURE_REQUESTS}`;
  const receipts = `${options.prefix}${TopicRole.ERASURE_RECEIPTS}`;
  const requestId = randomUUID();
  const from = await deps.clients.admin.endOffsets(receipts);
  const request: SubjectRequest = {
    requestId, kind: options.kind, subjectId: options.subjectId, mode: options.mode ?? null, changes: options.changes === undefined ? null : { ...options.changes },
    requestedAt: deps.now(), subjectPseudonym: null, erasedAt: null,
  };
  await deps.clients.publisher.publish([{ topic: requests, key: requestId, value: await deps.serde.encode(toTopicSubject(requests), subjectRequestSchema, request) }]);
  deps.stderr.write(`filed ${options.kind} request ${requestId}\n`);
  if (!options.wait) { deps.stdout.write(`${JSON.stringify({ requestId })}\n`); return 0; }
  const receipt = await awaitReceipt(deps, { topic: receipts, requestId, from, until: deps.now() + options.timeoutMs });
  if (receipt === undefined) {
    deps.stderr.write(`no receipt for ${requestId} within ${options.timeoutMs} ms (is the eraser running?)\n`);
    return 1;
  }
  const printable = { ...receipt, receivedAt: new Date(receipt.receivedAt).toISOString(), completedAt: new Date(receipt.completedAt).toISOString(), deadline: new Date(receipt.deadline).toISOString() };
  if (options.kind !== 'ACCESS') { deps.stdout.write(`${JSON.stringify(printable, null, 2)}\n`); return 0; }
  deps.stderr.write(`${JSON.stringify(printable)}\n`);
  const res = await fetch(`${options.eraserUrl.replace(/\/+$/, '')}/v1/exports/${encodeURIComponent(requestId)}`, {
    headers: options.eraserToken === undefined ? {} : { authorization: `Bearer ${options.eraserToken}` }, signal: AbortSignal.timeout(30_000),
  });
  if (!res.ok) { deps.stderr.write(`the eraser answered ${res.status} for the export (it is served once, with its API token)\n`); return 1; }
  const text = `${JSON.stringify(await res.json(), null, 2)}\n`;
  if (options.out === undefined) deps.stdout.write(text);
  else { writeFileSync(options.out, text, { mode: 0o600 }); deps.stderr.write(`export written to ${options.out}\n`); }
  return 0;
}

/** Reads the receipts topic from `from` on, as it grows, until the receipt of `requestId` shows up. */
async function awaitReceipt(deps: SubjectRequestDeps, input: { topic: string; requestId: string; from: Map<number, string>; until: number }): Promise<SubjectReceipt | undefined> {
  let from = input.from;
  for (;;) {
    const ends = await deps.clients.admin.endOffsets(input.topic);
    const ranges = new Map([...ends].filter(([p, end]) => BigInt(end) > BigInt(from.get(p) ?? '0')).map(([p, end]) => [p, { from: BigInt(from.get(p) ?? '0'), to: BigInt(end) - 1n }]));
    let found: SubjectReceipt | undefined;
    if (ranges.size > 0) {
      await readRecords({ admin: deps.clients.admin, source: (groupId) => deps.clients.source({ groupId, maxWaitTimeInMs: 100 }) }, {
        groupId: `driftline-cli-${randomUUID()}`, topics: new Map([[input.topic, ranges]]), idleMs: 2000,
        onMessage: async (m) => { if (m.key?.toString() === input.requestId && m.value !== null) found = (await deps.serde.decode<SubjectReceipt>(m.value)).value; },
      });
    }
    if (found !== undefined) return found;
    from = ends;
    if (deps.now() > input.until) return undefined;
    await new Promise((r) => setTimeout(r, 300));
  }
}
