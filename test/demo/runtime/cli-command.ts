// Runs `driftline` CLI commands as child processes, the way a person would, and shows them.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoRoot } from '../../support/repo-root.ts';
import { DemoError, demoErrorCodes } from '../errors.ts';
import { trackChild } from './child-processes.ts';

export interface CliRun {
  readonly child: ChildProcess;
  /** Exit code and output lines (progress bars redrawn with \r keep their last state). */
  readonly done: Promise<{ readonly code: number | null; readonly lines: readonly string[] }>;
}

/** Starts `driftline <args>` with the connection variables in `env`. */
export function startCli(args: readonly string[], env: Readonly<Record<string, string>>): CliRun {
  const child = spawn(process.execPath, ['--conditions=source', '--disable-warning=TimeoutNegativeWarning', join(repoRoot, 'services/cli/src/main.ts'), ...args], {
    cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  trackChild(child);
  const output: Buffer[] = [];
  child.stdout.on('data', (d: Buffer) => { output.push(d); });
  child.stderr.on('data', (d: Buffer) => { output.push(d); });
  const done = new Promise<number | null>((resolve, reject) => { child.once('error', reject); child.once('close', resolve); }).then((code) => ({
    code, lines: Buffer.concat(output).toString().split('\n').map((l) => l.split('\r').filter((p) => p.trim() !== '').pop() ?? '').filter((l) => l !== ''),
  }));
  return { child, done };
}

/**
 * Runs `driftline <args>` to the end, then writes the command and its output to `out` together
 * (commands may run side by side). An idempotent command may get `attempts` > 1: a busy broker
 * can briefly answer a new topic's metadata with UNKNOWN_TOPIC_OR_PARTITION. Throws
 * DL_DEMO_COMMAND_FAILED when the last attempt exits non-zero.
 */
export async function runCliCommand(args: readonly string[], options: { readonly env: Readonly<Record<string, string>>; readonly out: NodeJS.WritableStream; readonly attempts?: number }): Promise<void> {
  const attempts = options.attempts ?? 1;
  for (let attempt = 1; ; attempt++) {
    const { code, lines } = await startCli(args, options.env).done;
    const again = code !== 0 && attempt < attempts ? `  (exited with ${String(code)}; attempt ${String(attempt + 1)} of ${String(attempts)} in 2 s)\n` : '';
    options.out.write(`$ npx driftline ${args.join(' ')}\n${lines.map((l) => `  ${l}\n`).join('')}${again}`);
    if (code === 0) return;
    if (again === '') {
      throw new DemoError({ code: demoErrorCodes.DL_DEMO_COMMAND_FAILED, message: `driftline ${args.slice(0, 2).join(' ')} exited with ${String(code)}`, context: { command: args.join(' ') } });
    }
    await sleep(2000);
  }
}
