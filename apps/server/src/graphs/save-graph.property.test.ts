import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '@studio/api';
import { listOps } from '@studio/ir';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';

const ops = listOps().map((o) => o.op);
const id = fc.oneof(fc.constantFrom('n1', 'n2', 'n3', 'e1', 'dataset-1'), fc.string({ maxLength: 8 }));
const port = fc.oneof(
  fc.constantFrom('table', 'train', 'test', 'model', 'metrics', 'input', 'output'),
  fc.string({ maxLength: 6 }),
);

// Graph-shaped documents that are wrong in every way the wire allows, mixed with arbitrary JSON.
const graphLike = fc.record(
  {
    irVersion: fc.oneof(fc.constant(1), fc.constant(0), fc.integer(), fc.jsonValue()),
    nodes: fc.oneof(
      fc.array(
        fc.record(
          {
            id,
            op: fc.oneof(fc.constantFrom(...ops), fc.string({ maxLength: 10 })),
            params: fc.oneof(fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue()), fc.jsonValue()),
            position: fc.record({ x: fc.double(), y: fc.double() }),
            label: fc.jsonValue(),
          },
          { requiredKeys: ['id', 'op'] },
        ),
        { maxLength: 6 },
      ),
      fc.jsonValue(),
    ),
    edges: fc.oneof(
      fc.array(
        fc.record({ id, source: fc.record({ node: id, port }), target: fc.record({ node: id, port }) }),
        { maxLength: 8 },
      ),
      fc.jsonValue(),
    ),
    meta: fc.oneof(fc.record({ name: fc.string({ maxLength: 20 }), seed: fc.jsonValue() }), fc.jsonValue()),
  },
  { requiredKeys: [] },
);

const body = fc.oneof(
  fc.record(
    {
      graph: fc.oneof(graphLike, fc.jsonValue()),
      baseVersionId: fc.oneof(fc.constant(null), fc.string()),
      message: fc.jsonValue(),
    },
    { requiredKeys: ['graph'] },
  ),
  fc.jsonValue(),
);

describe.each(testProviders)('save route on %s', (provider) => {
  let t: TestApp;
  let project: Project;
  beforeAll(async () => {
    t = await createTestApp(provider);
    project = json<Project>(
      await t.app.inject({ method: 'POST', url: '/api/projects', payload: { name: 'Fuzz' } }),
    );
  });
  afterAll(async () => t?.close());

  it('never answers 5xx to any JSON body, and every refusal is coded', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const res = await t.app.inject({
          method: 'POST',
          url: `/api/projects/${project.id}/graph`,
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify(payload) ?? 'null',
        });
        expect(res.statusCode).toBeLessThan(500);
        if (res.statusCode >= 400)
          expect(json(res)).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      }),
      { numRuns: provider === 'sqlite' ? 300 : 100 },
    );
  }, 120_000);
});
