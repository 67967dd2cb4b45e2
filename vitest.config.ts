import { defineConfig } from 'vitest/config';

// Two projects: `unit` (pure logic, fakes; no network) and `integration` (real Kafka,
// schema registry and Redis, started by test/support/global-setup.ts when not given).
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    // kafkajs 2.2.4 passes negative timeouts to setTimeout on Node >= 23 (harmless: treated as 1 ms).
    execArgv: ['--disable-warning=TimeoutNegativeWarning'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{libs,services}/*/test/**/*.test.ts', 'schemas/test/**/*.test.ts', 'test/contracts/**/*.test.ts', 'test/docs/**/*.test.ts', 'test/deploy/**/*.test.ts', 'test/demo/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
