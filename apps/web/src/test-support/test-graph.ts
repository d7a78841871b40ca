import { emptyGraph, type GraphIR } from '@studio/ir';

/** A small legal pipeline (Dataset -> Split -> Logistic Regression) shared by the store tests. */
export function pipelineGraph(): GraphIR {
  return {
    ...emptyGraph('test'),
    nodes: [
      { id: 'd', op: 'dataset', params: { datasetId: 'ds1', target: 'y' }, position: { x: 0, y: 0 } },
      {
        id: 's',
        op: 'split',
        params: { testFraction: 0.3, method: 'random', stratify: '', timeColumn: '', seed: 42 },
        position: { x: 200, y: 0 },
      },
      { id: 'lr', op: 'logistic-regression', params: {}, position: { x: 400, y: 0 } },
    ],
    edges: [
      { id: 'e1', source: { node: 'd', port: 'table' }, target: { node: 's', port: 'table' } },
      { id: 'e2', source: { node: 's', port: 'train' }, target: { node: 'lr', port: 'table' } },
    ],
  };
}
