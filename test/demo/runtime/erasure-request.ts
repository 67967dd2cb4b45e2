// Files a data-subject erasure request the way a data-protection officer's tool would: a
// SubjectRequest on `erasure-requests`, keyed by its request id (design.md §4).
import { toTopicSubject } from '@driftline/kafka';
import type { AvroSerde, MessagePublisher } from '@driftline/kafka';
import { ErasureMode, SubjectRequestKind, subjectRequestSchema } from '@driftline/schemas';
import type { SubjectRequest } from '@driftline/schemas';

export async function fileErasureRequest(deps: { readonly publisher: MessagePublisher; readonly serde: AvroSerde }, request: { readonly topic: string; readonly requestId: string; readonly subjectId: string; readonly requestedAt: number }): Promise<void> {
  const value: SubjectRequest = {
    requestId: request.requestId, kind: SubjectRequestKind.ERASE, subjectId: request.subjectId, mode: ErasureMode.DELETE, changes: null,
    requestedAt: request.requestedAt, subjectPseudonym: null, erasedAt: null,
  };
  const encode = await deps.serde.encoderFor(toTopicSubject(request.topic), subjectRequestSchema);
  await deps.publisher.publish([{ topic: request.topic, key: request.requestId, value: encode(value) }]);
}
