// A consumer process for crash tests: runs the shared consume loop on TOPIC and appends
// "partition:offset" of every record it handles to OUT_FILE before the offset is resolved.
// SIGTERM stops it gracefully (finish the batch, commit, exit 0); SIGKILL is the crash.
import { appendFileSync } from 'node:fs';
import { HttpSchemaRegistry, createAvroSerde, createConsumeLoop, createKafkaClients } from '@driftline/kafka';
import { trapSignals } from '@driftline/service-kit';

const need = (name: string): string => {
  const v = process.env[name];
  if (v === undefined || v === '') throw new Error(`${name} is required`);
  return v;
};

const clients = createKafkaClients({ brokers: need('KAFKA_BROKERS').split(','), clientId: 'crash-consumer' });
const serde = createAvroSerde({ registry: new HttpSchemaRegistry({ url: need('SCHEMA_REGISTRY_URL') }) });
const out = need('OUT_FILE');
const delayMs = Number(process.env['CHUNK_DELAY_MS'] ?? '20');

const loop = createConsumeLoop({
  source: clients.source({ groupId: need('GROUP'), sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1000 }),
  publisher: clients.publisher,
  serde,
  deadLetterTopic: need('DEAD_LETTER_TOPIC'),
  service: 'crash-consumer',
  chunkSize: 50,
  handler: {
    async handle({ records }) {
      appendFileSync(out, records.map((r) => `${r.message.partition}:${r.message.offset}\n`).join(''));
      await new Promise((r) => setTimeout(r, delayMs));
      return { invalid: [] };
    },
  },
});

trapSignals(() => {
  void loop.stop().then(() => clients.disconnect()).then(() => process.exit(0));
});
await loop.start({ topics: [need('TOPIC')], fromBeginning: true });
process.stdout.write('consuming\n');
