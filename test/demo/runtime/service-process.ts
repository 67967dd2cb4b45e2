// One Driftline service as a child process of the demo: its JSON logs go to a file, its HTTP port
// is read from its first log line that names one, and it is ready when /readyz answers 200.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoRoot } from '../../support/repo-root.ts';
import { DemoError, demoErrorCodes } from '../errors.ts';
import { isRunning, stopChild, trackChild } from './child-processes.ts';

export interface ServiceProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly logFile: string;
  /** The HTTP port, once the service logged it. */
  readonly port: Promise<number>;
  readonly exited: Promise<number | null>;
  isRunning(): boolean;
}

const PORT_LINE = /"port":(\d+)/;

export function startServiceProcess(options: { readonly name: string; readonly env: Readonly<Record<string, string>>; readonly logDir: string }): ServiceProcess {
  const logFile = join(options.logDir, `${options.name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, ['--conditions=source', '--disable-warning=TimeoutNegativeWarning', join(repoRoot, 'services', options.name, 'src/main.ts')], {
    cwd: repoRoot, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  trackChild(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => { resolve(code ?? (signal === null ? null : 128)); }));
  const port = new Promise<number>((resolve, reject) => {
    let partial = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const m = PORT_LINE.exec(line);
        if (m?.[1] !== undefined) resolve(Number(m[1]));
      }
    });
    void exited.then((code) => {
      reject(new DemoError({ code: demoErrorCodes.DL_DEMO_SERVICE_FAILED, message: `${options.name} exited (code ${String(code)}) before it listened; see ${logFile}`, context: { service: options.name, logFile } }));
    });
  });
  port.catch(() => undefined); // observed by waitUntilReady
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  child.once('close', () => { log.end(); });
  return { name: options.name, child, logFile, port, exited, isRunning: () => isRunning(child) };
}

/** Resolves with the port once GET /readyz answers 200; rejects if the service exits or `timeoutMs` passes. */
export async function waitUntilReady(service: ServiceProcess, options: { readonly timeoutMs: number; readonly signal: AbortSignal }): Promise<number> {
  const deadline = Date.now() + options.timeoutMs;
  const gaveUp = new AbortController();
  const timeout = sleep(options.timeoutMs, undefined, { signal: AbortSignal.any([options.signal, gaveUp.signal]) }).then(() => undefined, () => undefined);
  const port = await Promise.race([service.port, timeout]);
  gaveUp.abort();
  for (;;) {
    if (port === undefined || Date.now() > deadline) {
      throw new DemoError({ code: demoErrorCodes.DL_DEMO_SERVICE_FAILED, message: `${service.name} was not ready after ${String(options.timeoutMs / 1000)} s; see ${service.logFile}`, context: { service: service.name, logFile: service.logFile } });
    }
    if (!service.isRunning()) await service.port; // rejects with the exit
    try {
      const res = await fetch(`http://127.0.0.1:${String(port)}/readyz`, { signal: AbortSignal.any([options.signal, AbortSignal.timeout(2000)]) });
      await res.arrayBuffer();
      if (res.ok) return port;
    } catch (error) {
      if (options.signal.aborted) throw error;
    }
    await sleep(250, undefined, { signal: options.signal });
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when every process has exited. */
export async function stopServiceProcesses(services: readonly ServiceProcess[], graceMs: number): Promise<void> {
  await Promise.all(services.map((s) => stopChild(s.child, s.exited, graceMs)));
}
