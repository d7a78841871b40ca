import { defaultParams } from './catalogue';
import { IR_VERSION, type GraphEdge, type GraphIR, type GraphNode } from './graph';

type Wire = [from: string, to: string];

function build(
  name: string,
  nodes: [id: string, op: string, params?: Record<string, unknown>][],
  wires: Wire[],
): GraphIR {
  const graphNodes: GraphNode[] = nodes.map(([id, op, params = {}], i) => ({
    id,
    op,
    params: { ...defaultParams(op), ...params },
    position: { x: 240 * i, y: 0 },
  }));
  const edges: GraphEdge[] = wires.map(([from, to], i) => {
    const [sn = '', sp = ''] = from.split('.');
    const [tn = '', tp = ''] = to.split('.');
    return { id: `e${i + 1}`, source: { node: sn, port: sp }, target: { node: tn, port: tp } };
  });
  return { irVersion: IR_VERSION, nodes: graphNodes, edges, meta: { name, target: 'default', seed: 42 } };
}

/** The canonical scorecard pipeline (Dataset -> Split -> Impute -> WOE -> selection -> LR -> Evaluate/Scorecard/Deploy), valid as built. */
export function exampleScorecardGraph(datasetId = 'demo-loans'): GraphIR {
  return build(
    'Retail PD scorecard',
    [
      ['dataset-1', 'dataset', { datasetId, target: 'default' }],
      ['split-1', 'split'],
      ['impute-1', 'impute'],
      ['woe-1', 'woe-binning'],
      ['select-1', 'feature-selection'],
      ['lr-1', 'logistic-regression', { signConstraints: 'non-positive' }],
      ['evaluate-1', 'evaluate'],
      ['scorecard-1', 'scorecard'],
      ['deploy-1', 'deploy', { slug: 'retail-pd' }],
    ],
    [
      ['dataset-1.table', 'split-1.table'],
      ['split-1.train', 'impute-1.table'],
      ['impute-1.table', 'woe-1.table'],
      ['woe-1.table', 'select-1.table'],
      ['select-1.table', 'lr-1.table'],
      ['lr-1.model', 'evaluate-1.model'],
      ['split-1.test', 'evaluate-1.table'],
      ['lr-1.model', 'scorecard-1.model'],
      ['lr-1.model', 'deploy-1.model'],
      ['scorecard-1.scorecard', 'deploy-1.scorecard'],
      ['evaluate-1.metrics', 'deploy-1.metrics'],
    ],
  );
}

/** The canonical neural pipeline (Encode -> Dense -> Activation -> Dense -> Loss -> Optimizer -> Train -> Evaluate, Quantize, Deploy), valid as built. */
export function exampleNetworkGraph(datasetId = 'demo-loans'): GraphIR {
  return build(
    'Retail PD network',
    [
      ['dataset-1', 'dataset', { datasetId, target: 'default' }],
      ['split-1', 'split'],
      ['standardize-1', 'standardize'],
      ['encode-1', 'encode'],
      ['dense-1', 'dense', { units: 16 }],
      ['act-1', 'activation'],
      ['dense-2', 'dense', { units: 1 }],
      ['loss-1', 'loss'],
      ['optimizer-1', 'optimizer'],
      ['train-1', 'train'],
      ['evaluate-1', 'evaluate'],
      ['quantize-1', 'quantize'],
      ['deploy-1', 'deploy', { slug: 'retail-pd-nn' }],
    ],
    [
      ['dataset-1.table', 'split-1.table'],
      ['split-1.train', 'standardize-1.table'],
      ['standardize-1.table', 'encode-1.table'],
      ['encode-1.features', 'dense-1.input'],
      ['dense-1.output', 'act-1.input'],
      ['act-1.output', 'dense-2.input'],
      ['dense-2.output', 'loss-1.logits'],
      ['encode-1.labels', 'loss-1.labels'],
      ['loss-1.loss', 'optimizer-1.loss'],
      ['optimizer-1.model', 'train-1.model'],
      ['train-1.model', 'evaluate-1.model'],
      ['split-1.test', 'evaluate-1.table'],
      ['train-1.model', 'quantize-1.model'],
      ['split-1.train', 'quantize-1.calibration'],
      ['quantize-1.model', 'deploy-1.model'],
      ['evaluate-1.metrics', 'deploy-1.metrics'],
    ],
  );
}
