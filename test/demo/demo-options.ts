// `npm run demo -- [options]`: how long, how fast, how much traffic; every problem is reported.
import { parseArgs } from 'node:util';
import { MIN_SPAN_MINUTES } from './scenario/schedule.ts';
import { DemoError, demoErrorCodes } from './errors.ts';

export interface DemoOptions {
  /** Wall-clock seconds of the scheduled scenario. */
  readonly durationS: number;
  /** Event time per wall-clock time. */
  readonly speed: number;
  /** Predictions per simulated minute. */
  readonly ratePerMinute: number;
  readonly seed: number;
  /** Longest extra run (wall seconds, normal traffic) while an incident is still undetected. */
  readonly drainS: number;
  /** Keep the run's topics and Redis keys (to explore them with the CLI afterwards). */
  readonly keep: boolean;
  /** Let the OS choose the services' HTTP ports instead of 9464–9468. */
  readonly anyPorts: boolean;
  /** Write the summary as JSON here. */
  readonly jsonFile: string | undefined;
  readonly help: boolean;
}

export const DEMO_USAGE = `Usage: npm run demo -- [options]

  --duration S   wall-clock seconds of the scenario (default 240)
  --speed X      simulated time per wall-clock time (default 60: 1 s is 1 simulated minute)
  --quick        a short run for CI: --duration 70 --speed 86 --rate 160 --drain 40
  --rate N       predictions per simulated minute (default 240)
  --seed N       random seed of data and labels (default 7)
  --drain S      keep normal traffic up to S more seconds while an incident is undetected (default 60)
  --keep         keep the run's topics and Redis keys afterwards
  --any-ports    let the OS pick the services' HTTP ports (default 9464-9468)
  --json FILE    also write the summary as JSON
  --help

duration x speed must cover at least ${MIN_SPAN_MINUTES} simulated minutes.`;

const QUICK = { duration: 70, speed: 86, rate: 160, drain: 40 } as const;
const DEFAULTS = { duration: 240, speed: 60, rate: 240, seed: 7, drain: 60 } as const;

export function parseDemoOptions(argv: readonly string[]): DemoOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv], allowPositionals: false, strict: true,
      options: {
        'duration': { type: 'string' }, 'speed': { type: 'string' }, 'quick': { type: 'boolean', default: false }, 'rate': { type: 'string' },
        'seed': { type: 'string' }, 'drain': { type: 'string' }, 'keep': { type: 'boolean', default: false }, 'any-ports': { type: 'boolean', default: false },
        'json': { type: 'string' }, 'help': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new DemoError({ code: demoErrorCodes.DL_DEMO_INVALID_OPTION, message: error instanceof Error ? error.message : String(error), cause: error });
  }
  const v = parsed.values;
  const problems: string[] = [];
  const quick = v.quick;
  const num = (name: string, raw: string | undefined, fallback: number, check: (n: number) => boolean, what: string): number => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || !check(n)) problems.push(`--${name} must be ${what}, not "${raw}"`);
    return n;
  };
  const positive = (n: number): boolean => n > 0;
  const options: DemoOptions = {
    durationS: num('duration', v.duration, quick ? QUICK.duration : DEFAULTS.duration, positive, 'a positive number of seconds'),
    speed: num('speed', v.speed, quick ? QUICK.speed : DEFAULTS.speed, positive, 'a positive number'),
    ratePerMinute: num('rate', v.rate, quick ? QUICK.rate : DEFAULTS.rate, (n) => Number.isInteger(n) && n >= 50 && n <= 20_000, 'an integer from 50 to 20000'),
    seed: num('seed', v.seed, DEFAULTS.seed, Number.isInteger, 'an integer'),
    drainS: num('drain', v.drain, quick ? QUICK.drain : DEFAULTS.drain, (n) => n >= 0, 'zero or more seconds'),
    keep: v.keep, anyPorts: v['any-ports'], jsonFile: v.json, help: v.help,
  };
  const spanMinutes = (options.durationS * options.speed) / 60;
  if (problems.length === 0 && spanMinutes < MIN_SPAN_MINUTES) {
    problems.push(`--duration × --speed covers ${spanMinutes.toFixed(0)} simulated minutes; the scenario needs at least ${MIN_SPAN_MINUTES}`);
  }
  if (problems.length > 0) throw new DemoError({ code: demoErrorCodes.DL_DEMO_INVALID_OPTION, message: problems.join('\n') });
  return options;
}
