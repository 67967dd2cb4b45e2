// The driftline command (composition root): reads env and argv, builds real clients, runs one command.
import { parseArgs } from 'node:util';
import { HttpSchemaRegistry, createAvroSerde, createKafkaClients } from '@driftline/kafka';
import { isConfigError, toKafkaConnection, toRegistryOptions } from '@driftline/service-kit';
import { loadConfig } from './config.ts';
import { runProduce } from './commands/produce.ts';
import { runConsume } from './commands/consume.ts';
import { runTopicsCreate } from './commands/topics-create.ts';

const USAGE = `Usage:
  driftline produce <topic> --file records.jsonl [--schema PredictionLog]
  driftline consume <topic> [--from-beginning] [--follow] [--json] [--max N]
  driftline topics create [--prefix it-] [--partitions N]

Connection settings come from the environment (KAFKA_BROKERS, SCHEMA_REGISTRY_URL, ...; see README).`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      file: { type: 'string' }, schema: { type: 'string' }, 'from-beginning': { type: 'boolean', default: false },
      follow: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, max: { type: 'string' },
      prefix: { type: 'string', default: '' }, partitions: { type: 'string' }, help: { type: 'boolean', default: false },
    },
  });
  const [command, arg] = positionals;
  if (values.help || command === undefined) { process.stdout.write(`${USAGE}\n`); return command === undefined && !values.help ? 2 : 0; }

  const config = loadConfig(process.env);
  const clients = createKafkaClients(toKafkaConnection(config, 'driftline-cli'));
  const serde = createAvroSerde({ registry: new HttpSchemaRegistry(toRegistryOptions(config)) });
  try {
    switch (command) {
      case 'produce':
        if (arg === undefined || values.file === undefined) throw new UsageError('produce needs <topic> and --file');
        return await runProduce({ publisher: clients.publisher, serde, stderr: process.stderr }, { topic: arg, file: values.file, ...(values.schema === undefined ? {} : { schemaName: values.schema }) });
      case 'consume': {
        if (arg === undefined) throw new UsageError('consume needs <topic>');
        const interrupted = new Promise<void>((resolve) => { process.once('SIGINT', () => { resolve(); }); process.once('SIGTERM', () => { resolve(); }); });
        return await runConsume({ clients, serde, stdout: process.stdout, stderr: process.stderr, interrupted }, {
          topic: arg, fromBeginning: values['from-beginning'], follow: values.follow, json: values.json,
          ...(values.max === undefined ? {} : { max: Number(values.max) }),
        });
      }
      case 'topics':
        if (arg !== 'create') throw new UsageError('topics takes the subcommand create');
        return await runTopicsCreate({ admin: clients.admin, serde, stdout: process.stdout }, {
          prefix: values.prefix, erasureDeadlineDays: config.DRIFTLINE_ERASURE_DEADLINE_DAYS, retentionDays: config.DRIFTLINE_RETENTION_DAYS,
          partitions: values.partitions === undefined ? config.DRIFTLINE_PARTITIONS : Number(values.partitions), replicationFactor: config.DRIFTLINE_REPLICATION_FACTOR,
        });
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } finally {
    await clients.disconnect();
  }
}

class UsageError extends Error {}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    if (error instanceof UsageError) process.stderr.write(`error: ${error.message}\n\n${USAGE}\n`);
    else if (isConfigError(error)) process.stderr.write(`${error.message}\n`);
    else process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
