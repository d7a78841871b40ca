import { describe, expect, it } from 'vitest';
import { codeOf } from './diagnostic-codes';
import { exampleNetworkGraph, exampleScorecardGraph } from './examples';
import type { GraphIR } from './graph';
import { validateGraph } from './validate-graph';

const codes = (g: unknown) => validateGraph(g).diagnostics.map((d) => d.code);
const clone = (g: GraphIR): GraphIR => structuredClone(g);

describe('validateGraph', () => {
  it('accepts both canonical pipelines without findings', () => {
    for (const g of [exampleScorecardGraph(), exampleNetworkGraph()]) {
      const r = validateGraph(g);
      expect(r.diagnostics).toEqual([]);
      expect(r.ok).toBe(true);
    }
  });

  it('infers tensor shapes along the network', () => {
    const r = validateGraph(exampleNetworkGraph());
    expect(r.inferred['dense-1']?.output).toEqual({ type: 'tensor', dtype: 'float32', shape: [null, 16] });
    expect(r.inferred['loss-1']?.loss).toEqual({ type: 'tensor', dtype: 'float32', shape: [] });
    expect(r.inferred['quantize-1']?.model).toMatchObject({ trained: true, quantized: true });
  });

  it('uses dataset columns from the context to size the feature tensor', () => {
    const r = validateGraph(exampleNetworkGraph('d1'), {
      context: { datasetColumns: (id) => (id === 'd1' ? ['income', 'age', 'default'] : undefined) },
    });
    expect(r.inferred['encode-1']?.features).toMatchObject({ shape: [null, 2] });
  });

  it('reports schema errors as diagnostics and never throws', () => {
    for (const raw of [
      null,
      42,
      'x',
      [],
      { irVersion: 1 },
      { irVersion: 4, nodes: [], edges: [], meta: { name: 'a' } },
    ]) {
      const r = validateGraph(raw);
      expect(r.ok).toBe(false);
      expect(r.graph).toBeUndefined();
      expect(r.diagnostics.length).toBeGreaterThan(0);
      expect(r.diagnostics.every((d) => d.code === codeOf('INVALID_DOCUMENT'))).toBe(true);
    }
  });

  it('points old and future documents to migration or a Studio upgrade', () => {
    const [old] = validateGraph({ version: 0, nodes: [], links: [] }).diagnostics;
    expect(old?.message).toMatch(/irVersion 0 is an older format; open it with migrateGraph/);
    const [future] = validateGraph({ ...exampleScorecardGraph(), irVersion: 9 }).diagnostics;
    expect(future?.message).toMatch(/newer Studio; upgrade the Studio/);
  });

  it('pins schema errors on the node that has them', () => {
    const g = clone(exampleScorecardGraph()) as unknown as { nodes: { position: unknown }[] };
    (g.nodes[1] as { position: unknown }).position = { x: 'left', y: 0 };
    const [d] = validateGraph(g).diagnostics;
    expect(d).toMatchObject({
      nodeId: 'split-1',
      message: expect.stringMatching(/^nodes\[1\]\.position\.x: /),
    });
  });

  it('flags an unknown op', () => {
    const g = clone(exampleScorecardGraph());
    g.nodes.push({ id: 'x-1', op: 'xgboost', params: {} });
    expect(validateGraph(g).diagnostics).toContainEqual(
      expect.objectContaining({ code: 'IR001', nodeId: 'x-1' }),
    );
  });

  it('does not call a wire from an unknown op or a misnamed output a missing input', () => {
    const g = clone(exampleScorecardGraph());
    (g.nodes[0] as GraphIR['nodes'][number]).op = 'csv-reader';
    (g.edges.find((e) => e.target.node === 'lr-1') as GraphIR['edges'][number]).source.port = 'tabel';
    const c = codes(g);
    expect(c).toContain(codeOf('UNKNOWN_OP'));
    expect(c).toContain(codeOf('DANGLING_EDGE_PORT'));
    expect(c).not.toContain(codeOf('MISSING_INPUT'));
    expect(c).not.toContain(codeOf('INFERENCE_FAILED'));
  });

  it('flags invalid params per field, naming field and bound', () => {
    const g = clone(exampleScorecardGraph());
    (g.nodes[1] as GraphIR['nodes'][number]).params.testFraction = 1.5;
    (g.nodes[1] as GraphIR['nodes'][number]).params.method = 'shuffle';
    const ds = validateGraph(g).diagnostics.filter((d) => d.code === codeOf('INVALID_PARAM'));
    expect(ds.map((d) => d.param).sort()).toEqual(['method', 'testFraction']);
    expect(ds.find((d) => d.param === 'testFraction')?.message).toBe(
      'node split-1: param testFraction must be at most 0.9 (got 1.5)',
    );
  });

  it('flags duplicate node and edge ids', () => {
    const g = clone(exampleScorecardGraph());
    g.nodes.push({ ...(g.nodes[0] as GraphIR['nodes'][number]) });
    g.edges.push({ ...(g.edges[0] as GraphIR['edges'][number]) });
    const c = codes(g);
    expect(c).toContain(codeOf('DUPLICATE_NODE_ID'));
    expect(c).toContain(codeOf('DUPLICATE_EDGE_ID'));
  });

  it('flags dangling edges to unknown nodes and ports', () => {
    const g = clone(exampleScorecardGraph());
    g.edges.push({
      id: 'bad-1',
      source: { node: 'ghost', port: 'table' },
      target: { node: 'split-1', port: 'table' },
    });
    g.edges.push({
      id: 'bad-2',
      source: { node: 'split-1', port: 'valid' },
      target: { node: 'lr-1', port: 'table' },
    });
    const ds = validateGraph(g).diagnostics;
    expect(ds).toContainEqual(
      expect.objectContaining({ code: codeOf('DANGLING_EDGE_NODE'), edgeId: 'bad-1' }),
    );
    expect(ds.find((d) => d.edgeId === 'bad-2')?.message).toMatch(
      /split-1 has no output "valid" \(outputs: train, test\)/,
    );
  });

  it('explains an illegal connection with the fix', () => {
    const g = clone(exampleNetworkGraph());
    const e = g.edges.find((x) => x.target.node === 'dense-1') as GraphIR['edges'][number];
    e.source = { node: 'standardize-1', port: 'table' };
    const d = validateGraph(g).diagnostics.find((x) => x.code === codeOf('ILLEGAL_CONNECTION'));
    expect(d?.message).toContain('table cannot feed a tensor input; add an Encode node');
    expect(d).toMatchObject({ nodeId: 'dense-1', port: 'input', edgeId: e.id });
  });

  it('flags a cycle with its path', () => {
    const g = clone(exampleNetworkGraph());
    g.edges.push({
      id: 'loop',
      source: { node: 'act-1', port: 'output' },
      target: { node: 'dense-1', port: 'input' },
    });
    const d = validateGraph(g).diagnostics.find((x) => x.code === codeOf('CYCLE'));
    expect(d?.message).toMatch(/dense-1 -> act-1 -> dense-1/);
  });

  it('flags a missing required input and a second edge into a single input', () => {
    const g = clone(exampleScorecardGraph());
    g.edges = g.edges.filter((e) => !(e.target.node === 'evaluate-1' && e.target.port === 'table'));
    g.edges.push({
      id: 'twice',
      source: { node: 'woe-1', port: 'table' },
      target: { node: 'lr-1', port: 'table' },
    });
    const ds = validateGraph(g).diagnostics;
    expect(ds).toContainEqual(
      expect.objectContaining({ code: codeOf('MISSING_INPUT'), nodeId: 'evaluate-1', port: 'table' }),
    );
    expect(ds).toContainEqual(expect.objectContaining({ code: codeOf('INPUT_TAKEN'), edgeId: 'twice' }));
  });

  it('lets several metrics feed the multiple input of Deploy', () => {
    const g = clone(exampleScorecardGraph());
    g.nodes.push({ id: 'evaluate-2', op: 'evaluate', params: {} });
    g.edges.push(
      { id: 'm1', source: { node: 'lr-1', port: 'model' }, target: { node: 'evaluate-2', port: 'model' } },
      { id: 'm2', source: { node: 'split-1', port: 'train' }, target: { node: 'evaluate-2', port: 'table' } },
      {
        id: 'm3',
        source: { node: 'evaluate-2', port: 'metrics' },
        target: { node: 'deploy-1', port: 'metrics' },
      },
    );
    expect(validateGraph(g).diagnostics).toEqual([]);
  });

  it('warns about outputs that reach no sink, without failing', () => {
    const g = clone(exampleScorecardGraph());
    g.nodes.push({ id: 'std-1', op: 'standardize', params: {} });
    g.edges.push({
      id: 's1',
      source: { node: 'split-1', port: 'train' },
      target: { node: 'std-1', port: 'table' },
    });
    const r = validateGraph(g);
    expect(r.ok).toBe(true);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        code: codeOf('UNUSED_OUTPUT'),
        severity: 'warning',
        nodeId: 'std-1',
        port: 'table',
      }),
    ]);
  });

  it('takes an unwired Quantize node as an end of the pipeline: the run reports on it', () => {
    const g = clone(exampleNetworkGraph());
    g.nodes = g.nodes.filter((n) => n.op !== 'deploy');
    g.edges = g.edges.filter((e) => e.target.node !== 'deploy-1');
    expect(validateGraph(g).diagnostics.filter((d) => d.code === codeOf('UNUSED_OUTPUT'))).toEqual([]);
  });

  it('reports inference errors at the node, e.g. a BCE loss on 16 logits', () => {
    const g = clone(exampleNetworkGraph());
    (g.nodes.find((n) => n.id === 'dense-2') as GraphIR['nodes'][number]).params.units = 16;
    const d = validateGraph(g).diagnostics.find((x) => x.code === codeOf('INFERENCE_FAILED'));
    expect(d).toMatchObject({ nodeId: 'loss-1', port: 'logits' });
    expect(d?.message).toMatch(/set the last Dense to 1 unit/);
  });

  it('reports a network that skips Train when evaluated', () => {
    const g = clone(exampleNetworkGraph());
    const e = g.edges.find(
      (x) => x.target.node === 'evaluate-1' && x.target.port === 'model',
    ) as GraphIR['edges'][number];
    e.source = { node: 'optimizer-1', port: 'model' };
    const ds = validateGraph(g).diagnostics.filter((x) => x.code === codeOf('INFERENCE_FAILED'));
    expect(ds.map((d) => d.nodeId)).toEqual(['evaluate-1']);
  });
});

describe('validateGraph at the schema limits', () => {
  it('validates a 2000-node network and infers through all of it', () => {
    const g = exampleNetworkGraph();
    const depth = 2000 - g.nodes.length;
    const layers = Array.from({ length: depth }, (_, i) => ({
      id: `deep-${i}`,
      op: i % 2 ? 'activation' : 'dense',
      params: {},
    }));
    g.nodes.push(...layers);
    g.edges = g.edges.filter((e) => e.target.node !== 'dense-2');
    const chain = ['act-1', ...layers.map((l) => l.id), 'dense-2'];
    chain.slice(1).forEach((id, i) => {
      g.edges.push({
        id: `deep-e${i}`,
        source: { node: chain[i] as string, port: 'output' },
        target: { node: id, port: 'input' },
      });
    });
    const r = validateGraph(g);
    expect(r.diagnostics).toEqual([]);
    expect(r.inferred[`deep-${depth - 1}`]?.output).toMatchObject({ shape: [null, 16] });
  });
});
