import type { GraphIR } from '@studio/ir';
import { graphOf, type NodeDef } from './graph-of';
import { withNetworkGroup } from './network-group';

/** A ready graph the Studio offers for a new project, built on a chosen dataset and target column. */
export interface GraphTemplate {
  id: string;
  name: string;
  description: string;
  /** `exclude`: columns the Dataset node leaves out (ID-like and leaking ones, from the data warnings). */
  build(datasetId: string, target: string, exclude?: readonly string[]): GraphIR;
}

const scorecardNodes = (prefix: string): NodeDef[] => [
  [`${prefix}woe`, 'woe-binning', { maxBins: 6 }],
  [`${prefix}select`, 'feature-selection'],
  [`${prefix}lr`, 'logistic-regression', { signConstraints: 'non-positive' }],
];

const networkNodes = (prefix: string): NodeDef[] => [
  [`${prefix}impute`, 'impute'],
  [`${prefix}onehot`, 'one-hot'],
  [`${prefix}scale`, 'standardize'],
  [`${prefix}encode`, 'encode'],
  [`${prefix}dense1`, 'dense', { units: 32 }],
  [`${prefix}relu1`, 'activation'],
  [`${prefix}dense2`, 'dense', { units: 16 }],
  [`${prefix}relu2`, 'activation'],
  [`${prefix}out`, 'dense', { units: 1 }],
  [`${prefix}loss`, 'loss'],
  [`${prefix}adam`, 'optimizer', { algorithm: 'adam', lr: 0.002 }],
  [`${prefix}train`, 'train', { epochs: 20, batchSize: 256, earlyStoppingPatience: 4 }],
];

const networkWires = (p: string, from: string): [string, string][] => [
  [from, `${p}impute.table`],
  [`${p}impute.table`, `${p}onehot.table`],
  [`${p}onehot.table`, `${p}scale.table`],
  [`${p}scale.table`, `${p}encode.table`],
  [`${p}encode.features`, `${p}dense1.input`],
  [`${p}dense1.output`, `${p}relu1.input`],
  [`${p}relu1.output`, `${p}dense2.input`],
  [`${p}dense2.output`, `${p}relu2.input`],
  [`${p}relu2.output`, `${p}out.input`],
  [`${p}out.output`, `${p}loss.logits`],
  [`${p}encode.labels`, `${p}loss.labels`],
  [`${p}loss.loss`, `${p}adam.loss`],
  [`${p}adam.model`, `${p}train.model`],
];

const head = (datasetId: string, target: string, exclude: readonly string[]): NodeDef[] => [
  ['dataset', 'dataset', { datasetId, target, exclude: [...exclude] }],
  ['split', 'split', { testFraction: 0.3, method: 'stratified', seed: 42 }],
];

/** Places nodes left to right per row, so a template opens readable on the canvas. */
function laidOut(graph: GraphIR, rows: Record<string, number>): GraphIR {
  const column = new Map<number, number>();
  return {
    ...graph,
    nodes: graph.nodes.map((n) => {
      const row = rows[n.id] ?? 0;
      const x = column.get(row) ?? (row === 0 ? 0 : 2);
      column.set(row, x + 1);
      return { ...n, position: { x: 220 * x, y: 160 * row } };
    }),
  };
}

const woeScorecard: GraphTemplate = {
  id: 'woe-scorecard',
  name: 'WOE logistic scorecard',
  description:
    'The classic retail PD scorecard: WOE binning with monotonic bins, selection by information value, a sign-constrained logistic regression, evaluation on held-out rows and a points scorecard (600 at 50:1, 20 PDO).',
  build: (datasetId, target, exclude = []) =>
    graphOf(
      'WOE logistic scorecard',
      [
        ...head(datasetId, target, exclude),
        ...scorecardNodes(''),
        ['evaluate', 'evaluate'],
        ['scorecard', 'scorecard'],
      ],
      [
        ['dataset.table', 'split.table'],
        ['split.train', 'woe.table'],
        ['woe.table', 'select.table'],
        ['select.table', 'lr.table'],
        ['lr.model', 'evaluate.model'],
        ['split.test', 'evaluate.table'],
        ['lr.model', 'scorecard.model'],
      ],
    ),
};

const network: GraphTemplate = {
  id: 'neural-network-pd',
  name: 'Neural network for PD',
  description:
    'A small multilayer perceptron (32 and 16 ReLU units) on imputed, one-hot encoded and standardised columns, trained with Adam and early stopping, evaluated on held-out rows, and quantized to INT8 with an AUC guard.',
  build: (datasetId, target, exclude = []) =>
    withNetworkGroup(
      graphOf(
        'Neural network for PD',
        [
          ...head(datasetId, target, exclude),
          ...networkNodes(''),
          ['evaluate', 'evaluate'],
          ['quantize', 'quantize'],
        ],
        [
          ['dataset.table', 'split.table'],
          ...networkWires('', 'split.train'),
          ['train.model', 'evaluate.model'],
          ['split.test', 'evaluate.table'],
          ['train.model', 'quantize.model'],
          ['split.train', 'quantize.calibration'],
        ],
      ),
      '',
    ),
};

const championChallenger: GraphTemplate = {
  id: 'champion-challenger',
  name: 'Champion vs challenger',
  description:
    'Three models on the same split: the WOE scorecard (champion), a neural network and gradient-boosted trees (challengers), each with its own Evaluate node, so the run shows their evaluations side by side.',
  build: (datasetId, target, exclude = []) => {
    const graph = graphOf(
      'Champion vs challenger',
      [
        ...head(datasetId, target, exclude),
        ...scorecardNodes('champion-'),
        ['champion-evaluate', 'evaluate'],
        ['champion-scorecard', 'scorecard'],
        ...networkNodes('challenger-'),
        ['challenger-evaluate', 'evaluate'],
        [
          'gbm-gbm',
          'gradient-boosting',
          {
            trees: 300,
            learningRate: 0.05,
            maxLeaves: 15,
            earlyStopping: 'logloss',
            patience: 30,
            validationFraction: 0.2,
          },
        ],
        ['gbm-evaluate', 'evaluate'],
      ],
      [
        ['dataset.table', 'split.table'],
        ['split.train', 'champion-woe.table'],
        ['champion-woe.table', 'champion-select.table'],
        ['champion-select.table', 'champion-lr.table'],
        ['champion-lr.model', 'champion-evaluate.model'],
        ['split.test', 'champion-evaluate.table'],
        ['champion-lr.model', 'champion-scorecard.model'],
        ...networkWires('challenger-', 'split.train'),
        ['challenger-train.model', 'challenger-evaluate.model'],
        ['split.test', 'challenger-evaluate.table'],
        ['split.train', 'gbm-gbm.table'],
        ['gbm-gbm.model', 'gbm-evaluate.model'],
        ['split.test', 'gbm-evaluate.table'],
      ],
    );
    const labels: Record<string, string> = {
      'champion-lr': 'Champion',
      'challenger-train': 'Challenger',
      'gbm-gbm': 'GBM challenger',
    };
    const row = (id: string) => (id.startsWith('challenger-') ? 1 : id.startsWith('gbm-') ? 2 : 0);
    const rows = Object.fromEntries(graph.nodes.map((n) => [n.id, row(n.id)]));
    const laid = laidOut(graph, rows);
    const labelled = {
      ...laid,
      nodes: laid.nodes.map((n) => (labels[n.id] ? { ...n, label: labels[n.id] } : n)),
    };
    return withNetworkGroup(labelled, 'challenger-', 'Challenger network');
  },
};

/** The templates offered by `GET /api/templates`, in menu order. */
export const graphTemplates: readonly GraphTemplate[] = [woeScorecard, network, championChallenger];

/** The template with this id, if any. */
export function findTemplate(id: string): GraphTemplate | undefined {
  return graphTemplates.find((t) => t.id === id);
}
