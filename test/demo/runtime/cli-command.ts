// Runs `driftline` CLI commands as child processes, the way a person would, and shows them.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../../support/repo-root.ts';
import { DemoError, demoErrorCodes } from '../errors.ts';

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
 * (commands may run side by side); throws DL_DEMO_COMMAND_FAILED on a non-zero exit.
 */
export async function runCliCommand(args: readonly string[], options: { readonly env: Readonly<Record<string, string>>; readonly out: NodeJS.WritableStream }): Promise<void> {
  const { code, lines } = await startCli(args, options.env).done;
  options.out.write(`$ npx driftline ${args.join(' ')}\n${lines.map((l) => `  ${l}\n`).join('')}`);
  if (code !== 0) {
    throw new DemoError({ code: demoErrorCodes.DL_DEMO_COMMAND_FAILED, message: `driftline ${args.slice(0, 2).join(' ')} exited with ${String(code)}`, context: { command: args.join(' ') } });
  }
}
