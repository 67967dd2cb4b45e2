// `driftline consume <topic> [--from-beginning] [--follow] [--json]`: prints decoded records.
// Without --follow it stops once it has read up to the log end it saw at start.
import { randomUUID } from 'node:crypto';
import type { AvroSerde, KafkaClients } from '@driftline/kafka';
import { isKafkaError } from '@driftline/kafka';

export interface ConsumeOptions {
  readonly topic: string;
  readonly fromBeginning: boolean;
  readonly follow: boolean;
  readonly json: boolean;
  /** Stop after this many records (default: no limit). */
  readonly max?: number;
}

export interface ConsumeDeps {
  readonly clients: Pick<KafkaClients, 'admin' | 'source'>;
  readonly serde: AvroSerde;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Resolves when the user asks to stop (Ctrl-C). */
  readonly interrupted: Promise<void>;
}

export async function runConsume(deps: ConsumeDeps, options: ConsumeOptions): Promise<number> {
  const ends = await deps.clients.admin.endOffsets(options.topic);
  const remaining = new Set([...ends].filter(([, end]) => options.fromBeginning && Number(end) > 0).map(([p]) => p));
  const source = deps.clients.source({ groupId: `driftline-cli-${randomUUID()}` });
  let printed = 0;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => { finish = resolve; });
  if (!options.follow && remaining.size === 0) finish();

  await source.run({
    topics: [options.topic],
    fromBeginning: options.fromBeginning,
    onBatch: async (batch, control) => {
      for (const m of batch.messages) {
        let value: unknown = null;
        let error: string | undefined;
        if (m.value !== null) {
          try { value = (await deps.serde.decode(m.value)).value; } catch (e) {
            if (!isKafkaError(e)) throw e;
            error = `${e.code}: ${e.message}`;
          }
        }
        const key = m.key?.toString() ?? null;
        if (options.json) {
          deps.stdout.write(`${JSON.stringify({ topic: m.topic, partition: m.partition, offset: m.offset, timestamp: m.timestamp, key, value, ...(error === undefined ? {} : { error }) })}\n`);
        } else {
          deps.stdout.write(`${m.partition}/${m.offset} ${key ?? '-'} ${error === undefined ? JSON.stringify(value) : `<${error}>`}\n`);
        }
        control.resolveOffset(m.offset);
        printed++;
        const end = ends.get(m.partition);
        if (end !== undefined && Number(m.offset) >= Number(end) - 1) remaining.delete(m.partition);
        if ((!options.follow && remaining.size === 0) || (options.max !== undefined && printed >= options.max)) { finish(); return; }
      }
    },
  });
  await Promise.race([finished, deps.interrupted, source.done()]);
  await source.stop();
  deps.stderr.write(`${printed} records\n`);
  return 0;
}
