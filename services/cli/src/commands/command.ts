// A CLI command: its words, usage line, options, and what it runs. Kafka and the registry are built
// on first use, so offline commands (monitor validate, baseline, report) need no connection settings.
import type { ParseArgsConfig } from 'node:util';
import type { AvroSerde, KafkaClients } from '@driftline/kafka';
import type { Tracing } from '@driftline/tracing';
import type { CliConfig, TriggerClientConfig } from '../config.ts';
import type { SubjectClientConfig } from '../subject/subject-client.ts';

export interface CommandContext {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly now: () => number;
  /** Resolves on Ctrl-C / SIGTERM. */
  readonly interrupted: Promise<void>;
  config(): Readonly<CliConfig>;
  /** Where the trigger's HTTP API is (needs no Kafka settings). */
  triggerClient(): Readonly<TriggerClientConfig>;
  /** The pepper, Redis and the eraser's HTTP API, for `driftline subject ...`. */
  subjectClient(): Readonly<SubjectClientConfig>;
  kafka(): KafkaClients;
  serde(): AvroSerde;
  /** The CLI's tracer, always recording (`--trace`); spans are exported when the tracing variables ask for it. */
  tracing(): Tracing;
}

export type OptionValues = Record<string, string | boolean | undefined>;

export interface Command {
  /** e.g. ['monitor', 'apply'] */
  readonly words: readonly string[];
  readonly usage: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  run(ctx: CommandContext, args: readonly string[], values: OptionValues): Promise<number>;
}

export class UsageError extends Error {}

export function requireArg(args: readonly string[], index: number, what: string): string {
  const value = args[index];
  if (value === undefined) throw new UsageError(`missing ${what}`);
  return value;
}

export function stringOption(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}
