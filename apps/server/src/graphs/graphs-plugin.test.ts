import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent, Dataset, GraphDiff, GraphVersion, GraphVersionSummary, Project } from '@studio/api';
import { codeOf, IR_VERSION, type DiagnosticName, type GraphIR } from '@studio/ir';
import type { JsonInput } from '../db/prisma-types';
import { demoGraph } from '../seed/demo-graph';
import { demoCsvPath } from '../seed/seed';
import { multipartFile } from '../test-support/multipart';
import { createTestApp, json, type TestApp } from '../test-support/test-app';
import { testProviders } from '../test-support/test-database';

type Saved = GraphVersion & { created: boolean };

const clone = (g: GraphIR): GraphIR => structuredClone(g);
const edge = (id: string, from: string, to: string) => {
  const [sn = '', sp = ''] = from.split('.');
  const [tn = '', tp = ''] = to.split('.');
  return { id, source: { node: sn, port: sp }, target: { node: tn, port: tp } };
};
const impute = (id: string) => ({ id, op: 'impute', params: {} });

// One broken variant of the demo graph per validation rule, each expected to reach the API as 422 + its code.
const brokenGraphs: [DiagnosticName, (g: GraphIR) => unknown][] = [
  ['INVALID_DOCUMENT', (g) => ({ ...g, nodes: 'not a list' })],
  ['UNKNOWN_OP', (g) => ({ ...g, nodes: [...g.nodes, { id: 'x-1', op: 'no-such-op', params: {} }] })],
  [
    'INVALID_PARAM',
    (g) => ({
      ...g,
      nodes: g.nodes.map((n) =>
        n.id === 'split-1' ? { ...n, params: { ...n.params, testFraction: 5 } } : n,
      ),
    }),
  ],
  ['DUPLICATE_NODE_ID', (g) => ({ ...g, nodes: [...g.nodes, g.nodes[1]] })],
  [
    'DUPLICATE_EDGE_ID',
    (g) => ({
      ...g,
      nodes: [...g.nodes, impute('imp-1')],
      edges: [...g.edges, edge('e1', 'split-1.train', 'imp-1.table')],
    }),
  ],
  ['DANGLING_EDGE_NODE', (g) => ({ ...g, edges: [...g.edges, edge('e9', 'ghost-1.table', 'lr-1.table')] })],
  [
    'DANGLING_EDGE_PORT',
    (g) => ({ ...g, edges: [...g.edges, edge('e9', 'split-1.nope', 'evaluate-1.table')] }),
  ],
  [
    'ILLEGAL_CONNECTION',
    (g) => ({
      ...g,
      edges: [...g.edges.filter((e) => e.id !== 'e4'), edge('e9', 'lr-1.model', 'evaluate-1.table')],
    }),
  ],
  [
    'CYCLE',
    (g) => ({
      ...g,
      nodes: [...g.nodes, impute('imp-1'), impute('imp-2')],
      edges: [
        ...g.edges,
        edge('e9', 'imp-1.table', 'imp-2.table'),
        edge('e10', 'imp-2.table', 'imp-1.table'),
      ],
    }),
  ],
  ['MISSING_INPUT', (g) => ({ ...g, edges: g.edges.filter((e) => e.id !== 'e4') })],
  ['INPUT_TAKEN', (g) => ({ ...g, edges: [...g.edges, edge('e9', 'dataset-1.table', 'lr-1.table')] })],
  [
    'SELF_LOOP',
    (g) => ({
      ...g,
      nodes: [...g.nodes, impute('imp-1')],
      edges: [...g.edges, edge('e9', 'imp-1.table', 'imp-1.table')],
    }),
  ],
  [
    'DUPLICATE_CONNECTION',
    (g) => ({ ...g, edges: [...g.edges, edge('e9', 'dataset-1.table', 'split-1.table')] }),
  ],
  ['UNSUPPORTED_VERSION', (g) => ({ ...g, irVersion: 99 })],
  [
    'INFERENCE_FAILED',
    (g) => ({
      ...g,
      nodes: g.nodes.map((n) =>
        n.op === 'dataset' ? { ...n, params: { ...n.params, target: 'no_such_column' } } : n,
      ),
    }),
  ],
];

describe.each(testProviders)('graph versions API on %s', (provider) => {
  let t: TestApp;
  let project: Project;
  let dataset: Dataset;

  beforeAll(async () => {
    t = await createTestApp(provider);
    project = json<Project>(
      await t.app.inject({ method: 'POST', url: '/api/projects', payload: { name: 'Graphs' } }),
    );
    const upload = multipartFile(readFileSync(demoCsvPath), 'german_credit.csv');
    dataset = json<Dataset>(
      await t.app.inject({ method: 'POST', url: `/api/projects/${project.id}/datasets`, ...upload }),
    );
  });
  afterAll(async () => t?.close());

  const save = (graph: unknown, baseVersionId: string | null, message?: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/projects/${project.id}/graph`,
      payload: { graph, baseVersionId, ...(message ? { message } : {}) },
    });

  it.each(brokenGraphs)(
    'refuses a graph with %s: 422 GRAPH_INVALID with that diagnostic, no version',
    async (name, breakIt) => {
      const res = await save(breakIt(clone(demoGraph(dataset.id))), null);
      expect(res.statusCode).toBe(422);
      const body = json<{ code: string; diagnostics: { code: string }[]; requestId: string }>(res);
      expect(body.code).toBe('GRAPH_INVALID');
      expect(body.diagnostics.map((d) => d.code)).toContain(codeOf(name));
      expect(
        json<unknown[]>(await t.app.inject({ method: 'GET', url: `/api/projects/${project.id}/versions` })),
      ).toEqual([]);
    },
  );

  it('saves versions optimistically: first, unchanged, next, stale (409 with latest, nothing lost), diff and audit', async () => {
    const g1 = demoGraph(dataset.id);
    const first = await save(g1, null, 'first');
    expect(first.statusCode).toBe(201);
    const v1 = json<Saved>(first);
    expect(v1).toMatchObject({
      number: 1,
      parentId: null,
      created: true,
      message: 'first',
      author: { id: 'local' },
    });

    const same = await save(clone(g1), v1.id);
    expect(same.statusCode).toBe(200);
    expect(json<Saved>(same)).toMatchObject({ id: v1.id, created: false });

    const g2 = clone(g1);
    g2.nodes = g2.nodes.map((n) =>
      n.id === 'split-1' ? { ...n, params: { ...n.params, testFraction: 0.2 } } : n,
    );
    const second = await save(g2, v1.id, 'smaller test set');
    expect(second.statusCode).toBe(201);
    const v2 = json<Saved>(second);
    expect(v2).toMatchObject({ number: 2, parentId: v1.id });

    // A second editor still on v1 saves different content: refused, told about v2, and v2 stays the head.
    const g3 = clone(g1);
    g3.meta.name = 'Competing edit';
    const stale = await save(g3, v1.id);
    expect(stale.statusCode).toBe(409);
    expect(json(stale)).toMatchObject({ code: 'STALE_VERSION', latest: { id: v2.id, number: 2 } });
    expect(json<{ latest: GraphVersion }>(stale).latest.graph).toEqual(g2);
    const head = json<{ headVersionId: string; head: GraphVersion }>(
      await t.app.inject({ method: 'GET', url: `/api/projects/${project.id}` }),
    );
    expect(head.headVersionId).toBe(v2.id);

    const versions = json<GraphVersionSummary[]>(
      await t.app.inject({ method: 'GET', url: `/api/projects/${project.id}/versions` }),
    );
    expect(versions.map((v) => v.number)).toEqual([2, 1]);
    const got = json<GraphVersion>(
      await t.app.inject({ method: 'GET', url: `/api/projects/${project.id}/versions/${v1.id}` }),
    );
    expect(got.graph).toEqual(g1);

    const diff = json<GraphDiff>(
      await t.app.inject({
        method: 'GET',
        url: `/api/projects/${project.id}/diff?from=${v1.id}&to=${v2.id}`,
      }),
    );
    expect(diff.changes.length).toBeGreaterThan(0);
    expect(diff.changes.map((c) => c.description).join('\n')).toMatch(/split-1.*testFraction.*0\.3.*0\.2/);
    expect(diff.changes.map((c) => c.description)).toContain(
      'Split (split-1): param testFraction 0.3 -> 0.2',
    );

    const audit = json<AuditEvent[]>(
      await t.app.inject({ method: 'GET', url: `/api/audit?projectId=${project.id}&action=graph.save` }),
    );
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ targetId: v2.id, beforeHash: v1.hash, afterHash: v2.hash });
    expect(audit[0]?.changes.join('\n')).toMatch(/testFraction/);
    expect(audit[1]).toMatchObject({ targetId: v1.id, beforeHash: null, afterHash: v1.hash });
  });

  it('lets exactly one of two concurrent saves on the same head win; the other gets 409', async () => {
    const racers = json<Project>(
      await t.app.inject({ method: 'POST', url: '/api/projects', payload: { name: 'Race' } }),
    );
    const url = `/api/projects/${racers.id}/graph`;
    const base = json<Saved>(
      await t.app.inject({ method: 'POST', url, payload: { graph: demoGraph('x'), baseVersionId: null } }),
    );
    const variants = [0.1, 0.15, 0.25, 0.35].map((testFraction) => {
      const g = demoGraph('x');
      g.nodes = g.nodes.map((n) =>
        n.id === 'split-1' ? { ...n, params: { ...n.params, testFraction } } : n,
      );
      return g;
    });
    const results = await Promise.all(
      variants.map((graph) =>
        t.app.inject({ method: 'POST', url, payload: { graph, baseVersionId: base.id } }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
    const versions = json<GraphVersionSummary[]>(
      await t.app.inject({ method: 'GET', url: `/api/projects/${racers.id}/versions` }),
    );
    expect(versions.map((v) => v.number)).toEqual([2, 1]);
  });

  it("reads a version saved by an older Studio as the current IR (irVersion 1's solver 'lbfgs' is 'auto')", async () => {
    const owner = json<Project>(
      await t.app.inject({ method: 'POST', url: '/api/projects', payload: { name: 'Old IR' } }),
    );
    const url = `/api/projects/${owner.id}/graph`;
    const saved = json<Saved>(
      await t.app.inject({ method: 'POST', url, payload: { graph: demoGraph('x'), baseVersionId: null } }),
    );
    const current = demoGraph('x');
    const old = {
      ...current,
      irVersion: 1,
      nodes: current.nodes.map((n) =>
        n.op === 'logistic-regression' ? { ...n, params: { ...n.params, solver: 'lbfgs' } } : n,
      ),
    };
    await t.app.prisma.graphVersion.update({
      where: { id: saved.id },
      data: { graph: old as unknown as JsonInput, irVersion: 1 },
    });
    const read = json<GraphVersion>(
      await t.app.inject({ method: 'GET', url: `/api/projects/${owner.id}/versions/${saved.id}` }),
    );
    expect(read.graph.irVersion).toBe(IR_VERSION);
    expect(read.graph.nodes.find((n) => n.op === 'logistic-regression')?.params.solver).toBe('auto');
  });

  it('answers 404 for a version of another project and for an unknown version', async () => {
    const other = json<Project>(
      await t.app.inject({ method: 'POST', url: '/api/projects', payload: { name: 'Other' } }),
    );
    const v = json<Saved>(
      await t.app.inject({
        method: 'POST',
        url: `/api/projects/${other.id}/graph`,
        payload: { graph: demoGraph('x'), baseVersionId: null },
      }),
    );
    for (const url of [
      `/api/projects/${project.id}/versions/${v.id}`,
      `/api/projects/${project.id}/versions/nope`,
      `/api/projects/${project.id}/diff?from=${v.id}&to=nope`,
    ]) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(json(res)).toMatchObject({ code: 'VERSION_NOT_FOUND' });
    }
  });

  it('refuses a first save that names a base version (400), and a body without baseVersionId (400)', async () => {
    const empty = json<Project>(
      await t.app.inject({ method: 'POST', url: '/api/projects', payload: { name: 'Empty' } }),
    );
    const withBase = await t.app.inject({
      method: 'POST',
      url: `/api/projects/${empty.id}/graph`,
      payload: { graph: demoGraph('x'), baseVersionId: 'v-nope' },
    });
    expect(withBase.statusCode).toBe(400);
    expect(json(withBase)).toMatchObject({ code: 'BASE_VERSION_UNKNOWN' });
    const noBase = await t.app.inject({
      method: 'POST',
      url: `/api/projects/${empty.id}/graph`,
      payload: { graph: demoGraph('x') },
    });
    expect(noBase.statusCode).toBe(400);
    expect(json(noBase)).toMatchObject({ code: 'REQUEST_INVALID' });
  });
});
