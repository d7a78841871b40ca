import { describe, expect, it } from 'vitest';
import { exampleNetworkGraph, exampleScorecardGraph, type GraphIR } from '@studio/ir';
import { graphOf } from '../templates/graph-of';
import { graphTemplates } from '../templates/templates';
import { assertRunnable, planGraph } from './plan-graph';
import { GraphNotRunnableError } from './plan-problem';

const errorsOf = (graph: GraphIR) =>
  planGraph(graph)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => ({ code: d.code, nodeId: d.nodeId }));

const head: [string, string, Record<string, unknown>?][] = [
  ['ds', 'dataset', { datasetId: 'd1', target: 'bad' }],
  ['split', 'split'],
];

describe('planGraph', () => {
  it('lowers every template, and the IR examples with their Quantize node planned and Deploy skipped', () => {
    for (const t of graphTemplates) expect(planGraph(t.build('d1', 'bad')).ok, t.id).toBe(true);
    const card = assertRunnable(exampleScorecardGraph());
    expect(card.branches).toHaveLength(1);
    expect(card.branches[0]!.transforms.map((t) => t.op)).toEqual([
      'impute',
      'woe-binning',
      'feature-selection',
    ]);
    expect(card.branches[0]!.scorecard?.nodeId).toBe('scorecard-1');
    expect(card.skipped.map((s) => s.op)).toEqual(['deploy']);
    const net = assertRunnable(exampleNetworkGraph());
    expect(net.skipped.map((s) => s.op)).toEqual(['deploy']);
    expect(net.branches[0]!.quantize).toEqual({
      nodeId: 'quantize-1',
      method: 'minmax',
      percentile: 99.99,
      maxAucDrop: 0.005,
    });
    expect(net.branches[0]!.model).toMatchObject({
      kind: 'mlp',
      layers: [{ units: 16, activation: 'relu' }],
      encode: { nodeId: 'encode-1' },
    });
  });

  it('plans champion vs challengers as three branches on one split, one evaluation each', () => {
    const plan = assertRunnable(
      graphTemplates.find((t) => t.id === 'champion-challenger')!.build('d1', 'bad'),
    );
    expect(plan.branches.map((b) => [b.label, b.model.kind, b.evaluations.map((e) => e.nodeId)])).toEqual([
      ['Champion', 'logistic', ['champion-evaluate']],
      ['Challenger', 'mlp', ['challenger-evaluate']],
      ['GBM challenger', 'gbm', ['gbm-evaluate']],
    ]);
  });

  it('pins what it cannot run to the node to change', () => {
    const noSplit = graphOf(
      'x',
      [head[0]!, ['lr', 'logistic-regression'], ['ev', 'evaluate']],
      [
        ['ds.table', 'lr.table'],
        ['lr.model', 'ev.model'],
        ['ds.table', 'ev.table'],
      ],
    );
    expect(errorsOf(noSplit)).toContainEqual({ code: 'PLAN_NO_SPLIT', nodeId: 'ds' });

    const onTest = graphOf(
      'x',
      [...head, ['lr', 'logistic-regression']],
      [
        ['ds.table', 'split.table'],
        ['split.test', 'lr.table'],
      ],
    );
    expect(errorsOf(onTest)).toEqual([{ code: 'PLAN_TRAINS_ON_TEST', nodeId: 'split' }]);

    const cardOnNet = graphTemplates.find((t) => t.id === 'neural-network-pd')!.build('d1', 'bad');
    cardOnNet.nodes.push({
      id: 'card',
      op: 'scorecard',
      params: { pdo: 20, baseScore: 600, baseOdds: 50, rounding: 'integer' },
    });
    cardOnNet.edges.push({
      id: 'ex',
      source: { node: 'train', port: 'model' },
      target: { node: 'card', port: 'model' },
    });
    const cardErrors = planGraph(cardOnNet).diagnostics.filter((d) => d.severity === 'error');
    expect(cardErrors.map((d) => d.nodeId)).toContain('card');

    const selectFirst = graphOf(
      'x',
      [...head, ['sel', 'feature-selection'], ['lr', 'logistic-regression']],
      [
        ['ds.table', 'split.table'],
        ['split.train', 'sel.table'],
        ['sel.table', 'lr.table'],
      ],
    );
    expect(errorsOf(selectFirst)).toEqual([{ code: 'PLAN_SELECTION_NEEDS_WOE', nodeId: 'sel' }]);
  });

  it('refuses network chains the engine cannot build, at the offending layer', () => {
    const net = exampleNetworkGraph();
    net.nodes.push({ id: 'sig', op: 'activation', params: { function: 'sigmoid', negativeSlope: 0.01 } });
    const toLoss = net.edges.find((e) => e.target.node === 'loss-1' && e.target.port === 'logits')!;
    net.edges = net.edges.filter((e) => e !== toLoss);
    net.edges.push(
      { id: 'x1', source: { node: 'dense-2', port: 'output' }, target: { node: 'sig', port: 'input' } },
      { id: 'x2', source: { node: 'sig', port: 'output' }, target: { node: 'loss-1', port: 'logits' } },
    );
    expect(errorsOf(net)).toEqual([{ code: 'PLAN_LAYER_ORDER', nodeId: 'sig' }]);
    expect(() => assertRunnable(net)).toThrow(GraphNotRunnableError);
  });

  it('passes validation findings through and plans nothing for an invalid document', () => {
    const result = planGraph({ irVersion: 1, nodes: [], edges: [] });
    expect(result.ok).toBe(false);
    expect(result.plan).toBeUndefined();
    expect(result.diagnostics[0]?.code).toBe('IR000');
    expect(errorsOf(graphOf('empty', [head[0]!], []))).toContainEqual({
      code: 'PLAN_NO_MODEL',
      nodeId: undefined,
    });
  });
});

describe('planGraph warnings', () => {
  it('warns about settings that are not applied, on their node', () => {
    const graph = graphTemplates.find((t) => t.id === 'neural-network-pd')!.build('d1', 'bad');
    graph.nodes.find((n) => n.id === 'onehot')!.params.unseen = 'other';
    const result = planGraph(graph);
    expect(result.ok).toBe(true);
    expect(result.diagnostics.filter((d) => d.code === 'PLAN_SETTING_IGNORED').map((d) => d.nodeId)).toEqual([
      'onehot',
    ]);
  });
});
