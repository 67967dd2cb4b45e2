// The demo, start to end: training data → `driftline baseline` → `driftline monitor apply`, the five
// services, the simulator with its scheduled incidents, the live view, and the summary. Everything
// it created (processes, and unless --keep the run's topics and Redis keys) is gone when it returns.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpSchemaRegistry, createAvroSerde, createKafkaClients } from '@driftline/kafka';
import type { AvroSerde, KafkaClients } from '@driftline/kafka';
import { createPseudonymizer } from '@driftline/privacy';
import { RedisStateStore } from '@driftline/redis-state';
import { TopicRole } from '@driftline/schemas';
import type { DriftEvent, RetrainRequest, SubjectReceipt } from '@driftline/schemas';
import { toKafkaConnection, toRegistryOptions } from '@driftline/service-kit';
import { repoRoot } from '../support/repo-root.ts';
import { writeTrainingData } from './credit/training-data.ts';
import { loadDemoConfig } from './demo-config.ts';
import type { DemoConfig } from './demo-config.ts';
import type { DemoOptions } from './demo-options.ts';
import { DemoPhase, Tone, addFeedLine } from './demo-state.ts';
import type { DemoState, FeedLine } from './demo-state.ts';
import { runCliCommand, startCli } from './runtime/cli-command.ts';
import type { CliRun } from './runtime/cli-command.ts';
import { DEMO_SERVICES, toConsumerGroups, toRunNames, toServiceEnv } from './runtime/demo-services.ts';
import type { RunNames } from './runtime/demo-services.ts';
import { startEventFeed } from './runtime/event-feed.ts';
import { createLagMonitor } from './runtime/lag-monitor.ts';
import { createRetrainJob } from './runtime/retrain-job.ts';
import { stopChild } from './runtime/child-processes.ts';
import { startServiceProcess, stopServiceProcesses, waitUntilReady } from './runtime/service-process.ts';
import type { ServiceProcess } from './runtime/service-process.ts';
import { runSimulation } from './runtime/simulation-loop.ts';
import { toEventLabel, toReceiptLabel } from './scenario/match-detections.ts';
import { DETECTION_SLACK_MS, ERASED_SUBJECT, IncidentId, toSchedule } from './scenario/schedule.ts';
import { createTraffic } from './scenario/traffic.ts';
import { createTerminalView } from './view/terminal-view.ts';
import type { TerminalView } from './view/terminal-view.ts';
import { formatSummary, toDemoSummary, toSummaryJson } from './view/summary-table.ts';
import { toRows } from './view/live-view.ts';

export const DEMO_SPEC = join(repoRoot, 'test/demo/demo-monitor.yaml');
const TRAINING_ROWS = 40_000;
const TRAINING_FILE = 'train.jsonl';
const READY_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 15_000;
/** A CLI still waiting for a receipt only waits: it may be killed soon. */
const CLI_STOP_GRACE_MS = 2000;
const RETRAIN_JOB_MS = 3000;
/** The simulated clock holds while a pipeline group is more than this many seconds of traffic behind. */
const BACKLOG_SECONDS = 15;
const PIPELINE_GROUPS = new Set(['joiner', 'aggregator', 'detector', 'eraser (index)']);

export interface DemoDeps {
  readonly out: NodeJS.WriteStream;
  /** Connection variables (KAFKA_*, SCHEMA_REGISTRY_*, REDIS_*), from the env or the stack just started. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly signal: AbortSignal;
  readonly now: () => number;
  /** Called with the summary as JSON (for --json). */
  readonly onSummary?: (json: unknown) => void;
}

interface Run {
  readonly names: RunNames;
  readonly config: DemoConfig;
  readonly state: DemoState;
  readonly clients: KafkaClients;
  readonly serde: AvroSerde;
  readonly services: ServiceProcess[];
  readonly apiToken: string;
  readonly pepper: string;
  readonly connection: Record<string, string>;
  /** CLI commands started during the simulation (the erasure), stopped with the services. */
  readonly commands: CliRun[];
}

function createRun(options: DemoOptions, deps: DemoDeps): Run {
  const config = loadDemoConfig(deps.env);
  const pepper = randomBytes(32).toString('hex');
  const runId = `${deps.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const names = toRunNames(runId);
  const spanMs = Math.round(options.durationS * 1000 * options.speed);
  // Event time ends about now: the story is the last few hours of a production model.
  const startMs = Math.floor((deps.now() - spanMs) / DETECTION_SLACK_MS) * DETECTION_SLACK_MS;
  const state: DemoState = {
    runId, options, schedule: toSchedule({ startMs, spanMs }), topicPrefix: names.topicPrefix, logDir: mkdtempSync(join(tmpdir(), `driftline-demo-${runId}-`)),
    phase: DemoPhase.SETTING_UP, wallStartMs: deps.now(), simNowMs: startMs, paused: false, clock: [], produced: { predictions: 0, labels: 0 }, pendingLabels: 0, lag: undefined,
    events: [], retrains: [], receipts: [], injectedAt: new Map(), erasurePseudonym: createPseudonymizer({ pepper }).toPseudonym(ERASED_SUBJECT), feed: [],
  };
  const connection = Object.fromEntries(Object.entries(deps.env).filter((e): e is [string, string] => /^(KAFKA|SCHEMA_REGISTRY|REDIS)_/.test(e[0]) && e[1] !== undefined));
  return {
    names, config, state, services: [], commands: [], connection, apiToken: randomBytes(24).toString('hex'), pepper,
    clients: createKafkaClients(toKafkaConnection(config.connection, 'driftline-demo')),
    serde: createAvroSerde({ registry: new HttpSchemaRegistry(toRegistryOptions(config.connection)) }),
  };
}

async function setUp(run: Run, deps: DemoDeps): Promise<void> {
  const { names, state } = run;
  const out = deps.out;
  const env = run.connection;
  const train = join(state.logDir, TRAINING_FILE);
  const profile = join(state.logDir, 'profile.json');
  out.write(`\n== ${String(TRAINING_ROWS)} rows of training data (seed ${String(state.options.seed)}) → ${train}\n`);
  await writeTrainingData({ file: train, rows: TRAINING_ROWS, seed: state.options.seed + 1_000 });
  out.write('== topics, reference profile and monitor spec\n');
  await Promise.all([
    runCliCommand(['topics', 'create', '--prefix', names.topicPrefix, '--partitions', '3'], { env, out, attempts: 3 }),
    runCliCommand(['baseline', '--spec', DEMO_SPEC, '--input', train, '--out', profile], { env, out }),
  ]);
  await runCliCommand(['monitor', 'apply', DEMO_SPEC, '--profile', profile, '--topic', names.topic(TopicRole.MONITORS)], { env, out, attempts: 3 });

  out.write(`== services (logs in ${state.logDir})\n`);
  const envOf = { names, connection: env, pepper: run.pepper, apiToken: run.apiToken, anyPorts: state.options.anyPorts };
  const start = (name: (typeof DEMO_SERVICES)[number], aggregatorUrl?: string): ServiceProcess => {
    const service = startServiceProcess({ name, env: toServiceEnv(name, { ...envOf, ...(aggregatorUrl === undefined ? {} : { aggregatorUrl }) }), logDir: state.logDir });
    run.services.push(service);
    return service;
  };
  const ready = (s: ServiceProcess): Promise<number> => waitUntilReady(s, { timeoutMs: READY_TIMEOUT_MS, signal: deps.signal });
  const aggregatorPort = await ready(start('aggregator'));
  const aggregatorUrl = `http://127.0.0.1:${String(aggregatorPort)}`;
  const others = DEMO_SERVICES.filter((s) => s !== 'aggregator').map((s) => start(s, aggregatorUrl));
  const ports = await Promise.all(others.map(ready));
  out.write(`  ready: aggregator :${String(aggregatorPort)}, ${others.map((s, i) => `${s.name} :${String(ports[i])}`).join(', ')}\n`);
}

function describeEvent(e: DriftEvent): string {
  return `${toEventLabel(e)} ${e.severity}: value ${e.value.toPrecision(3)} vs threshold ${e.threshold.toPrecision(3)}, window ${new Date(e.windowStart).toISOString().slice(11, 16)}–${new Date(e.windowEnd).toISOString().slice(11, 16)}`;
}

function describeRetrain(r: RetrainRequest): string {
  return `request ${r.requestId.slice(0, 8)} for ${r.modelId} v${r.modelVersion} (${r.reasons.map((x) => `${x.policy}: ${x.detail}`).join('; ')}); advice ${r.advice.split(':')[0] ?? ''}`;
}

/** What a data-protection officer runs: `driftline subject erase` files the request and waits for the receipt (in the background). */
function requestErasure(run: Run, say: (tone: Tone, text: string) => void): void {
  const args = ['subject', 'erase', ERASED_SUBJECT, '--prefix', run.names.topicPrefix, '--timeout', '3m'];
  say(Tone.INFO, `$ npx driftline ${args.join(' ')}`);
  const cli = startCli(args, run.connection);
  run.commands.push(cli);
  void cli.done.then(({ code, lines }) => {
    const filed = lines.find((l) => l.startsWith('filed '));
    say(Tone.INFO, `driftline subject erase exited with ${String(code)}${filed === undefined ? '' : ` (${filed})`}`);
  }, (error: unknown) => { say(Tone.INFO, `driftline subject erase failed: ${error instanceof Error ? error.message : String(error)}`); });
}

/** Feed, lag sampling, retraining job and view around the simulation; the run's state is the single place they write to. */
async function simulate(run: Run, deps: DemoDeps, view: TerminalView): Promise<void> {
  const { state, names, clients, serde } = run;
  const say = (tone: Tone, text: string): void => {
    const line: FeedLine = { atMs: deps.now(), tone, text };
    addFeedLine(state, line);
    view.feed(line);
  };
  const triggerPort = await (run.services.find((s) => s.name === 'trigger')?.port ?? Promise.resolve(0));
  const job = createRetrainJob({
    triggerUrl: `http://127.0.0.1:${String(triggerPort)}`, token: run.apiToken, delayMs: RETRAIN_JOB_MS,
    onDone: (r, outcome) => { say(Tone.INFO, `retraining job: request ${r.requestId.slice(0, 8)} ${outcome}`); },
  });
  const feed = await startEventFeed({
    clients, serde, groupId: names.group('view'),
    topics: { driftEvents: names.topic(TopicRole.DRIFT_EVENTS), retrainRequests: names.topic(TopicRole.RETRAIN_REQUESTS), erasureReceipts: names.topic(TopicRole.ERASURE_RECEIPTS) },
    handlers: {
      onDriftEvent: (e) => { state.events.push(e); say(Tone.DRIFT, describeEvent(e)); },
      onRetrainRequest: (r) => { state.retrains.push(r); say(Tone.RETRAIN, describeRetrain(r)); job.take(r); },
      onErasureReceipt: (r: SubjectReceipt) => { state.receipts.push(r); say(Tone.ERASURE, toReceiptLabel(r)); },
    },
  });
  const lag = createLagMonitor({ admin: clients.admin, groups: toConsumerGroups(names), now: deps.now });
  let sampling: Promise<unknown> | undefined;
  const lagTimer = setInterval(() => { sampling ??= lag.sample().then((s) => { state.lag = s; sampling = undefined; }); }, 1000);
  view.start();
  try {
    await runSimulation({
      traffic: createTraffic({ schedule: state.schedule, ratePerMinute: state.options.ratePerMinute, seed: state.options.seed }),
      publisher: clients.publisher, serde, state, now: deps.now, signal: deps.signal, drainMs: state.options.drainS * 1000,
      topics: { predictions: names.topic(TopicRole.PREDICTIONS), labels: names.topic(TopicRole.LABELS) },
      allDetected: () => toRows(state).every((r) => r.detection !== undefined),
      backlog: () => {
        const groups = state.lag?.groups.filter((g) => PIPELINE_GROUPS.has(g.label));
        return groups === undefined || groups.length === 0 ? undefined : Math.max(...groups.map((g) => g.lag));
      },
      maxBacklog: Math.round(((2 * state.options.ratePerMinute * state.options.speed) / 60) * BACKLOG_SECONDS),
      onIncident: (id, wallMs) => {
        const incident = state.schedule.incidents.find((i) => i.id === id);
        state.injectedAt.set(id, wallMs);
        say(Tone.INCIDENT, `${incident?.title ?? id}: ${incident?.story ?? ''}`);
        if (id === IncidentId.ERASURE) requestErasure(run, say);
      },
    });
  } finally {
    view.stop();
    clearInterval(lagTimer);
    job.stop();
    await sampling;
    await feed.stop();
  }
}

async function tearDown(run: Run, deps: DemoDeps): Promise<void> {
  const { state, names } = run;
  deps.out.write(`stopping ${String(run.services.filter((s) => s.isRunning()).length)} services...\n`);
  await Promise.all([stopServiceProcesses(run.services, STOP_GRACE_MS), ...run.commands.map((c) => stopChild(c.child, c.done, CLI_STOP_GRACE_MS))]);
  if (state.options.keep) {
    deps.out.write(`kept topics ${names.topicPrefix}* and Redis keys ${names.redisPrefix}*; try: npx driftline consume ${names.topic(TopicRole.DRIFT_EVENTS)} --from-beginning\n`);
  } else {
    rmSync(join(state.logDir, TRAINING_FILE), { force: true }); // 9 MB; the logs and the profile stay
    try {
      await run.clients.admin.deleteTopics(Object.values(TopicRole).map((r) => names.topic(r)));
      const redis = new RedisStateStore(run.config.redis);
      await redis.deleteByPrefix(names.redisPrefix);
      await redis.close();
      deps.out.write(`removed topics ${names.topicPrefix}* and Redis keys ${names.redisPrefix}* (keep them with --keep)\n`);
    } catch (error) {
      deps.out.write(`could not remove everything of run ${names.runId}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  await run.clients.disconnect();
}

/** Runs the demo; resolves with the exit code (0: every incident detected, 1: not, 130: interrupted). */
export async function runDemo(options: DemoOptions, deps: DemoDeps): Promise<number> {
  const run = createRun(options, deps);
  const { state } = run;
  const view = createTerminalView({ state, out: deps.out, now: deps.now });
  deps.out.write(`Driftline demo, run ${run.names.runId}: ${String(options.durationS)} s at ${String(options.speed)}× (${String(Math.round((options.durationS * options.speed) / 60))} simulated minutes), ${String(options.ratePerMinute)} predictions per simulated minute\n`);
  let simulated = false;
  try {
    await setUp(run, deps);
    if (!deps.signal.aborted) {
      simulated = true;
      await simulate(run, deps, view);
    }
  } catch (error) {
    if (!deps.signal.aborted) throw error;
  } finally {
    state.phase = DemoPhase.STOPPING;
    if (simulated) {
      const interrupted = deps.signal.aborted;
      const summary = toDemoSummary(state);
      deps.out.write(`\n${formatSummary(state, summary, { color: deps.out.isTTY, interrupted })}\n`);
      deps.onSummary?.(toSummaryJson(state, summary, { interrupted, servicePids: run.services.flatMap((s) => (s.child.pid === undefined ? [] : [s.child.pid])) }));
    }
    await tearDown(run, deps);
  }
  if (deps.signal.aborted) return 130;
  return toDemoSummary(state).allDetected ? 0 : 1;
}
