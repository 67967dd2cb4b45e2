// The simulator's clock: every tick, event time moves on by the wall-clock time since the last tick
// × speed, and the traffic up to there is produced. Back-pressure: while a service's consumer group
// is more than `maxBacklog` records behind, the clock holds (a slow or busy machine stretches the
// demo instead of burying the services). After the scheduled span it keeps normal traffic flowing
// (so windows keep closing and late labels keep coming) while an incident is still undetected, for
// at most `drainMs`.
import { setTimeout as sleep } from 'node:timers/promises';
import { toTopicSubject } from '@driftline/kafka';
import type { AvroSerde, MessagePublisher, OutboundMessage } from '@driftline/kafka';
import { groundTruthSchema, predictionLogSchema } from '@driftline/schemas';
import { DemoPhase } from '../demo-state.ts';
import type { DemoState } from '../demo-state.ts';
import type { IncidentId } from '../scenario/schedule.ts';
import type { Traffic } from '../scenario/traffic.ts';

const TICK_MS = 100;

export interface SimulationDeps {
  readonly traffic: Traffic;
  readonly publisher: MessagePublisher;
  readonly serde: AvroSerde;
  readonly topics: { readonly predictions: string; readonly labels: string };
  readonly state: DemoState;
  readonly now: () => number;
  readonly signal: AbortSignal;
  /** An incident's first records were just produced (or, for the erasure, its moment came). */
  readonly onIncident: (id: IncidentId, wallMs: number) => void;
  /** Whether every incident was detected. */
  readonly allDetected: () => boolean;
  readonly drainMs: number;
  /** Records the slowest pipeline consumer group is behind (undefined: not known yet). */
  readonly backlog: () => number | undefined;
  readonly maxBacklog: number;
}

export async function runSimulation(deps: SimulationDeps): Promise<void> {
  const { state, traffic } = deps;
  const [encodePrediction, encodeLabel] = await Promise.all([
    deps.serde.encoderFor(toTopicSubject(deps.topics.predictions), predictionLogSchema),
    deps.serde.encoderFor(toTopicSubject(deps.topics.labels), groundTruthSchema),
  ]);
  const speed = state.options.speed;
  state.wallStartMs = deps.now();
  state.phase = DemoPhase.SIMULATING;
  let drainUntil = Infinity;
  let lastWall = state.wallStartMs;
  let target = state.schedule.startMs;
  while (!deps.signal.aborted) {
    const wall = deps.now();
    state.paused = (deps.backlog() ?? 0) > deps.maxBacklog;
    if (!state.paused) target += Math.round((wall - lastWall) * speed);
    else if (state.phase === DemoPhase.DRAINING) drainUntil += wall - lastWall;
    lastWall = wall;
    state.clock.push({ wallMs: wall, simMs: target });
    if (target >= state.schedule.endMs) {
      if (state.phase === DemoPhase.SIMULATING && !deps.allDetected()) {
        state.phase = DemoPhase.DRAINING;
        drainUntil = wall + deps.drainMs;
      }
      if (deps.allDetected() || wall >= drainUntil) return;
    }
    const batch = traffic.advance(target);
    const messages: OutboundMessage[] = [
      ...batch.predictions.map((p) => ({ topic: deps.topics.predictions, key: p.requestId, value: encodePrediction(p) })),
      ...batch.labels.map((l) => ({ topic: deps.topics.labels, key: l.requestId, value: encodeLabel(l) })),
    ];
    await deps.publisher.publish(messages);
    state.produced.predictions += batch.predictions.length;
    state.produced.labels += batch.labels.length;
    state.pendingLabels = traffic.pendingLabels();
    state.simNowMs = target;
    for (const id of batch.started) deps.onIncident(id, deps.now());
    await sleep(TICK_MS, undefined, { signal: deps.signal }).catch(() => undefined);
  }
}
