import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isConfigError, parseEnv, serviceKitErrorCodes } from '@driftline/service-kit';
import type { ConfigCheck, ConfigProblem, EnvRecord } from '@driftline/service-kit';

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65_535),
  WINDOW_SECONDS: z.coerce.number().int().positive(),
  SLIDE_SECONDS: z.coerce.number().int().positive(),
  TOPICS: z.string().min(1).transform((s) => s.split(',')),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn']).default('info'),
});
type Config = z.output<typeof schema>;

const windowOverSlide: ConfigCheck<Config> = (c) =>
  c.WINDOW_SECONDS > c.SLIDE_SECONDS ? [] : [{ variable: 'WINDOW_SECONDS', message: `must be greater than SLIDE_SECONDS (${c.SLIDE_SECONDS})` }];

const valid: EnvRecord = { PORT: '8080', WINDOW_SECONDS: '3600', SLIDE_SECONDS: '60', TOPICS: 'predictions,labels' };

function problemsOf(fn: () => unknown): readonly ConfigProblem[] {
  try {
    fn();
  } catch (error) {
    if (isConfigError(error)) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseEnv', () => {
  it('returns the typed config, with defaults and transforms applied', () => {
    const config = parseEnv(schema, valid, [windowOverSlide]);

    expect(config).toEqual({ PORT: 8080, WINDOW_SECONDS: 3600, SLIDE_SECONDS: 60, TOPICS: ['predictions', 'labels'], LOG_LEVEL: 'info' });
  });

  it('reports every invalid or missing variable at once, by name', () => {
    const problems = problemsOf(() => parseEnv(schema, { PORT: 'eighty', SLIDE_SECONDS: '0', LOG_LEVEL: 'loud' }));

    expect(problems.map((p) => p.variable).sort()).toEqual(['LOG_LEVEL', 'PORT', 'SLIDE_SECONDS', 'TOPICS', 'WINDOW_SECONDS']);
    expect(problems.every((p) => p.message.length > 0)).toBe(true);
  });

  it('names every variable in the error message', () => {
    try {
      parseEnv(schema, { PORT: '0' });
      expect.unreachable('parseEnv accepted an invalid env');
    } catch (error) {
      expect(isConfigError(error) && error.code).toBe(serviceKitErrorCodes.DL_CONFIG_INVALID);
      const message = (error as Error).message;
      for (const name of ['PORT', 'WINDOW_SECONDS', 'SLIDE_SECONDS', 'TOPICS']) expect(message).toContain(name);
    }
  });

  it('reports a configuration error as not retriable', () => {
    try {
      parseEnv(schema, {});
      expect.unreachable('parseEnv accepted an empty env');
    } catch (error) {
      expect((error as { retriable?: unknown }).retriable).toBe(false);
    }
  });

  it('runs the cross-field checks on a valid config and reports their problems', () => {
    const problems = problemsOf(() => parseEnv(schema, { ...valid, WINDOW_SECONDS: '60', SLIDE_SECONDS: '120' }, [windowOverSlide]));

    expect(problems).toEqual([{ variable: 'WINDOW_SECONDS', message: 'must be greater than SLIDE_SECONDS (120)' }]);
  });

  it('reports the problems of every cross-field check together', () => {
    const portAbove1024: ConfigCheck<Config> = (c) => (c.PORT > 1024 ? [] : [{ variable: 'PORT', message: 'must be above 1024' }]);

    const problems = problemsOf(() => parseEnv(schema, { ...valid, PORT: '80', WINDOW_SECONDS: '60' }, [windowOverSlide, portAbove1024]));

    expect(problems.map((p) => p.variable)).toEqual(['WINDOW_SECONDS', 'PORT']);
  });

  it('returns a deeply frozen config', () => {
    const config = parseEnv(schema, valid);

    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.TOPICS)).toBe(true);
    expect(() => { (config as { PORT: number }).PORT = 1; }).toThrow(TypeError);
  });

  it('does not read process.env', () => {
    process.env['DL_TEST_ONLY_PORT'] = '9999';
    try {
      const problems = problemsOf(() => parseEnv(z.object({ DL_TEST_ONLY_PORT: z.string() }), {}));
      expect(problems.map((p) => p.variable)).toEqual(['DL_TEST_ONLY_PORT']);
    } finally {
      delete process.env['DL_TEST_ONLY_PORT'];
    }
  });
});
