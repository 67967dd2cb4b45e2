// npm run bench:kafka: the throughput ceiling later services are compared with.
// Produce and consume PredictionLog-sized records (20 features) through the real broker, raw bytes
// and with Avro decode, and the in-memory decode ceiling for both feature shapes: a generic map of
// unions and a per-model record of typed fields (TopicRecordNameStrategy).
import { randomUUID } from 'node:crypto';
import avro from 'avsc';
import { HttpSchemaRegistry, createAvroSerde, createKafkaClients, toTopicRecordSubject, toTopicSubject } from '@driftline/kafka';
import { predictionLogSchema } from '@driftline/schemas';
import type { PredictionLog } from '@driftline/schemas';
import { loadBenchStack, measureConsume, rate, toTypedPredictionSchema } from './bench-support.ts';

const N = Number(process.env['BENCH_RECORDS'] ?? '200000');
const PARTITIONS = 3;

const env = loadBenchStack();
const clients = createKafkaClients({ brokers: env.KAFKA_BROKERS.split(','), clientId: 'bench-kafka' });
const serde = createAvroSerde({ registry: new HttpSchemaRegistry({ url: env.SCHEMA_REGISTRY_URL }) });

const numeric = Array.from({ length: 16 }, (_, i) => `num_${i}`);
const categorical = ['region', 'channel', 'segment', 'product'];
const typedSchema = toTypedPredictionSchema({ name: 'CreditPredictionLog', numeric, categorical });

function record(i: number): PredictionLog {
  const features: Record<string, number | string> = {};
  for (let k = 0; k < numeric.length; k++) features[numeric[k] ?? ''] = ((i * (k + 7)) % 1000) / 10;
  for (let k = 0; k < categorical.length; k++) features[categorical[k] ?? ''] = `v${(i + k) % 5}`;
  return { requestId: `r-${i}`, modelId: 'credit', modelVersion: '3', timestamp: 1_795_000_000_000 + i, features, prediction: { label: i % 2 === 0 ? 'approve' : 'decline', score: (i % 100) / 100 }, slice: { region: `r${i % 3}` }, subjectId: null };
}

async function main(): Promise<void> {
  const topic = `bench-${randomUUID().slice(0, 8)}-predictions`;
  await clients.admin.createTopics([{ role: 'predictions', name: topic, partitions: PARTITIONS, replicationFactor: 1, configs: { 'cleanup.policy': 'delete' } }]);
  try {
    const encodeMap = await serde.encoderFor(toTopicSubject(topic), predictionLogSchema);
    const encodeTyped = await serde.encoderFor(toTopicRecordSubject(topic, 'io.driftline.CreditPredictionLog'), typedSchema);
    const records = Array.from({ length: N }, (_, i) => record(i));
    const mapBytes = records.map((r) => encodeMap(r));
    const typedBytes = records.map((r) => encodeTyped(r));
    const avgBytes = Math.round(mapBytes.reduce((s, b) => s + b.length, 0) / N);

    // In-memory decode ceiling, both shapes (one warm-up run, then the median of 5).
    const medianRate = async (bytes: Buffer[], decode: (b: Buffer) => unknown): Promise<number> => {
      const runs: number[] = [];
      for (let run = 0; run < 6; run++) {
        const t0 = performance.now();
        for (const b of bytes) await decode(b);
        if (run > 0) runs.push(rate(bytes.length, performance.now() - t0));
      }
      return runs.sort((a, b) => a - b)[2] ?? 0;
    };
    const viaSerde = (b: Buffer): unknown => serde.decodeCached(b) ?? serde.decode(b);
    const viaAvsc = (schema: object): ((b: Buffer) => unknown) => {
      const type = avro.Type.forSchema(schema as avro.Schema, { wrapUnions: false });
      return (b) => type.fromBuffer(b.subarray(5)) as unknown;
    };
    const mapDecode = await medianRate(mapBytes, viaSerde);
    const typedDecode = await medianRate(typedBytes, viaSerde);
    const mapRaw = await medianRate(mapBytes, viaAvsc(predictionLogSchema));
    const typedRaw = await medianRate(typedBytes, viaAvsc(typedSchema));

    // Produce through the broker (acks=all), batches of 5000.
    const produceStart = performance.now();
    for (let i = 0; i < N; i += 5000) {
      await clients.publisher.publish(mapBytes.slice(i, i + 5000).map((value, j) => ({ topic, key: records[i + j]?.requestId ?? null, value })));
    }
    const produce = rate(N, performance.now() - produceStart);

    // Consume through the broker: raw bytes, then with Avro decode (separate groups).
    const consumeRaw = await measureConsume(clients, serde, topic, N, false);
    const consumeDecoded = await measureConsume(clients, serde, topic, N, true);

    console.log(`\nbench:kafka  ${N} PredictionLog records, 20 features, ${avgBytes} bytes each (Avro, map shape), ${PARTITIONS} partitions, 1 broker on 127.0.0.1, Node ${process.version}\n`);
    const rows: [string, number][] = [
      ['produce (acks=all, batches of 5000)', produce],
      ['consume raw bytes', consumeRaw],
      ['consume + Avro decode (map of unions)', consumeDecoded],
      ['decode only, map of unions (serde)', mapDecode],
      ['decode only, map of unions (avsc, no serde)', mapRaw],
      ['decode only, typed record (serde)', typedDecode],
      ['decode only, typed record (avsc, no serde)', typedRaw],
    ];
    console.log('| path | records/s |\n|---|---:|');
    for (const [name, value] of rows) console.log(`| ${name} | ${value.toLocaleString('en-US')} |`);
    console.log(`\ntyped/map decode ratio: ${(typedDecode / mapDecode).toFixed(2)}x; consume+decode / consume raw: ${(consumeDecoded / consumeRaw).toFixed(2)}`);
  } finally {
    await clients.admin.deleteTopics([topic]);
    await clients.disconnect();
  }
}


await main();
