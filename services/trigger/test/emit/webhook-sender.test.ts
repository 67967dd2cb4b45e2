// The webhook sender against a loopback HTTP server that fails a given number of times.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { RetrainRequest } from '@driftline/schemas';
import { createWebhookSender } from '../../src/emit/webhook-sender.ts';

const request: RetrainRequest = { requestId: 'r1', modelId: 'credit', modelVersion: '3', reasons: [{ policy: 'on-demand', detail: 'x', eventIds: [] }], trainFrom: null, trainTo: null, advice: 'fine-tune', createdAt: 1 };

async function server(failures: number, failStatus: number): Promise<{ url: string; calls: { headers: IncomingHttpHeaders; body: string }[] }> {
  const calls: { headers: IncomingHttpHeaders; body: string }[] = [];
  const http = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      calls.push({ headers: req.headers, body });
      res.writeHead(calls.length <= failures ? failStatus : 204).end();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => { http.close(() => { resolve(); }); }));
  const address = http.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/hooks/retrain?secret=s3`, calls };
}

const retry = { attempts: 4, initialDelayMs: 1, maxDelayMs: 2 };

describe('createWebhookSender', () => {
  it('retries a failing endpoint and delivers the request JSON with its headers', async () => {
    const { url, calls } = await server(2, 503);
    const sender = createWebhookSender({ url, token: 'hook-token', timeoutMs: 2000, retry });

    const result = await sender.send(request, { traceparent: '00-abc-def-01' });

    expect(result).toEqual({ outcome: 'delivered', attempts: 3 });
    expect(calls).toHaveLength(3);
    expect(JSON.parse(calls[2]?.body ?? '')).toEqual(request);
    expect(calls[2]?.headers).toMatchObject({ authorization: 'Bearer hook-token', 'content-type': 'application/json', 'x-driftline-request-id': 'r1', traceparent: '00-abc-def-01' });
  });

  it('gives up after the last attempt, naming the endpoint without its query', async () => {
    const { url, calls } = await server(10, 500);
    const sleeps: number[] = [];
    const sender = createWebhookSender({ url, timeoutMs: 2000, retry: { attempts: 4, initialDelayMs: 100, maxDelayMs: 300 }, sleep: (ms) => { sleeps.push(ms); return Promise.resolve(); }, random: () => 1 });

    const result = await sender.send(request, {});

    expect(result).toEqual({ outcome: 'failed', attempts: 4, detail: expect.stringMatching(/^POST http:\/\/127\.0\.0\.1:\d+\/hooks\/retrain answered HTTP 500 \(last of 4 attempts\)$/) as unknown });
    expect(calls).toHaveLength(4);
    expect(sleeps).toEqual([100, 200, 300]);
  });

  it('retries 429 but not another 4xx', async () => {
    const rateLimited = await server(1, 429);
    const rejected = await server(1, 400);

    expect(await createWebhookSender({ url: rateLimited.url, timeoutMs: 2000, retry }).send(request, {})).toEqual({ outcome: 'delivered', attempts: 2 });
    expect(await createWebhookSender({ url: rejected.url, timeoutMs: 2000, retry }).send(request, {})).toMatchObject({ outcome: 'rejected', attempts: 1, detail: expect.stringContaining('answered HTTP 400') as unknown });
  });

  it('treats a refused connection as retriable', async () => {
    const { url } = await server(0, 200);
    const closed = url.replace(/:\d+\//, ':1/');

    const result = await createWebhookSender({ url: closed, timeoutMs: 2000, retry }).send(request, {});

    expect(result).toMatchObject({ outcome: 'failed', attempts: 4 });
  });
});
