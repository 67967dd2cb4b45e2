// Runs one `driftline` CLI command as a child process, the way a person would, and shows it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../../support/repo-root.ts';
import { DemoError, demoErrorCodes } from '../errors.ts';

/** Runs `driftline <args>`; writes the command and its output to `out`; throws DL_DEMO_COMMAND_FAILED on a non-zero exit. */
export async function runCliCommand(args: readonly string[], options: { readonly env: Readonly<Record<string, string>>; readonly out: NodeJS.WritableStream }): Promise<void> {
  options.out.write(`$ npx driftline ${args.join(' ')}\n`);
  const child = spawn(process.execPath, ['--conditions=source', '--disable-warning=TimeoutNegativeWarning', join(repoRoot, 'services/cli/src/main.ts'), ...args], {
    cwd: repoRoot, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: Buffer[] = [];
  child.stdout.on('data', (d: Buffer) => { output.push(d); });
  child.stderr.on('data', (d: Buffer) => { output.push(d); });
  const code = await new Promise<number | null>((resolve, reject) => { child.once('error', reject); child.once('close', resolve); });
  // Progress bars redraw with \r: keep what each line ended as.
  const text = Buffer.concat(output).toString().split('\n').map((l) => l.split('\r').filter((p) => p.trim() !== '').pop() ?? '').filter((l) => l !== '');
  for (const line of text) options.out.write(`  ${line}\n`);
  if (code !== 0) {
    throw new DemoError({ code: demoErrorCodes.DL_DEMO_COMMAND_FAILED, message: `driftline ${args.slice(0, 2).join(' ')} exited with ${String(code)}`, context: { command: args.join(' ') } });
  }
}
