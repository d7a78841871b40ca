import { defaultParams, IR_VERSION, type GraphIR } from '@studio/ir';

const node = (id: string, op: string, x: number, params: Record<string, unknown> = {}) => ({
  id,
  op,
  params: { ...defaultParams(op), ...params },
  position: { x, y: 120 },
});

const wire = (id: string, from: string, to: string) => {
  const [sn = '', sp = ''] = from.split('.');
  const [tn = '', tp = ''] = to.split('.');
  return { id, source: { node: sn, port: sp }, target: { node: tn, port: tp } };
};

/** The demo's first graph: German credit data -> stratified split -> logistic regression -> evaluation. */
export function demoGraph(datasetId: string): GraphIR {
  return {
    irVersion: IR_VERSION,
    meta: { name: 'German credit scorecard', target: 'creditability', seed: 42 },
    nodes: [
      node('dataset-1', 'dataset', 0, { datasetId, target: 'creditability' }),
      node('split-1', 'split', 260),
      node('lr-1', 'logistic-regression', 520),
      node('evaluate-1', 'evaluate', 780),
    ],
    edges: [
      wire('e1', 'dataset-1.table', 'split-1.table'),
      wire('e2', 'split-1.train', 'lr-1.table'),
      wire('e3', 'lr-1.model', 'evaluate-1.model'),
      wire('e4', 'split-1.test', 'evaluate-1.table'),
    ],
  };
}
