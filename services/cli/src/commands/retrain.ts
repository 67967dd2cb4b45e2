// `driftline retrain <model> --reason "..." [--url URL] [--token TOKEN] [--version V] [--json]`:
// asks the trigger for an on-demand retrain request (POST /v1/models/<model>/retrain-requests).
// One idempotency key per invocation, so the retries after a network error or a 5xx cannot make
// two requests.
import { randomUUID } from 'node:crypto';

export interface RetrainOptions {
  readonly modelId: string;
  readonly reason: string;
  /** Base URL of the trigger, e.g. http://127.0.0.1:9467 (the local port table, docs/operations.md) */
  readonly url: string;
  readonly token?: string;
  readonly version?: string;
  readonly json: boolean;
}

export interface RetrainDeps {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Pause between attempts (tests pass a fast one). */
  readonly sleep?: (ms: number) => Promise<void>;
}

const ATTEMPTS = 3;

interface Reply { readonly status: number; readonly body: Record<string, unknown> }

export async function runRetrain(deps: RetrainDeps, options: RetrainOptions): Promise<number> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const url = `${options.url.replace(/\/+$/, '')}/v1/models/${encodeURIComponent(options.modelId)}/retrain-requests`;
  const body = JSON.stringify({ reason: options.reason, key: randomUUID(), ...(options.version === undefined ? {} : { version: options.version }) });
  let reply: Reply | undefined;
  let failure = '';
  for (let attempt = 1; attempt <= ATTEMPTS && reply === undefined; attempt++) {
    if (attempt > 1) await sleep(500 * 2 ** (attempt - 2));
    try {
      const response = await fetch(url, {
        method: 'POST', body, signal: AbortSignal.timeout(10_000),
        headers: { 'content-type': 'application/json', ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }) },
      });
      const text = await response.text();
      if (response.status >= 500) { failure = `HTTP ${response.status}: ${text.slice(0, 200)}`; continue; }
      reply = { status: response.status, body: parseBody(text) };
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
  }
  if (reply === undefined) {
    deps.stderr.write(`error: the trigger at ${options.url} did not answer after ${ATTEMPTS} attempts: ${failure}\n`);
    return 1;
  }
  if (options.json) deps.stdout.write(`${JSON.stringify(reply.body)}\n`);
  return report(deps, options.modelId, reply, options.json);
}

function report(deps: RetrainDeps, modelId: string, reply: Reply, json: boolean): number {
  const { status, body } = reply;
  const text = (key: string): string => (typeof body[key] === 'string' ? body[key] : '');
  if (status === 202 || status === 200) {
    if (!json) {
      const request = body['request'];
      const advice = typeof request === 'object' && request !== null && 'advice' in request && typeof request.advice === 'string' ? `\nadvice: ${request.advice}` : '';
      deps.stdout.write(status === 202 ? `retrain request ${text('requestId')} for ${modelId}${advice}\n` : `already requested: ${text('requestId')} for ${modelId}\n`);
    }
    return 0;
  }
  const open = text('openRequestId');
  deps.stderr.write(`error: HTTP ${status}${text('code') === '' ? '' : ` ${text('code')}`}: ${text('error') || 'no detail'}${open === '' ? '' : ` (open request ${open})`}\n`);
  return 1;
}

function parseBody(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null ? value as Record<string, unknown> : {};
  } catch {
    return { error: text.slice(0, 200) };
  }
}
