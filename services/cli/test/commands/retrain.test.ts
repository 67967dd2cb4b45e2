// `driftline retrain` against a loopback HTTP server standing in for the trigger.
import { createServer } from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runRetrain } from '../../src/commands/retrain.ts';

interface Call { url: string; authorization: string | undefined; body: Record<string, unknown> }

async function trigger(answers: readonly { status: number; body: unknown }[]): Promise<{ url: string; calls: Call[] }> {
  const calls: Call[] = [];
  const http = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => { text += c.toString(); });
    req.on('end', () => {
      calls.push({ url: req.url ?? '', authorization: req.headers.authorization, body: JSON.parse(text) as Record<string, unknown> });
      const answer = answers[Math.min(calls.length, answers.length) - 1] ?? { status: 500, body: {} };
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => { http.close(() => { resolve(); }); }));
  const address = http.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/`, calls };
}

function io(): { deps: { stdout: PassThrough; stderr: PassThrough; sleep: () => Promise<void> }; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  return { deps: { stdout, stderr, sleep: () => Promise.resolve() }, out: () => String(stdout.read() ?? ''), err: () => String(stderr.read() ?? '') };
}

describe('driftline retrain', () => {
  it('posts the reason with a bearer token and prints the request and its advice', async () => {
    const { url, calls } = await trigger([{ status: 202, body: { status: 'requested', requestId: 'r-1', request: { advice: 'fine-tune: no drift' } } }]);
    const { deps, out } = io();

    const code = await runRetrain(deps, { modelId: 'credit model', reason: 'new features', url, token: 'tok', version: '4', json: false });

    expect(code).toBe(0);
    expect(out()).toBe('retrain request r-1 for credit model\nadvice: fine-tune: no drift\n');
    expect(calls).toMatchObject([{ url: '/v1/models/credit%20model/retrain-requests', authorization: 'Bearer tok', body: { reason: 'new features', version: '4' } }]);
  });

  it('retries a 5xx with the same idempotency key', async () => {
    const { url, calls } = await trigger([{ status: 503, body: {} }, { status: 200, body: { status: 'exists', requestId: 'r-1' } }]);
    const { deps, out } = io();

    const code = await runRetrain(deps, { modelId: 'credit', reason: 'r', url, json: false });

    expect(code).toBe(0);
    expect(out()).toBe('already requested: r-1 for credit\n');
    expect(calls).toHaveLength(2);
    expect(calls[0]?.body['key']).toBe(calls[1]?.body['key']);
  });

  it('exits 1 with the code when the trigger refuses', async () => {
    const { url } = await trigger([{ status: 409, body: { error: 'credit has an open retrain request', code: 'DL_TRIGGER_REQUEST_OPEN', openRequestId: 'r-0' } }]);
    const { deps, err } = io();

    const code = await runRetrain(deps, { modelId: 'credit', reason: 'r', url, json: false });

    expect(code).toBe(1);
    expect(err()).toBe('error: HTTP 409 DL_TRIGGER_REQUEST_OPEN: credit has an open retrain request (open request r-0)\n');
  });

  it('exits 1 when the trigger does not answer', async () => {
    const { deps, err } = io();

    const code = await runRetrain(deps, { modelId: 'credit', reason: 'r', url: 'http://127.0.0.1:1', json: false });

    expect(code).toBe(1);
    expect(err()).toMatch(/^error: the trigger at http:\/\/127\.0\.0\.1:1 did not answer after 3 attempts/);
  });
});
