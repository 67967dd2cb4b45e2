// The driftline command (composition root): reads env and argv, builds real clients on first use,
// runs one command, closes the clients.
import { parseArgs } from 'node:util';
import { HttpSchemaRegistry, createAvroSerde, createKafkaClients } from '@driftline/kafka';
import type { AvroSerde, KafkaClients } from '@driftline/kafka';
import { isConfigError, toKafkaConnection, toRegistryOptions } from '@driftline/service-kit';
import { createTracing, toTracingOptions } from '@driftline/tracing';
import type { Tracing } from '@driftline/tracing';
import { loadSubjectClientConfig } from './subject/subject-client.ts';
import { loadConfig, loadTriggerClientConfig } from './config.ts';
import type { CliConfig } from './config.ts';
import { UsageError } from './commands/command.ts';
import type { CommandContext, OptionValues } from './commands/command.ts';
import { commands } from './commands/command-list.ts';

const USAGE = `Usage: driftline <command>

${commands.map((c) => `  driftline ${c.usage}`).join('\n')}

Connection settings come from the environment (KAFKA_BROKERS, SCHEMA_REGISTRY_URL, ...; see README).`;

async function main(argv: string[]): Promise<number> {
  const command = commands.find((c) => c.words.every((w, i) => argv[i] === w));
  if (command === undefined) {
    const help = argv.length === 0 || argv[0] === '--help' || argv[0] === 'help';
    (help ? process.stdout : process.stderr).write(`${help ? '' : `error: unknown command "${argv.join(' ')}"\n\n`}${USAGE}\n`);
    return help ? 0 : 2;
  }
  const { positionals, values } = parseArgs({ args: argv.slice(command.words.length), allowPositionals: true, options: command.options });

  let config: Readonly<CliConfig> | undefined;
  let clients: KafkaClients | undefined;
  let serde: AvroSerde | undefined;
  let tracing: Tracing | undefined;
  const ctx: CommandContext = {
    stdout: process.stdout,
    stderr: process.stderr,
    now: Date.now,
    interrupted: new Promise<void>((resolve) => { process.once('SIGINT', () => { resolve(); }); process.once('SIGTERM', () => { resolve(); }); }),
    config: () => (config ??= loadConfig(process.env)),
    triggerClient: () => loadTriggerClientConfig(process.env),
    subjectClient: () => loadSubjectClientConfig(process.env),
    kafka: () => (clients ??= createKafkaClients(toKafkaConnection(ctx.config(), 'driftline-cli'))),
    serde: () => (serde ??= createAvroSerde({ registry: new HttpSchemaRegistry(toRegistryOptions(ctx.config())) })),
    // Recording even when tracing is off (then nothing is exported): `--trace` always gives records a context.
    tracing: () => (tracing ??= createTracing(toTracingOptions(ctx.config(), 'driftline-cli') ?? { serviceName: ctx.config().OTEL_SERVICE_NAME ?? 'driftline-cli' })),
  };
  try {
    return await command.run(ctx, positionals, values as OptionValues);
  } finally {
    await clients?.disconnect();
    await tracing?.shutdown();
  }
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    if (error instanceof UsageError) process.stderr.write(`error: ${error.message}\n\n${USAGE}\n`);
    else if (isConfigError(error)) process.stderr.write(`${error.message}\n`);
    else process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
