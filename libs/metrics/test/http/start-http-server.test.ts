import { describe, expect, it, onTestFinished } from 'vitest';
import { createConsumeMetrics, createRegistry, startHttpServer } from '@driftline/metrics';
import type { HttpServerOptions, Route } from '@driftline/metrics';

const TOKEN = 's3cret-token';

const echoRoute: Route = {
  method: 'GET',
  path: '/v1/windows',
  handle: (_req, url) => Promise.resolve({ status: 200, body: { path: url.pathname, model: url.searchParams.get('model') } }),
};

async function start(overrides: Partial<HttpServerOptions> = {}) {
  const registry = createRegistry({ service: 'test-service', defaultMetrics: false });
  const server = await startHttpServer({ registry, host: '127.0.0.1', port: 0, isReady: () => true, ...overrides });
  onTestFinished(() => server.close());
  const get = (path: string, init?: RequestInit): Promise<Response> => fetch(`http://127.0.0.1:${server.port}${path}`, init);
  return { registry, server, get };
}

describe('startHttpServer', () => {
  it('listens on a free port when given port 0', async () => {
    const { server } = await start();

    expect(server.port).toBeGreaterThan(0);
  });

  it('serves Prometheus text on /metrics, including consume-loop metrics and the service label', async () => {
    const { registry, get } = await start();
    createConsumeMetrics(registry).onChunk({ topic: 'predictions', partition: 2, records: 7, tombstones: 1, seconds: 0.02, lag: 5 });

    const res = await get('/metrics');
    const text = await res.text();

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(text).toContain('# TYPE driftline_consumer_records_total counter');
    expect(text).toMatch(/driftline_consumer_records_total\{[^}]*topic="predictions"[^}]*partition="2"[^}]*service="test-service"[^}]*\} 7/);
    expect(text).toMatch(/driftline_consumer_lag_records\{[^}]*\} 5/);
  });

  it('counts dead letters by reason on /metrics', async () => {
    const { registry, get } = await start();
    const metrics = createConsumeMetrics(registry);
    metrics.onDeadLetter({ topic: 'predictions', reason: 'DL_KAFKA_NOT_WIRE_FORMAT' });
    metrics.onDeadLetter({ topic: 'predictions', reason: 'DL_KAFKA_NOT_WIRE_FORMAT' });

    const text = await (await get('/metrics')).text();

    expect(text).toMatch(/driftline_dead_letters_total\{[^}]*reason="DL_KAFKA_NOT_WIRE_FORMAT"[^}]*\} 2/);
  });

  it.each(['/livez', '/healthz'])('answers 200 on %s', async (path) => {
    const { get } = await start({ isReady: () => false });

    const res = await get(path);

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers 503 on /readyz until the service is ready, then 200', async () => {
    let ready = false;
    const { get } = await start({ isReady: () => ready });

    const before = await get('/readyz');
    ready = true;
    const after = await get('/readyz');

    expect(before.status).toBe(503);
    expect(after.status).toBe(200);
  });

  it('serves a custom route by path prefix and method', async () => {
    const { get } = await start({ routes: [echoRoute] });

    const res = await get('/v1/windows/churn?model=churn');

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ path: '/v1/windows/churn', model: 'churn' });
  });

  it('refuses a custom route without the bearer token when an API token is set', async () => {
    const { get } = await start({ routes: [echoRoute], apiToken: TOKEN });

    const missing = await get('/v1/windows');
    const wrong = await get('/v1/windows', { headers: { authorization: 'Bearer s3cret-tokeX' } });

    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect(wrong.status).toBe(401);
  });

  it('serves a custom route with the bearer token when an API token is set', async () => {
    const { get } = await start({ routes: [echoRoute], apiToken: TOKEN });

    const res = await get('/v1/windows', { headers: { authorization: `Bearer ${TOKEN}` } });

    expect(res.status).toBe(200);
  });

  it('keeps health and metrics open when an API token is set', async () => {
    const { get } = await start({ routes: [echoRoute], apiToken: TOKEN });

    const statuses = await Promise.all(['/metrics', '/livez', '/readyz'].map(async (p) => (await get(p)).status));

    expect(statuses).toEqual([200, 200, 200]);
  });

  it('answers 404 on an unknown path or method', async () => {
    const { get } = await start({ routes: [echoRoute] });

    expect((await get('/nope')).status).toBe(404);
    expect((await get('/v1/windows', { method: 'POST' })).status).toBe(404);
  });

  it('answers 500 when a route fails', async () => {
    const failing: Route = { method: 'GET', path: '/boom', handle: () => Promise.reject(new Error('kaput')) };
    const { get } = await start({ routes: [failing] });

    const res = await get('/boom');

    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ error: 'internal error' });
  });

  it('stops listening once closed', async () => {
    const { server, get } = await start();

    await server.close();

    await expect(get('/livez')).rejects.toThrow();
  });
});
