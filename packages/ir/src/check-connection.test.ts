import { describe, expect, it } from 'vitest';
import { checkConnection } from './check-connection';
import { codeOf } from './diagnostic-codes';
import { exampleNetworkGraph, exampleScorecardGraph } from './examples';

const g = exampleNetworkGraph();
const ref = (s: string) => {
  const [node = '', port = ''] = s.split('.');
  return { node, port };
};
const check = (from: string, to: string, graph = g) => checkConnection(graph, ref(from), ref(to));

describe('checkConnection', () => {
  it('accepts a legal, free connection', () => {
    const graph = { ...g, edges: g.edges.filter((e) => e.target.node !== 'act-1') };
    expect(check('dense-1.output', 'act-1.input', graph)).toEqual({ ok: true });
  });

  it('refuses a self-loop', () => {
    expect(check('dense-1.output', 'dense-1.input')).toMatchObject({ ok: false, code: codeOf('SELF_LOOP') });
  });

  it('refuses mismatched types with the fix', () => {
    const graph = { ...g, edges: g.edges.filter((e) => e.target.node !== 'dense-1') };
    expect(check('split-1.train', 'dense-1.input', graph)).toEqual({
      ok: false,
      code: codeOf('ILLEGAL_CONNECTION'),
      reason: 'table cannot feed a tensor input; add an Encode node',
    });
  });

  it('refuses a second edge into a single input but not into a multiple one', () => {
    expect(check('split-1.test', 'encode-1.table')).toMatchObject({ ok: false, code: codeOf('INPUT_TAKEN') });
    const sc = exampleScorecardGraph();
    expect(check('evaluate-1.metrics', 'deploy-1.metrics', sc)).toMatchObject({
      code: codeOf('DUPLICATE_CONNECTION'),
    });
  });

  it('refuses a connection that closes a cycle', () => {
    const graph = {
      ...g,
      nodes: [...g.nodes, { id: 'dense-9', op: 'dense', params: {} }],
      edges: [...g.edges, { id: 'x', source: ref('dense-2.output'), target: ref('dense-9.input') }],
    };
    expect(
      check('dense-9.output', 'dense-1.input', {
        ...graph,
        edges: graph.edges.filter((e) => e.target.node !== 'dense-1'),
      }),
    ).toMatchObject({
      ok: false,
      code: codeOf('CYCLE'),
    });
  });

  it('refuses unknown nodes and ports', () => {
    expect(check('ghost.out', 'dense-1.input')).toMatchObject({ code: codeOf('DANGLING_EDGE_NODE') });
    expect(check('dense-1.nope', 'act-1.input')).toMatchObject({ code: codeOf('DANGLING_EDGE_PORT') });
    expect(check('dense-1.output', 'act-1.nope')).toMatchObject({ code: codeOf('DANGLING_EDGE_PORT') });
  });
});
