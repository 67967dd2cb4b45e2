// `driftline monitor apply` publishes to the compacted monitors topic; a running live table sees
// the new spec without a restart.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createMonitorTable } from '@driftline/kafka';
import type { MonitorEntry } from '@driftline/kafka';
import { TopicRole } from '@driftline/schemas';
import { createTestKafka, createTestSerde, createTestTopics, uniqueName } from '../../support/kafka-factories.ts';
import { repoRoot, stackEnv } from '../../support/stack-env.ts';
import { waitFor } from '../../support/wait-for.ts';

const run = promisify(execFile);

describe('monitor apply and the live monitor table', () => {
  it('delivers a spec applied by the CLI to a table that is already running', async () => {
    // Arrange
    const clients = createTestKafka();
    const topics = await createTestTopics(clients);
    const monitors = topics.name(TopicRole.MONITORS);
    const table = createMonitorTable({ source: clients.source({ groupId: uniqueName('table') }), admin: clients.admin, serde: createTestSerde(), topic: monitors });
    onTestFinished(() => table.stop());
    await table.start();
    const seen: MonitorEntry[] = [];
    table.onChange((_id, entry) => { if (entry !== undefined) seen.push(entry); });

    // Act
    const cli = await run(process.execPath, ['--conditions=source', '--disable-warning=TimeoutNegativeWarning', join(repoRoot, 'services/cli/src/main.ts'),
      'monitor', 'apply', join(repoRoot, 'docs/examples/credit-monitor.yaml'), '--topic', monitors], { env: { ...process.env, ...stackEnv().vars } });
    await waitFor(() => seen.length > 0 || undefined, { what: 'the applied spec in the table', timeoutMs: 30_000 });

    // Assert
    expect(cli.stdout).toContain(`published monitor spec for credit to ${monitors}`);
    expect(table.get('credit')?.spec.features.map((f) => f.name)).toContain('debt_ratio');
    expect(table.get('credit')?.spec.alerts.cooldown).toBe(1_800_000);
  });
});
