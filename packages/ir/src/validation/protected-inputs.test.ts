import { expect, it } from 'vitest';
import { codeOf } from '../diagnostic-codes';
import { exampleScorecardGraph } from '../examples';
import type { GraphIR } from '../graph';
import { validateGraph } from '../validate-graph';

const context = { datasetColumns: () => ['age', 'sex', 'income', 'default'] };

const withParams = (graph: GraphIR, op: string, params: Record<string, unknown>): GraphIR => ({
  ...graph,
  nodes: graph.nodes.map((n) => (n.op === op ? { ...n, params: { ...n.params, ...params } } : n)),
});

const flagged = (graph: GraphIR) =>
  validateGraph(graph, { context }).diagnostics.filter((d) => d.code === codeOf('PROTECTED_AS_INPUT'));

it('warns on the Evaluate node, before any run, when a protected column is also a model input', () => {
  const graph = withParams(exampleScorecardGraph(), 'evaluate', { protected: ['sex'], ageColumn: 'age' });
  expect(flagged(graph)).toEqual([
    expect.objectContaining({ severity: 'warning', nodeId: 'evaluate-1', param: 'protected' }),
    expect.objectContaining({ severity: 'warning', nodeId: 'evaluate-1', param: 'ageColumn' }),
  ]);
  // The scorecard selects features by IV while it trains: the column is a candidate input.
  expect(flagged(graph)[0]!.message).toContain('"sex" reaches the model as a candidate input');
  // Wired straight into the model, it is an input for sure.
  const direct = {
    ...graph,
    edges: graph.edges.map((e) =>
      e.target.node === 'lr-1' ? { ...e, source: { node: 'woe-1', port: 'table' } } : e,
    ),
  };
  expect(flagged(direct)[0]!.message).toContain('"sex" is also an input of the model');
  // A warning, not an error: the graph still runs.
  expect(validateGraph(graph, { context }).ok).toBe(true);
});

it('is quiet once the column is left out of the model, or when nothing is marked protected', () => {
  const marked = withParams(exampleScorecardGraph(), 'evaluate', { protected: ['sex'] });
  expect(flagged(withParams(marked, 'dataset', { exclude: ['sex'] }))).toEqual([]);
  expect(flagged(exampleScorecardGraph())).toEqual([]);
});
