// Every child process the demo starts (services, CLI commands) is tracked here, so that none
// outlives the demo: whatever still runs when the demo's process exits is killed.
import type { ChildProcess } from 'node:child_process';

const running = new Set<ChildProcess>();
const killAll = (): void => { for (const child of running) child.kill('SIGKILL'); };
process.once('exit', killAll);

/** Tracks `child` until it exits. */
export function trackChild(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => { running.delete(child); });
}

/** Kills every tracked child at once (a second Ctrl-C). */
export function killChildren(): void {
  killAll();
}

export function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the child has exited. */
export async function stopChild(child: ChildProcess, exited: Promise<unknown>, graceMs: number): Promise<void> {
  if (isRunning(child)) child.kill('SIGTERM');
  const timer = setTimeout(() => { if (isRunning(child)) child.kill('SIGKILL'); }, graceMs);
  await exited.catch(() => undefined);
  clearTimeout(timer);
}
