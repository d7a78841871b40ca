import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedApiKey, Deployment } from '@studio/api';
import { parseCsv } from '@studio/data';
import { demoCsvPath, seedDemo } from '../seed/seed';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { trainDemoModels } from '../test-support/trained-runs';
import { csvRecords } from './csv-records';
import { deriveInputSchema } from './input-schema';

/** Headers that differ between two answers by nature: the clock, the connection, the window's countdown. */
const VARYING = new Set([
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'retry-after',
]);

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

function comparable(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (!VARYING.has(k)) out[k] = String(v);
  return out;
}

/**
 * The predict route's own path below Fastify (requests over a socket) against the Fastify route (`inject`,
 * which never takes the raw path): the same statuses, bodies and headers for each kind of request.
 */
describe('POST /v1/deployments/:slug/predict below Fastify answers as the Fastify route', () => {
  let t: TestApp;
  let base: string;
  let key: CreatedApiKey;
  let record: Record<string, unknown>;

  beforeAll(async () => {
    t = await createTestApp('sqlite', { predictPerMinute: 40 });
    await seedDemo(t.app);
    const { scorecard } = await trainDemoModels(t.app);
    const deployed = await t.app.inject({
      method: 'POST',
      url: `/api/runs/${scorecard.id}/deploy`,
      payload: { slug: 'raw' },
    });
    expect(deployed.statusCode, deployed.body).toBe(201);
    const d = JSON.parse(deployed.body) as Deployment;
    key = JSON.parse(
      (await t.app.inject({ method: 'POST', url: `/api/deployments/${d.id}/keys`, payload: { name: 'k' } }))
        .body,
    ) as CreatedApiKey;
    const table = parseCsv(readFileSync(demoCsvPath));
    const first = csvRecords(deriveInputSchema(table, 'creditability'), table).next();
    record = first.done ? {} : first.value[1];
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  }, 180_000);
  afterAll(async () => t?.close());

  async function overSocket(path: string, headers: Record<string, string>, body: string): Promise<Answer> {
    const res = await fetch(base + path, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(20_000),
    });
    return { status: res.status, body: await res.text(), headers: Object.fromEntries(res.headers) };
  }
  async function injected(path: string, headers: Record<string, string>, body: string): Promise<Answer> {
    const res = await t.app.inject({ method: 'POST', url: path, headers, payload: body });
    return { status: res.statusCode, body: res.body, headers: res.headers as Record<string, string> };
  }

  const json = { 'content-type': 'application/json' };
  const cases: [string, () => { path?: string; headers: Record<string, string>; body: string }][] = [
    [
      'a scored record',
      () => ({ headers: { ...json, authorization: `Bearer ${key.key}` }, body: JSON.stringify(record) }),
    ],
    ['no key', () => ({ headers: json, body: JSON.stringify(record) })],
    ['an unknown key', () => ({ headers: { ...json, authorization: 'Bearer sk_nope' }, body: '{}' })],
    [
      'a key of another slug',
      () => ({
        path: '/v1/deployments/other/predict',
        headers: { ...json, authorization: `Bearer ${key.key}` },
        body: '{}',
      }),
    ],
    [
      'an invalid record',
      () => ({ headers: { ...json, authorization: `Bearer ${key.key}` }, body: '{"age_in_years":"old"}' }),
    ],
    ['malformed JSON', () => ({ headers: { ...json, authorization: `Bearer ${key.key}` }, body: '{"a":' })],
    [
      'a prototype-poisoning body',
      () => ({ headers: { ...json, authorization: `Bearer ${key.key}` }, body: '{"__proto__":{"x":1}}' }),
    ],
  ];

  it.each(cases)('%s', async (_name, make) => {
    const c = make();
    const path = c.path ?? '/v1/deployments/raw/predict';
    const id = `parity-${Math.random().toString(36).slice(2)}`;
    const headers = { ...c.headers, 'x-request-id': id };
    const before = t.app.serving.rawPath.taken;
    const raw = await overSocket(path, headers, c.body);
    expect(t.app.serving.rawPath.taken, 'the request took the raw path').toBe(before + 1);
    const fastify = await injected(path, headers, c.body);
    expect(raw.status).toBe(fastify.status);
    expect(raw.body).toBe(fastify.body);
    expect(comparable(raw.headers)).toEqual(comparable(fastify.headers));
    expect(raw.headers['x-ratelimit-remaining']).toBeDefined();
  });

  it('answers 429 past the key window as the Fastify route does, and leaves other requests to Fastify', async () => {
    const flood = async (send: typeof overSocket, who: string) => {
      let last: Answer | null = null;
      for (let i = 0; i < 45 && last?.status !== 429; i++)
        last = await send(
          '/v1/deployments/raw/predict',
          { ...json, authorization: `Bearer ${who}`, 'x-request-id': 'flood' },
          '{}',
        );
      return last!;
    };
    const raw = await flood(overSocket, 'sk_flood_a');
    const fastify = await flood(injected, 'sk_flood_b');
    expect(raw.status).toBe(429);
    // The two floods end at different moments, so the seconds left in the window may differ by one (more on a
    // loaded machine); everything else must be the same.
    const seconds = (a: Answer) => Number(a.headers['retry-after']);
    for (const a of [raw, fastify]) {
      expect(seconds(a)).toBeGreaterThan(0);
      expect(seconds(a)).toBeLessThanOrEqual(60);
      expect(a.body).toContain(`try again in ${seconds(a)} s.`);
      expect(a.body).toContain(`"retryAfterSeconds":${seconds(a)}`);
    }
    const window = (a: Answer) =>
      a.body.replace(/in \d+ s\./, 'in N s.').replace(/"retryAfterSeconds":\d+/, '"retryAfterSeconds":N');
    expect(window(raw)).toBe(window(fastify));
    expect(comparable(raw.headers)).toEqual(comparable(fastify.headers));
    // A query string, another media type, another route: Fastify's, as before.
    const before = t.app.serving.rawPath.taken;
    const odd = { 'content-type': 'text/plain', authorization: `Bearer ${key.key}`, 'x-request-id': 'odd' };
    const other = await overSocket('/v1/deployments/raw/predict?x=1', odd, 'x');
    expect(other.status).toBeGreaterThanOrEqual(400);
    expect(other.body).toBe((await injected('/v1/deployments/raw/predict?x=1', odd, 'x')).body);
    expect(t.app.serving.rawPath.taken).toBe(before);
  });
});
