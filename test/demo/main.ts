// `npm run demo`: starts the local stack if it is not running (or uses KAFKA_BROKERS,
// SCHEMA_REGISTRY_URL and REDIS_URL), then runs the demo (run-demo.ts). Ctrl-C stops the
// simulator and every service and prints the summary so far; a second Ctrl-C kills at once.
import { writeFileSync } from 'node:fs';
import { isConfigError } from '@driftline/service-kit';
import { ensureStack } from '../support/global-setup.ts';
import { DEMO_USAGE, parseDemoOptions } from './demo-options.ts';
import { isDemoError } from './errors.ts';
import { runDemo } from './run-demo.ts';
import { killChildren } from './runtime/child-processes.ts';

async function main(argv: readonly string[]): Promise<number> {
  const options = parseDemoOptions(argv);
  if (options.help) {
    process.stdout.write(`${DEMO_USAGE}\n`);
    return 0;
  }
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (): void => {
    signals++;
    if (signals === 1) {
      process.stderr.write('\nstopping (Ctrl-C again to kill everything at once)...\n');
      controller.abort();
    } else {
      killChildren();
      process.exit(130);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const env = { ...process.env, ...ensureStack() };
  return runDemo(options, {
    out: process.stdout, env, signal: controller.signal, now: Date.now,
    ...(options.jsonFile === undefined ? {} : { onSummary: (json: unknown) => { writeFileSync(options.jsonFile ?? '', `${JSON.stringify(json, null, 2)}\n`); } }),
  });
}

main(process.argv.slice(2)).then(
  (code) => { process.exit(code); },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(isDemoError(error) || isConfigError(error) ? `${message}\n` : `demo failed: ${error instanceof Error ? error.stack ?? message : message}\n`);
    if (isDemoError(error) && error.code === 'DL_DEMO_INVALID_OPTION') process.stderr.write(`\n${DEMO_USAGE}\n`);
    process.exit(1);
  },
);
