import { describe, expect, it } from 'vitest';
import { parseDemoOptions } from './demo-options.ts';
import { isDemoError } from './errors.ts';

function problemOf(argv: string[]): string {
  try {
    parseDemoOptions(argv);
  } catch (error) {
    if (isDemoError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error('no problem reported');
}

describe('parseDemoOptions', () => {
  it('defaults to 4 minutes at 60× (240 simulated minutes), fixed ports', () => {
    expect(parseDemoOptions([])).toEqual({ durationS: 240, speed: 60, ratePerMinute: 240, seed: 7, drainS: 60, keep: false, anyPorts: false, jsonFile: undefined, help: false });
  });

  it('--quick is a short run that explicit options still override', () => {
    expect(parseDemoOptions(['--quick'])).toMatchObject({ durationS: 70, speed: 86, ratePerMinute: 160, drainS: 40 });
    expect(parseDemoOptions(['--quick', '--speed', '90'])).toMatchObject({ durationS: 70, speed: 90 });
  });

  it('reads every option', () => {
    expect(parseDemoOptions(['--duration', '300', '--speed', '30', '--rate', '500', '--seed', '3', '--drain', '0', '--keep', '--any-ports', '--json', 'out.json']))
      .toEqual({ durationS: 300, speed: 30, ratePerMinute: 500, seed: 3, drainS: 0, keep: true, anyPorts: true, jsonFile: 'out.json', help: false });
  });

  it('reports every bad value at once', () => {
    const problem = problemOf(['--duration', 'soon', '--rate', '10', '--seed', '1.5']);
    expect(problem).toMatch(/^DL_DEMO_INVALID_OPTION: /);
    expect(problem).toContain('--duration must be a positive number of seconds, not "soon"');
    expect(problem).toContain('--rate must be an integer from 50 to 20000, not "10"');
    expect(problem).toContain('--seed must be an integer, not "1.5"');
  });

  it('refuses a simulated span too short for the scenario, and unknown options', () => {
    expect(problemOf(['--duration', '60', '--speed', '60'])).toContain('covers 60 simulated minutes; the scenario needs at least 100');
    expect(problemOf(['--fast'])).toMatch(/^DL_DEMO_INVALID_OPTION: .*--fast/);
  });
});
