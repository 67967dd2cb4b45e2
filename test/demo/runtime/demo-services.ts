// The five services as the demo runs them: one run's names (topic prefix, consumer groups, Redis
// prefixes: a run never sees another's state), and each service's environment (services/*/README.md).
// Durations of event time are sized for the demo's clock (60× by default); see docs/demo.md.
import { TopicRole } from '@driftline/schemas';
import type { ConsumerGroup } from './lag-monitor.ts';

export const DEMO_SERVICES = ['aggregator', 'joiner', 'detector', 'trigger', 'eraser'] as const;
export type DemoService = (typeof DEMO_SERVICES)[number];

/** Fixed local ports (9464–9468), as deploy/prometheus expects them; `--any-ports` lets the OS choose. */
export const DEMO_PORTS: Readonly<Record<DemoService, number>> = { aggregator: 9464, joiner: 9465, detector: 9466, trigger: 9467, eraser: 9468 };

export interface RunNames {
  readonly runId: string;
  /** `demo-<run>.`: every topic of the run. */
  readonly topicPrefix: string;
  /** `demo:<run>:`: every Redis key of the run. */
  readonly redisPrefix: string;
  readonly topic: (role: TopicRole) => string;
  readonly group: (name: string) => string;
}

export function toRunNames(runId: string): RunNames {
  const topicPrefix = `demo-${runId}.`;
  return {
    runId, topicPrefix, redisPrefix: `demo:${runId}:`,
    topic: (role) => `${topicPrefix}${role}`,
    group: (name) => `${topicPrefix}${name}`,
  };
}

export interface ServiceEnvOptions {
  readonly names: RunNames;
  /** Connection variables (KAFKA_*, SCHEMA_REGISTRY_*, REDIS_*). */
  readonly connection: Readonly<Record<string, string>>;
  readonly pepper: string;
  readonly apiToken: string;
  readonly anyPorts: boolean;
  /** Needed by the detector and the eraser. */
  readonly aggregatorUrl?: string;
}

export function toServiceEnv(service: DemoService, o: ServiceEnvOptions): Record<string, string> {
  const { names } = o;
  const common = {
    ...o.connection, DRIFTLINE_TOPIC_PREFIX: names.topicPrefix, HTTP_HOST: '127.0.0.1', HTTP_PORT: String(o.anyPorts ? 0 : DEMO_PORTS[service]),
    LOG_LEVEL: 'info',
  };
  const privacy = { DRIFTLINE_PSEUDONYM_PEPPER: o.pepper, DRIFTLINE_SUBJECT_KEY_PREFIX: `${names.redisPrefix}keys:` };
  const aggregatorUrl = o.aggregatorUrl ?? '';
  switch (service) {
    case 'aggregator':
      return { ...common, AGGREGATOR_GROUP_ID: names.group('aggregator'), DRIFTLINE_REDIS_PREFIX: names.redisPrefix, AGGREGATOR_OUTCOME_GRACE: '15m', API_TOKEN: o.apiToken };
    case 'joiner':
      return { ...common, ...privacy, DRIFTLINE_SERVICE_GROUP: names.group('joiner'), JOINER_KEY_PREFIX: `${names.redisPrefix}join:`, JOIN_WINDOW: '1h', JOIN_GRACE: '2m', PENDING_TTL: '2h' };
    case 'detector':
      return {
        ...common, DETECTOR_GROUP_ID: names.group('detector'), DRIFTLINE_REDIS_PREFIX: names.redisPrefix, DETECTOR_AGGREGATOR_URL: aggregatorUrl,
        DETECTOR_AGGREGATOR_TOKEN: o.apiToken, DETECTOR_EVALUATE_INTERVAL: '1s', DETECTOR_CHECKPOINT_INTERVAL: '2s', DETECTOR_OUTCOME_GRACE: '15m', DETECTOR_CLAIM_TTL: '1d',
      };
    case 'trigger':
      return { ...common, TRIGGER_GROUP_ID: names.group('trigger'), DRIFTLINE_REDIS_PREFIX: names.redisPrefix, TRIGGER_TICK_INTERVAL: '2s', TRIGGER_OPEN_REQUEST_TIMEOUT: '2m', API_TOKEN: o.apiToken };
    case 'eraser':
      return {
        ...common, ...privacy, ERASER_GROUP_ID: names.group('eraser'), ERASER_REQUESTS_GROUP_ID: names.group('eraser-requests'),
        ERASER_KEY_PREFIX: `${names.redisPrefix}erase:`, ERASER_JOINER_KEY_PREFIX: `${names.redisPrefix}join:`,
        ERASER_AGGREGATOR_URL: aggregatorUrl, ERASER_AGGREGATOR_TOKEN: o.apiToken, ERASER_DOWNSTREAM_WAIT: '30s', API_TOKEN: o.apiToken,
      };
  }
}

/** The consumer groups whose lag the live view shows. */
export function toConsumerGroups(names: RunNames): ConsumerGroup[] {
  const t = names.topic;
  return [
    { label: 'joiner', groupId: names.group('joiner'), topics: [t(TopicRole.PREDICTIONS), t(TopicRole.LABELS)] },
    { label: 'aggregator', groupId: names.group('aggregator'), topics: [t(TopicRole.PREDICTIONS), t(TopicRole.OUTCOMES)] },
    { label: 'detector', groupId: names.group('detector'), topics: [t(TopicRole.PREDICTIONS), t(TopicRole.OUTCOMES)] },
    { label: 'trigger', groupId: names.group('trigger'), topics: [t(TopicRole.DRIFT_EVENTS), t(TopicRole.OUTCOMES)] },
    { label: 'eraser (index)', groupId: names.group('eraser'), topics: [t(TopicRole.PREDICTIONS), t(TopicRole.LABELS), t(TopicRole.OUTCOMES), t(TopicRole.DEAD_LETTERS)] },
    { label: 'eraser (requests)', groupId: names.group('eraser-requests'), topics: [t(TopicRole.ERASURE_REQUESTS)] },
  ];
}
