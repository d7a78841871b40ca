/**
 * The graphs bench/e2e runs through packages/pipeline: the shipped templates (WOE scorecard; the neural network
 * without its Quantize node, trained for a fixed number of epochs) and an impute → one-hot → standardise →
 * logistic regression graph (the dense logistic plan a user builds from the palette).
 */
import type { GraphIR } from '@studio/ir';
import { graphOf } from '../../packages/pipeline/src/templates/graph-of';
import { findTemplate } from '../../packages/pipeline/src/templates/templates';

export type TemplateCase = 'lr' | 'woe' | 'mlp';

function template(id: string, datasetId: string, target: string): GraphIR {
  const t = findTemplate(id);
  if (!t) throw new Error(`no template "${id}"`);
  return t.build(datasetId, target);
}

/** The graph of `kind` on `datasetId` (the CSV path), `target` the outcome column; `epochs` for the MLP. */
export function benchGraph(kind: TemplateCase, datasetId: string, target: string, epochs: number): GraphIR {
  if (kind === 'woe') return template('woe-scorecard', datasetId, target);
  if (kind === 'mlp') {
    const g = template('neural-network-pd', datasetId, target);
    const drop = new Set(g.nodes.filter((n) => n.op === 'quantize').map((n) => n.id));
    return {
      ...g,
      nodes: g.nodes
        .filter((n) => !drop.has(n.id))
        .map((n) =>
          n.op === 'train' ? { ...n, params: { ...n.params, epochs, earlyStoppingPatience: 0 } } : n,
        ),
      edges: g.edges.filter((e) => !drop.has(e.source.node) && !drop.has(e.target.node)),
    };
  }
  return graphOf(
    'Dense logistic regression',
    [
      ['dataset', 'dataset', { datasetId, target }],
      ['split', 'split', { testFraction: 0.3, method: 'stratified', seed: 42 }],
      ['impute', 'impute'],
      ['onehot', 'one-hot'],
      ['scale', 'standardize'],
      ['lr', 'logistic-regression'],
      ['evaluate', 'evaluate'],
    ],
    [
      ['dataset.table', 'split.table'],
      ['split.train', 'impute.table'],
      ['impute.table', 'onehot.table'],
      ['onehot.table', 'scale.table'],
      ['scale.table', 'lr.table'],
      ['lr.model', 'evaluate.model'],
      ['split.test', 'evaluate.table'],
    ],
  );
}
