// What the pipeline reports, as it reports it: drift events, retrain requests and erasure receipts
// read from their topics by a throw-away consumer group of the demo.
import type { AvroSerde, KafkaClients } from '@driftline/kafka';
import type { DriftEvent, RetrainRequest, SubjectReceipt } from '@driftline/schemas';

export interface FeedTopics {
  readonly driftEvents: string;
  readonly retrainRequests: string;
  readonly erasureReceipts: string;
}

export interface FeedHandlers {
  onDriftEvent(event: DriftEvent): void;
  onRetrainRequest(request: RetrainRequest): void;
  onErasureReceipt(receipt: SubjectReceipt): void;
}

export interface EventFeed {
  stop(): Promise<void>;
}

export async function startEventFeed(options: { readonly clients: KafkaClients; readonly serde: AvroSerde; readonly groupId: string; readonly topics: FeedTopics; readonly handlers: FeedHandlers }): Promise<EventFeed> {
  const { topics, handlers } = options;
  const source = options.clients.source({ groupId: options.groupId, maxWaitTimeInMs: 200 });
  await source.run({
    topics: [topics.driftEvents, topics.retrainRequests, topics.erasureReceipts], fromBeginning: true,
    onBatch: async (batch, control) => {
      for (const m of batch.messages) {
        if (m.value !== null) {
          const { value } = await options.serde.decode<unknown>(m.value);
          if (batch.topic === topics.driftEvents) handlers.onDriftEvent(value as DriftEvent);
          else if (batch.topic === topics.retrainRequests) handlers.onRetrainRequest(value as RetrainRequest);
          else handlers.onErasureReceipt(value as SubjectReceipt);
        }
        control.resolveOffset(m.offset);
      }
    },
  });
  return { stop: () => source.stop() };
}
