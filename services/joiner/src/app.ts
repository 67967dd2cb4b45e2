// createApp(deps): wiring only (style rule 5). Checks co-partitioning, then runs the shared consume
// loop over predictions and labels with the join handler.
import { createConsumeLoop } from '@driftline/kafka';
import type { ConsumeLoopHooks } from '@driftline/kafka';
import type { GroundTruth, PredictionLog } from '@driftline/schemas';
import type { Logger } from '@driftline/service-kit';
import type { Tracing } from '@driftline/tracing';
import { JoinerError, joinerErrorCodes } from './errors.ts';
import { createJoinHandler } from './join-handler.ts';
import type { JoinerMetrics } from './metrics.ts';
import type { AvroSerde, Clock, MessagePublisher, MessageSource, PayloadCrypto, PendingJoinStore, TopicAdmin } from './ports.ts';

export interface JoinerAppDeps {
  readonly source: MessageSource;
  readonly publisher: MessagePublisher;
  readonly admin: Pick<TopicAdmin, 'listTopics' | 'endOffsets'>;
  readonly serde: AvroSerde;
  readonly store: PendingJoinStore;
  /** Seals waiting predictions and claimed Outcomes of a subject under the subject's data key. */
  readonly crypto: PayloadCrypto;
  readonly metrics: JoinerMetrics;
  readonly logger: Logger;
  readonly now: Clock;
  readonly consumeHooks?: ConsumeLoopHooks;
  /** Spans of produced outcomes (absent: tracing off). */
  readonly tracing?: Tracing;
  readonly config: {
    readonly topics: { readonly predictions: string; readonly labels: string; readonly outcomes: string; readonly deadLetters: string };
    readonly windowMs: number;
    readonly graceMs: number;
    readonly group: string;
  };
}

export interface JoinerApp {
  /** Checks the topics, joins the group and starts consuming; resolves once running. */
  start(): Promise<void>;
  /** Stops fetching, finishes the chunk in flight, commits and leaves the group. */
  stop(): Promise<void>;
  /** Resolves when consumption stops; rejects with the error that stopped it. */
  done(): Promise<void>;
  isReady(): boolean;
}

export function createApp(deps: JoinerAppDeps): JoinerApp {
  const { topics } = deps.config;
  let ready = false;
  const loop = createConsumeLoop<PredictionLog | GroundTruth>({
    source: deps.source,
    publisher: deps.publisher,
    serde: deps.serde,
    deadLetterTopic: topics.deadLetters,
    service: deps.config.group,
    now: deps.now,
    ...(deps.consumeHooks === undefined ? {} : { hooks: deps.consumeHooks }),
    handler: createJoinHandler({
      store: deps.store, crypto: deps.crypto, publisher: deps.publisher, serde: deps.serde, metrics: deps.metrics, logger: deps.logger, topics,
      windowMs: deps.config.windowMs, graceMs: deps.config.graceMs, service: deps.config.group, now: deps.now,
      ...(deps.tracing === undefined ? {} : { tracing: deps.tracing }),
    }),
  });
  return {
    async start() {
      await checkCopartitioned(deps.admin, topics.predictions, topics.labels);
      await loop.start({ topics: [topics.predictions, topics.labels], fromBeginning: true });
      ready = true;
      deps.logger.info({ topics }, 'joining predictions and labels');
    },
    async stop() {
      ready = false;
      await loop.stop();
    },
    async done() {
      try { await loop.done(); } finally { ready = false; }
    },
    isReady: () => ready,
  };
}

/** A prediction and its label land in the same partition number only if both topics have as many partitions. */
async function checkCopartitioned(admin: Pick<TopicAdmin, 'listTopics' | 'endOffsets'>, predictions: string, labels: string): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = [predictions, labels].filter((t) => !existing.has(t));
  if (missing.length > 0) {
    throw new JoinerError({ code: joinerErrorCodes.DL_JOINER_NOT_COPARTITIONED, message: `input topic(s) ${missing.join(', ')} do not exist (topics are never auto-created: run driftline topics create)`, context: { topic: missing[0] ?? '' } });
  }
  const [p, l] = [(await admin.endOffsets(predictions)).size, (await admin.endOffsets(labels)).size];
  if (p !== l) {
    throw new JoinerError({
      code: joinerErrorCodes.DL_JOINER_NOT_COPARTITIONED,
      message: `${predictions} has ${p} partitions and ${labels} has ${l}: both must exist with the same partition count (and the murmur2 partitioner) so a prediction and its label share a partition number`,
      context: { partitions: { [predictions]: p, [labels]: l } },
    });
  }
}
