// A throw-away redis-server for tests that restart Redis or need AUTH, on a free loopback port,
// ready when it says so; killed when the test finishes.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { onTestFinished } from 'vitest';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => { resolve(port); });
    });
  });
}

export interface PrivateRedis { readonly port: number; readonly url: string; readonly process: ChildProcess }

/** Starts redis-server (no persistence) on `port` and resolves once it accepts connections. */
export async function startPrivateRedis(port: number, extraArgs: readonly string[] = []): Promise<PrivateRedis> {
  const child = spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  onTestFinished(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => { reject(new Error(`redis-server on port ${port} did not start in 20 s:\n${output}`)); }, 20_000);
    const onData = (d: Buffer): void => {
      output += d.toString();
      if (output.includes('Ready to accept connections')) { clearTimeout(timer); resolve(); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`redis-server on port ${port} exited with ${code}:\n${output}`)); });
  });
  return { port, url: `redis://127.0.0.1:${port}`, process: child };
}
