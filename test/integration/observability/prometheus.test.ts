// A real Prometheus (Debian's package) against the five services running as processes on real
// Kafka, registry and Redis: deploy/prometheus/prometheus.local.yml (ports swapped for free ones,
// 1 s intervals) with the rules of deploy/prometheus/rules. Every target is up, every rule loads and
// evaluates, each job's metrics carry the matching `service` label, and an abrupt shift of one
// feature in one slice makes DriftlineDriftDetected fire for that model. promtool checks the
// configs and runs the rules' unit tests (deploy/prometheus/tests).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { toTopicSubject } from '@driftline/kafka';
import type { AvroSerde, KafkaClients } from '@driftline/kafka';
import { TopicRole, predictionLogSchema } from '@driftline/schemas';
import type { PredictionLog } from '@driftline/schemas';
import { parseSpec, publishSpec } from '../../support/aggregator-harness.ts';
import { buildDriftStream } from '../../support/drift-stream.ts';
import { createTestKafka, createTestSerde, createTestTopics, uniqueName } from '../../support/kafka-factories.ts';
import { freePort } from '../../support/private-redis.ts';
import { ensurePrometheus, promtool, startPrometheus } from '../../support/prometheus-process.ts';
import type { PrometheusProcess } from '../../support/prometheus-process.ts';
import { startService } from '../../support/service-process.ts';
import { repoRoot } from '../../support/stack-env.ts';
import { waitFor } from '../../support/wait-for.ts';
import { deleteRedisKeysAfterTest } from '../joiner/joiner-process.ts';

const SERVICES = ['aggregator', 'joiner', 'detector', 'trigger', 'eraser'] as const;
type Service = (typeof SERVICES)[number];
const PROMETHEUS_DIR = join(repoRoot, 'deploy/prometheus');
const RULE_FILES = readdirSync(join(PROMETHEUS_DIR, 'rules')).filter((f) => f.endsWith('.yml')).map((f) => join(PROMETHEUS_DIR, 'rules', f));
const PEPPER = 'a-prometheus-test-pepper-of-32-bytes-or-more';
const N = 60_000;
const SHIFT_AT = 30_000;

const installed = ensurePrometheus();
if (!installed.ok) process.stderr.write(`SKIPPED prometheus.test.ts: ${installed.reason}\n`);

interface ScrapeConfig { job_name: string; static_configs?: { targets: string[] }[] }
interface Target { labels: Record<string, string>; health: string; lastError: string }
interface RuleGroup { name: string; rules: { name: string; type: string; health: string; lastError?: string; lastEvaluation: string }[] }
interface Alert { labels: Record<string, string>; state: string; value: string }

/** prometheus.local.yml with the services' targets on `ports`, other jobs left out, 1 s intervals and absolute rule paths. */
function testConfig(ports: ReadonlyMap<Service, number>): unknown {
  const config = parse(readFileSync(join(PROMETHEUS_DIR, 'prometheus.local.yml'), 'utf8')) as { rule_files: string[]; scrape_configs: ScrapeConfig[] };
  expect(config.rule_files).toEqual(['rules/*.yml']);
  const jobs = config.scrape_configs.filter((c) => (SERVICES as readonly string[]).includes(c.job_name));
  expect(jobs.map((j) => j.job_name).sort()).toEqual([...SERVICES].sort());
  return {
    global: { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
    rule_files: [join(PROMETHEUS_DIR, 'rules/*.yml')],
    scrape_configs: jobs.map((job) => {
      const targets = job.static_configs?.flatMap((s) => s.targets) ?? [];
      expect(targets).toHaveLength(1);
      return { ...job, static_configs: [{ targets: [`127.0.0.1:${String(ports.get(job.job_name as Service))}`] }] };
    }),
  };
}

/** Alert names declared in the rule files. */
function declaredAlerts(): string[] {
  return RULE_FILES.flatMap((file) => (parse(readFileSync(file, 'utf8')) as { groups: { rules: { alert?: string }[] }[] }).groups.flatMap((g) => g.rules.flatMap((r) => (r.alert === undefined ? [] : [r.alert]))));
}

function envOf(service: Service, prefix: string): Record<string, string> {
  const privacy = { DRIFTLINE_PSEUDONYM_PEPPER: PEPPER, DRIFTLINE_SUBJECT_KEY_PREFIX: `${prefix}keys:` };
  switch (service) {
    case 'aggregator': return { AGGREGATOR_GROUP_ID: uniqueName('aggregator'), DRIFTLINE_REDIS_PREFIX: `${prefix}dl:` };
    case 'joiner': return { DRIFTLINE_SERVICE_GROUP: uniqueName('joiner'), JOINER_KEY_PREFIX: `${prefix}join:`, ...privacy };
    case 'detector': return { DETECTOR_GROUP_ID: uniqueName('detector'), DRIFTLINE_REDIS_PREFIX: `${prefix}dl:`, DETECTOR_CHECKPOINT_INTERVAL: '500ms' };
    case 'trigger': return { TRIGGER_GROUP_ID: uniqueName('trigger'), DRIFTLINE_REDIS_PREFIX: `${prefix}dl:`, TRIGGER_TICK_INTERVAL: '1s' };
    case 'eraser': return {
      ERASER_GROUP_ID: uniqueName('eraser'), ERASER_REQUESTS_GROUP_ID: uniqueName('eraser-requests'), ERASER_KEY_PREFIX: `${prefix}erase:`, ERASER_JOINER_KEY_PREFIX: `${prefix}join:`, ...privacy,
    };
  }
}

/** Starts every service on its own free port and waits until each answers /readyz. */
async function startServices(prefix: string): Promise<Map<Service, number>> {
  const ports = new Map<Service, number>();
  for (const service of SERVICES) {
    const port = await freePort();
    ports.set(service, port);
    startService(service, {
      DRIFTLINE_TOPIC_PREFIX: prefix, HTTP_HOST: '127.0.0.1', HTTP_PORT: String(port), KAFKA_SESSION_TIMEOUT_MS: '6000', KAFKA_HEARTBEAT_INTERVAL_MS: '1000', ...envOf(service, prefix),
    });
  }
  for (const [service, port] of ports) {
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).ok || undefined, { what: `${service} ready on :${port}`, timeoutMs: 60_000, intervalMs: 250 });
  }
  return ports;
}

async function publish(clients: KafkaClients, serde: AvroSerde, topic: string, records: readonly PredictionLog[]): Promise<void> {
  const encode = await serde.encoderFor(toTopicSubject(topic), predictionLogSchema);
  for (let i = 0; i < records.length; i += 5000) {
    await clients.publisher.publish(records.slice(i, i + 5000).map((r) => ({ topic, key: r.requestId, value: encode(r) })));
  }
}

async function driftAlerts(prometheus: PrometheusProcess): Promise<Alert[]> {
  return (await prometheus.api<{ alerts: Alert[] }>('alerts')).alerts.filter((a) => a.labels['alertname'] === 'DriftlineDriftDetected');
}

const spec = parseSpec({
  modelId: 'credit', prediction: { type: 'binary', labels: ['approve', 'decline'], positiveLabel: 'decline' },
  features: [{ name: 'income', type: 'numeric' }, { name: 'age', type: 'numeric' }],
  slices: { keys: ['region'] }, windows: { size: '5m', grace: '1m' },
  detectors: { features: [{ kind: 'adwin', params: { delta: 0.002 } }] },
  alerts: { cooldown: '1h' },
});

describe.skipIf(!installed.ok)('prometheus: scrape config, rules and alerts against the running services', () => {
  it('promtool accepts both scrape configs and the rules, and the rules pass their unit tests', () => {
    for (const file of ['prometheus.yml', 'prometheus.local.yml']) {
      const result = promtool(['check', 'config', join(PROMETHEUS_DIR, file)]);
      expect(result.output, file).toContain('SUCCESS');
      expect(result.status, result.output).toBe(0);
    }
    // Debian builds Prometheus without Kubernetes service discovery: there, that is the only complaint allowed.
    const k8s = promtool(['check', 'config', join(PROMETHEUS_DIR, 'prometheus.k8s.yml')]);
    if (k8s.status !== 0) expect(k8s.output).toMatch(/FAILED: parsing YAML file .*: yaml: unmarshal errors:\n\s*line \d+: field kubernetes_sd_configs not found in type config.ScrapeConfig\s*$/);
    const rules = promtool(['check', 'rules', ...RULE_FILES]);
    expect(rules.status, rules.output).toBe(0);
    const unit = promtool(['test', 'rules', join(PROMETHEUS_DIR, 'tests/rules.test.yml')]);
    expect(unit.status, unit.output).toBe(0);
  });

  it('scrapes every service, loads every rule, and fires the drift alert when one slice of a model drifts', async () => {
    const clients = createTestKafka();
    const serde = createTestSerde();
    const topics = await createTestTopics(clients, { partitions: 3 });
    deleteRedisKeysAfterTest(topics.prefix);
    await publishSpec(clients, serde, topics.name(TopicRole.MONITORS), spec);
    const ports = await startServices(topics.prefix);
    const prometheus = await startPrometheus(testConfig(ports));

    const targets = await waitFor(async () => {
      const active = (await prometheus.api<{ activeTargets: Target[] }>('targets')).activeTargets;
      return active.length === SERVICES.length && active.every((t) => t.health === 'up') ? active : undefined;
    }, { what: 'every target up', timeoutMs: 30_000, intervalMs: 500 });
    expect(targets.map((t) => t.labels['job']).sort()).toEqual([...SERVICES].sort());

    const groups = await waitFor(async () => {
      const loaded = (await prometheus.api<{ groups: RuleGroup[] }>('rules')).groups;
      return loaded.every((g) => g.rules.every((r) => r.health === 'ok')) ? loaded : undefined;
    }, { what: 'every rule evaluated without error', timeoutMs: 30_000, intervalMs: 500 });
    expect(groups.flatMap((g) => g.rules.map((r) => r.name)).sort()).toEqual(declaredAlerts().sort());

    // Each job's own metrics carry `service` = job (the registries' default label, not renamed).
    const owners = await prometheus.api<{ result: { metric: Record<string, string> }[] }>(`query?query=${encodeURIComponent('group by (job, service) ({__name__=~"driftline_.+"})')}`);
    expect(owners.result.map((r) => `${r.metric['job'] ?? ''}=${r.metric['service'] ?? ''}`).sort()).toEqual(SERVICES.map((s) => `${s}=${s}`).sort());

    // The model's drift-event series exist at 0 before any event, so the first one is an increase.
    await waitFor(async () => {
      const series = await prometheus.api<{ result: unknown[] }>(`query?query=${encodeURIComponent('driftline_detector_drift_events_total{model="credit"} == 0')}`);
      return series.result.length === 27 || undefined;
    }, { what: 'the zero drift-event series of model credit (9 kinds x 3 severities)', timeoutMs: 20_000, intervalMs: 500 });
    expect(await driftAlerts(prometheus)).toEqual([]);

    await publish(clients, serde, topics.name(TopicRole.PREDICTIONS), buildDriftStream({ modelId: 'credit', n: N, shift: { at: SHIFT_AT, feature: 'income', region: 'eu', by: 15 } }));

    const firing = await waitFor(async () => {
      const alerts = (await driftAlerts(prometheus)).filter((a) => a.state === 'firing');
      return alerts.length > 0 ? alerts : undefined;
    }, { what: 'DriftlineDriftDetected firing', timeoutMs: 90_000, intervalMs: 500 });
    expect(firing.map((a) => ({ model: a.labels['model'], kind: a.labels['kind'] }))).toEqual([{ model: 'credit', kind: 'DATA_DRIFT' }]);
    expect(['info', 'warning', 'critical']).toContain(firing[0]?.labels['severity']);
    expect(Number(firing[0]?.value)).toBeGreaterThan(0);
  }, 180_000);
});
