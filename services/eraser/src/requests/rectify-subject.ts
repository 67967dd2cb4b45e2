// Rectification (Art. 16): the subject's predictions and outcomes are produced again under their
// keys with the corrections (a sealed feature stays sealed under the subject's key), and the
// aggregates swap the old record for the corrected one. Pending joins without an outcome yet are
// dropped so the joiner joins the corrected prediction.
import { RewriteKind } from '@driftline/kafka';
import { isEnvelope, sealValue } from '@driftline/privacy';
import { toRectified } from '../core/rewrite-record.ts';
import type { FeatureValue, ParsedRequest } from '../core/subject-request.ts';
import type { CorrectionRecord, InboundMessage } from '../ports.ts';
import { Tally } from './action-context.ts';
import type { ActionContext } from './action-context.ts';

type RectifyRequest = Extract<ParsedRequest, { kind: 'rectify' }>;

export async function rectifySubject(ctx: ActionContext, request: RectifyRequest, message: InboundMessage): Promise<Tally> {
  const { deps } = ctx;
  const tally = new Tally();
  const pseudonym = ctx.pseudonymOf(request.subjectId);
  await ctx.waitForIndex(tally);
  const records = await deps.index.lookup(pseudonym);
  const read = await ctx.read(records, ['predictions', 'outcomes']);
  const key = (await deps.keys.find([pseudonym])).get(pseudonym);
  const seal = (value: FeatureValue): FeatureValue => (key === undefined || value === null ? null : sealValue({ key, pseudonym, plaintext: JSON.stringify(value) }));
  const fix = <T extends { subjectId: string | null; features: Record<string, FeatureValue>; slice: Record<string, string> }>(value: T): T => toRectified(value, request.changes, { isSealed: isEnvelope, seal });
  const predictions = read.predictions.map((r) => ({ message: r.message, old: r.value, value: fix(r.value) }));
  const outcomes = read.outcomes.map((r) => ({ message: r.message, old: r.value, value: fix(r.value) }));
  const corrections: CorrectionRecord[] = [
    ...predictions.map((r) => ({ topic: 'predictions' as const, partition: r.message.partition, offset: r.message.offset, value: r.old, replacement: r.value })),
    ...outcomes.map((r) => ({ topic: 'outcomes' as const, partition: r.message.partition, offset: r.message.offset, value: r.old, replacement: r.value })),
  ];
  await ctx.correctAggregates(request.requestId, corrections, tally);
  const joined = new Set(read.outcomes.map((r) => r.requestId));
  await ctx.deletePendingJoins([...records.keys()].filter((id) => !joined.has(id)), tally);
  await ctx.rewrite('predictions', predictions, RewriteKind.RECTIFY);
  await ctx.rewrite('outcomes', outcomes, RewriteKind.RECTIFY);
  tally.add('predictions.rectified', predictions.length);
  tally.add('outcomes.rectified', outcomes.length);
  if (key === undefined && [...predictions, ...outcomes].some((r) => Object.values(r.old.features).some(isEnvelope))) tally.note('sealed features could not be rectified: the subject has no key (erased)');
  await ctx.finish({ request, message, pseudonym, tally });
  return tally;
}
