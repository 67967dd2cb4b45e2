// Starts a service's main.ts as a child process against the stack, with its log lines of level
// warn and above echoed, and resolves `started` once it logs "<service> started".
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { repoRoot, stackEnv } from './stack-env.ts';

export interface ServiceProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  /** Resolves once the service logged that it started (signals are trapped from then on). */
  started: Promise<void>;
  /** Every stdout line so far (JSON logs), for assertions on what was logged. */
  readonly lines: string[];
}

/** `service` is the folder under services/ and the first word of its "… started" log line. */
export function startService(service: string, env: Record<string, string>): ServiceProcess {
  const child = spawn(process.execPath, ['--conditions=source', '--disable-warning=TimeoutNegativeWarning', join(repoRoot, 'services', service, 'src/main.ts')], {
    env: { ...process.env, ...stackEnv().vars, HTTP_PORT: '0', LOG_LEVEL: 'info', DEFAULT_METRICS: 'false', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr.on('data', (d: Buffer) => { process.stderr.write(d); });
  const lines: string[] = [];
  let partial = '';
  const started = new Promise<void>((resolve) => {
    child.stdout.on('data', (d: Buffer) => {
      const text = partial + d.toString();
      const parts = text.split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (line.includes(`"msg":"${service} started"`)) resolve();
        if (/"level":(40|50|60)/.test(line)) process.stderr.write(`${line}\n`);
      }
    });
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => { resolve(code); }));
  onTestFinished(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); });
  return { child, exited, started, lines };
}
