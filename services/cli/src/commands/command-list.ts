// Every driftline command, in the order `--help` lists them.
import { toRedisOptions } from '@driftline/service-kit';
import type { Command, CommandContext } from './command.ts';
import { requireArg, stringOption, UsageError } from './command.ts';
import { runProduce } from './produce.ts';
import { runConsume } from './consume.ts';
import { runTopicsCreate } from './topics-create.ts';
import { runMonitorApply, runMonitorValidate } from './monitor.ts';
import { DEFAULT_BINS, requireOption, runBaseline } from './baseline.ts';
import { runReport } from './report.ts';
import { runRetrain } from './retrain.ts';
import { runSubjectRequest } from '../subject/request-subject.ts';
import { runSubjectVerify } from '../subject/verify-subject.ts';
import { parseChanges, subjectOptions, toSubjectWait } from '../subject/subject-options.ts';

const toInt = (value: string | undefined, what: string): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${what} must be a positive integer, not "${value}"`);
  return n;
};

const defineCommand = (command: Command): Command => command;

export const commands: readonly Command[] = [
  defineCommand({
    words: ['topics', 'create'], usage: 'topics create [--prefix staging-] [--partitions N]',
    options: { prefix: { type: 'string', default: '' }, partitions: { type: 'string' } },
    run: (ctx, _args, values) => {
      const config = ctx.config();
      return runTopicsCreate({ admin: ctx.kafka().admin, serde: ctx.serde(), stdout: ctx.stdout }, {
        prefix: stringOption(values, 'prefix') ?? '', erasureDeadlineDays: config.DRIFTLINE_ERASURE_DEADLINE_DAYS, retentionDays: config.DRIFTLINE_RETENTION_DAYS,
        partitions: toInt(stringOption(values, 'partitions'), '--partitions') ?? config.DRIFTLINE_PARTITIONS, replicationFactor: config.DRIFTLINE_REPLICATION_FACTOR,
      });
    },
  }),
  defineCommand({
    words: ['produce'], usage: 'produce <topic> --file records.jsonl [--schema PredictionLog] [--trace]',
    options: { file: { type: 'string' }, schema: { type: 'string' }, trace: { type: 'boolean', default: false } },
    run: (ctx, args, values) => {
      const file = stringOption(values, 'file');
      if (file === undefined) throw new UsageError('produce needs --file');
      const schemaName = stringOption(values, 'schema');
      return runProduce({ publisher: ctx.kafka().publisher, serde: ctx.serde(), stderr: ctx.stderr, ...(values['trace'] === true ? { tracing: ctx.tracing() } : {}) }, { topic: requireArg(args, 0, '<topic>'), file, ...(schemaName === undefined ? {} : { schemaName }) });
    },
  }),
  defineCommand({
    words: ['consume'], usage: 'consume <topic> [--from-beginning] [--follow] [--json] [--max N]',
    options: { 'from-beginning': { type: 'boolean', default: false }, follow: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, max: { type: 'string' } },
    run: (ctx, args, values) => {
      const max = toInt(stringOption(values, 'max'), '--max');
      return runConsume({ clients: ctx.kafka(), serde: ctx.serde(), stdout: ctx.stdout, stderr: ctx.stderr, interrupted: ctx.interrupted }, {
        topic: requireArg(args, 0, '<topic>'), fromBeginning: values['from-beginning'] === true, follow: values['follow'] === true, json: values['json'] === true,
        ...(max === undefined ? {} : { max }),
      });
    },
  }),
  defineCommand({
    words: ['monitor', 'validate'], usage: 'monitor validate <spec.yaml|spec.json>',
    options: {},
    run: (ctx, args) => Promise.resolve(runMonitorValidate(ctx, requireArg(args, 0, '<spec file>'))),
  }),
  defineCommand({
    words: ['monitor', 'apply'], usage: 'monitor apply <spec.yaml> [--profile profile.json] [--topic monitors]',
    options: { profile: { type: 'string' }, topic: { type: 'string', default: 'monitors' } },
    run: (ctx, args, values) => {
      const profileFile = stringOption(values, 'profile');
      return runMonitorApply({ publisher: ctx.kafka().publisher, serde: ctx.serde(), stdout: ctx.stdout, stderr: ctx.stderr, now: ctx.now }, {
        file: requireArg(args, 0, '<spec file>'), topic: stringOption(values, 'topic') ?? 'monitors', ...(profileFile === undefined ? {} : { profileFile }),
      });
    },
  }),
  defineCommand({
    words: ['baseline'], usage: 'baseline --spec spec.yaml --input train.jsonl|train.csv --out profile.json [--bins 20]',
    options: { spec: { type: 'string' }, input: { type: 'string' }, out: { type: 'string' }, bins: { type: 'string' } },
    run: (ctx, _args, values) => {
      const need = (name: string): string => requireOption(values, name, 'baseline');
      return runBaseline(ctx, { specFile: need('spec'), input: need('input'), out: need('out'), bins: toInt(stringOption(values, 'bins'), '--bins') ?? DEFAULT_BINS });
    },
  }),
  defineCommand({
    words: ['report'], usage: 'report --spec spec.yaml --reference train.jsonl|profile.json --current serving.jsonl --out report.html [--json report.json] [--bins 20]',
    options: { spec: { type: 'string' }, reference: { type: 'string' }, current: { type: 'string' }, out: { type: 'string' }, json: { type: 'string' }, bins: { type: 'string' } },
    run: (ctx, _args, values) => {
      const need = (name: string): string => requireOption(values, name, 'report');
      const json = stringOption(values, 'json');
      return runReport(ctx, {
        specFile: need('spec'), reference: need('reference'), current: need('current'), out: need('out'),
        bins: toInt(stringOption(values, 'bins'), '--bins') ?? DEFAULT_BINS, ...(json === undefined ? {} : { json }),
      });
    },
  }),
  defineCommand({
    words: ['retrain'], usage: 'retrain <model> --reason "why" [--url http://trigger:9464] [--token T] [--version V] [--json]',
    options: { reason: { type: 'string' }, url: { type: 'string' }, token: { type: 'string' }, version: { type: 'string' }, json: { type: 'boolean', default: false } },
    run: (ctx, args, values) => {
      const reason = stringOption(values, 'reason');
      if (reason === undefined || reason.trim() === '') throw new UsageError('retrain needs --reason');
      const client = ctx.triggerClient();
      const token = stringOption(values, 'token') ?? client.DRIFTLINE_TRIGGER_TOKEN;
      const version = stringOption(values, 'version');
      return runRetrain({ stdout: ctx.stdout, stderr: ctx.stderr }, {
        modelId: requireArg(args, 0, '<model>'), reason, url: stringOption(values, 'url') ?? client.DRIFTLINE_TRIGGER_URL, json: values['json'] === true,
        ...(token === undefined ? {} : { token }), ...(version === undefined ? {} : { version }),
      });
    },
  }),
  defineCommand({
    words: ['subject', 'erase'], usage: 'subject erase <subjectId> [--mode delete|anonymize] [--prefix P] [--timeout 2m] [--no-wait]',
    options: { ...subjectOptions, mode: { type: 'string' } },
    run: (ctx, args, values) => {
      const mode = stringOption(values, 'mode');
      if (mode !== undefined && mode !== 'delete' && mode !== 'anonymize') throw new UsageError('--mode is delete or anonymize');
      return runSubjectRequest(subjectDeps(ctx), { kind: 'ERASE', subjectId: requireArg(args, 0, '<subjectId>'), ...toSubjectWait(values, ctx.subjectClient()), ...(mode === undefined ? {} : { mode: mode === 'delete' ? 'DELETE' : 'ANONYMIZE' }) });
    },
  }),
  defineCommand({
    words: ['subject', 'access'], usage: 'subject access <subjectId> [--out export.json] [--prefix P] [--timeout 2m]',
    options: { ...subjectOptions, out: { type: 'string' } },
    run: (ctx, args, values) => {
      const out = stringOption(values, 'out');
      return runSubjectRequest(subjectDeps(ctx), { kind: 'ACCESS', subjectId: requireArg(args, 0, '<subjectId>'), ...toSubjectWait(values, ctx.subjectClient()), ...(out === undefined ? {} : { out }) });
    },
  }),
  defineCommand({
    words: ['subject', 'rectify'], usage: 'subject rectify <subjectId> --set <feature|slice.name>=<value> [--set ...] [--prefix P] [--timeout 2m]',
    options: { ...subjectOptions, set: { type: 'string', multiple: true } },
    run: (ctx, args, values) => runSubjectRequest(subjectDeps(ctx), { kind: 'RECTIFY', subjectId: requireArg(args, 0, '<subjectId>'), changes: parseChanges(values), ...toSubjectWait(values, ctx.subjectClient()) }),
  }),
  defineCommand({
    words: ['subject', 'verify'], usage: 'subject verify <subjectId> [--prefix P] [--json]   (exit 0 clean, 3 awaiting compaction, 1 readable data left)',
    options: { prefix: { type: 'string', default: '' }, json: { type: 'boolean', default: false } },
    run: (ctx, args, values) => {
      const client = ctx.subjectClient();
      if (client.DRIFTLINE_PSEUDONYM_PEPPER === undefined || client.REDIS_URL === undefined) throw new UsageError('subject verify needs DRIFTLINE_PSEUDONYM_PEPPER and REDIS_URL (the services\' values)');
      return runSubjectVerify({ clients: ctx.kafka(), serde: ctx.serde(), stdout: ctx.stdout, stderr: ctx.stderr, now: ctx.now }, {
        subjectId: requireArg(args, 0, '<subjectId>'), prefix: stringOption(values, 'prefix') ?? '', json: values['json'] === true, pepper: client.DRIFTLINE_PSEUDONYM_PEPPER, subjectKeyPrefix: client.DRIFTLINE_SUBJECT_KEY_PREFIX,
        redis: toRedisOptions({ ...client, REDIS_URL: client.REDIS_URL }),
      });
    },
  }),
];

function subjectDeps(ctx: CommandContext): Parameters<typeof runSubjectRequest>[0] {
  return { clients: ctx.kafka(), serde: ctx.serde(), stdout: ctx.stdout, stderr: ctx.stderr, now: ctx.now };
}
