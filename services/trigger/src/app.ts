// createApp(deps): wiring only (style rule 5). The monitor table gives each model's rules; the shared
// consume loop feeds drift-events and outcomes to the handler; a ticker runs the clock-driven
// policies (schedule, new labels, open-request timeout) and sweeps the outbox; HTTP routes take
// on-demand requests and completions.
import { randomUUID } from 'node:crypto';
import { createConsumeLoop, readRecords } from '@driftline/kafka';
import type { ConsumeLoopHooks } from '@driftline/kafka';
import type { Route } from '@driftline/metrics';
import type { DriftEvent, Outcome } from '@driftline/schemas';
import type { Logger } from '@driftline/service-kit';
import type { Tracing } from '@driftline/tracing';
import { createTriggerHandler } from './consume/trigger-handler.ts';
import { toRetrainingRules } from './core/policy/retraining-rules.ts';
import type { RetrainingRules } from './core/policy/retraining-rules.ts';
import { REQUEST_ID_HEADER, createRequestEmitter } from './emit/request-emitter.ts';
import type { WebhookSender } from './emit/webhook-sender.ts';
import { TriggerError, triggerErrorCodes } from './errors.ts';
import { createRetrainRoutes } from './http/retrain-routes.ts';
import type { TriggerMetrics } from './metrics.ts';
import { observeOutcomes } from './policy/observe-outcomes.ts';
import { createPolicyRunner } from './policy/run-policies.ts';
import type { AvroSerde, Clock, DocumentStore, MessagePublisher, MessageSource, MonitorTable, StateStore, TopicAdmin } from './ports.ts';
import { toTriggerKeys } from './state/trigger-keys.ts';

export interface TriggerAppDeps {
  readonly source: MessageSource;
  /** A source in a fresh consumer group, to look for a request on the topic after a crash. */
  readonly scanSource: (groupId: string) => MessageSource;
  readonly publisher: MessagePublisher;
  readonly admin: Pick<TopicAdmin, 'listTopics' | 'endOffsets'>;
  readonly serde: AvroSerde;
  readonly documents: DocumentStore;
  readonly counters: StateStore;
  readonly monitors: MonitorTable;
  readonly metrics: TriggerMetrics;
  readonly consumeHooks?: ConsumeLoopHooks;
  readonly logger: Logger;
  readonly now: Clock;
  /** The webhook channel, when configured. */
  readonly webhook?: WebhookSender;
  /** Spans of retrain requests (absent: tracing off; the triggering event's context still passes on). */
  readonly tracing?: Tracing;
}

export interface TriggerSettings {
  readonly topics: { readonly driftEvents: string; readonly outcomes: string; readonly retrainRequests: string; readonly deadLetters: string };
  readonly group: string;
  readonly redisPrefix: string;
  readonly tickIntervalMs: number;
  readonly openRequestTimeoutMs: number;
  readonly outboxLeaseMs: number;
  /** Log each request (the log channel). */
  readonly log: boolean;
}

export interface TriggerApp {
  /** Checks the topics, loads the monitor table, starts consuming and ticking; resolves once running. */
  start(): Promise<void>;
  /** Stops ticking and fetching, finishes the chunk and the webhook deliveries in flight. */
  stop(): Promise<void>;
  /** Resolves when consumption stops; rejects with the error that stopped it. */
  done(): Promise<void>;
  isReady(): boolean;
  /** Runs one tick now (what the ticker does every interval). */
  tick(): Promise<void>;
  readonly routes: Route[];
}

/** Models handled per commit on a tick. */
const TICK_BATCH = 100;

export function createApp(deps: TriggerAppDeps, settings: TriggerSettings): TriggerApp {
  const { topics } = settings;
  const keys = toTriggerKeys(settings.redisPrefix);
  const log = deps.logger.child({ module: 'trigger' });
  const rules = new Map<string, RetrainingRules>();
  const refresh = (modelId: string): void => {
    const entry = deps.monitors.get(modelId);
    if (entry === undefined) { rules.delete(modelId); return; }
    const { rules: r, problems } = toRetrainingRules(entry.spec);
    for (const problem of problems) log.warn({ modelId, code: triggerErrorCodes.DL_TRIGGER_INVALID_SCHEDULE, problem }, 'retraining schedule ignored');
    rules.set(modelId, r);
  };

  const runPolicies = createPolicyRunner({
    documents: deps.documents, counters: deps.counters, keys, rulesOf: (m) => rules.get(m), now: deps.now,
    openRequestTimeoutMs: settings.openRequestTimeoutMs, leaseMs: settings.outboxLeaseMs, metrics: deps.metrics,
    marks: () => deps.admin.endOffsets(topics.retrainRequests),
  });
  const emitter = createRequestEmitter({
    store: deps.documents, outboxKey: keys.outbox, publisher: deps.publisher, serde: deps.serde, topics, log: settings.log, metrics: deps.metrics,
    logger: log, now: deps.now, leaseMs: settings.outboxLeaseMs, service: settings.group, ...(deps.webhook === undefined ? {} : { webhook: deps.webhook }),
    ...(deps.tracing === undefined ? {} : { tracing: deps.tracing }),
    isPublished: async (mark, requestId) => {
      let found = false;
      const ranges = new Map([...mark].map(([partition, from]) => [partition, { from: BigInt(from), to: BigInt(Number.MAX_SAFE_INTEGER) }]));
      await readRecords({ admin: deps.admin, source: deps.scanSource }, {
        groupId: `${settings.group}-scan-${randomUUID()}`, topics: new Map([[topics.retrainRequests, ranges]]),
        onMessage: (m) => { if (m.headers[REQUEST_ID_HEADER] === requestId) found = true; },
      });
      return found;
    },
  });
  const loop = createConsumeLoop<DriftEvent | Outcome>({
    source: deps.source, publisher: deps.publisher, serde: deps.serde, deadLetterTopic: topics.deadLetters, service: settings.group, now: deps.now,
    ...(deps.consumeHooks === undefined ? {} : { hooks: deps.consumeHooks }),
    handler: createTriggerHandler({
      topics, documents: deps.documents, counters: deps.counters, keys, isMonitored: (m) => rules.has(m), runPolicies, emitter, metrics: deps.metrics,
    }),
  });

  const tick = async (): Promise<void> => {
    const models = [...rules.keys()];
    let open = 0;
    for (let i = 0; i < models.length; i += TICK_BATCH) {
      const result = await runPolicies({ inputs: new Map(models.slice(i, i + TICK_BATCH).map((m) => [m, [{ kind: 'tick' }]])) });
      observeOutcomes(result.outcomes, deps.metrics);
      await emitter.deliver(result.emitted);
      for (const state of result.states.values()) if (state.open !== undefined) open++;
    }
    deps.metrics.open.set(open);
    await emitter.sweep();
  };

  const ticker = { stopped: true, timer: undefined as NodeJS.Timeout | undefined, running: Promise.resolve() };
  const schedule = (delayMs: number): void => {
    ticker.timer = setTimeout(() => {
      ticker.running = tick()
        .catch((error: unknown) => { log.error({ err: error }, 'tick failed; the next one retries'); })
        .finally(() => { if (!ticker.stopped) schedule(settings.tickIntervalMs); });
    }, delayMs);
  };

  let ready = false;
  return {
    async start() {
      const existing = new Set(await deps.admin.listTopics());
      const missing = Object.values(topics).filter((t) => !existing.has(t));
      if (missing.length > 0) {
        throw new TriggerError({ code: triggerErrorCodes.DL_TRIGGER_TOPIC_MISSING, message: `topic(s) ${missing.join(', ')} do not exist (topics are never auto-created: run driftline topics create)`, context: { topics: missing } });
      }
      deps.monitors.onChange((modelId) => { refresh(modelId); });
      await deps.monitors.start();
      for (const entry of deps.monitors.all()) refresh(entry.modelId);
      await loop.start({ topics: [topics.driftEvents, topics.outcomes], fromBeginning: true });
      ticker.stopped = false;
      schedule(0);
      ready = true;
      log.info({ topics, models: rules.size }, 'applying retraining policies');
    },
    async stop() {
      ready = false;
      ticker.stopped = true;
      clearTimeout(ticker.timer);
      await ticker.running;
      await loop.stop();
      await emitter.idle();
      await deps.monitors.stop();
    },
    async done() {
      try { await loop.done(); } finally { ready = false; }
    },
    isReady: () => ready,
    tick,
    routes: createRetrainRoutes({ runPolicies, emitter, rulesOf: (m) => rules.get(m), documents: deps.documents, counters: deps.counters, keys, metrics: deps.metrics, now: deps.now }),
  };
}
