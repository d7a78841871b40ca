/** Generates a PyTorch script that rebuilds a trained Studio model (preprocessing and network) and trains it on. */
import { readFileSync } from 'node:fs';
import { resolveExport, type ExportInput } from '@studio/onnx';
import { scorerParams } from '../scorer-params';

const TEMPLATE = new URL('./training-script.py', import.meta.url);

/** How the run cut its rows: the script cuts the CSV the same way, so its held-out rows are the Studio's. */
export interface ScriptSplit {
  /** The target column (null: the script asks for --target). */
  target: string | null;
  method: 'random' | 'stratified' | 'time' | 'out-of-time';
  testFraction: number;
  seed: number;
  timeColumn: string;
  cutoff: string;
}

/** The run's training settings the script starts from (each can be overridden on its command line). */
export type ScriptTraining =
  | { kind: 'logistic'; l1: number; l2: number; epochs: number; patience: number }
  | {
      kind: 'mlp';
      optimizer: 'sgd' | 'adam' | 'adamw';
      lr: number;
      momentum: number;
      weightDecay: number;
      epochs: number;
      batchSize: number;
      patience: number;
      l1: number;
      l2: number;
      positiveWeight: number;
    };

/** What the script knows about the run beyond the model: its split and training settings. */
export interface PyTorchRunFacts {
  split?: ScriptSplit;
  training?: ScriptTraining;
}

const DEFAULT_SPLIT: ScriptSplit = {
  target: null,
  method: 'stratified',
  testFraction: 0.2,
  seed: 42,
  timeColumn: '',
  cutoff: '',
};

/** A JSON document as a Python string literal (JSON string escapes are all valid Python escapes). */
function pythonJson(value: unknown): string {
  return JSON.stringify(JSON.stringify(value));
}

/**
 * Source of a Python 3 script (torch only) that scores with the Studio's weights, trains on a CSV from them or
 * from scratch with the run's split and early stopping, prints held-out AUC and KS, and scores with its own weights.
 */
export function generatePyTorch(input: ExportInput, run: PyTorchRunFacts = {}): string {
  const r = resolveExport(input);
  const { transforms: _transforms, features: _features, ...network } = scorerParams(r);
  const layers = network.layers.map((l, i) => ({ ...l, dropout: r.model.layers[i]!.dropout }));
  const training: ScriptTraining =
    run.training ??
    (layers.length === 0
      ? { kind: 'logistic', l1: 0, l2: 0, epochs: 20, patience: 3 }
      : {
          kind: 'mlp',
          optimizer: 'adam',
          lr: 1e-3,
          momentum: 0.9,
          weightDecay: 0,
          epochs: 50,
          batchSize: 64,
          patience: 5,
          l1: 0,
          l2: 0,
          positiveWeight: 1,
        });
  const values: Record<string, unknown> = {
    __COLUMNS__: r.columns,
    __TRANSFORMS__: r.transforms,
    __FEATURES__: r.features,
    __NETWORK__: { ...network, layers },
    __SPLIT__: run.split ?? DEFAULT_SPLIT,
    __TRAINING__: training,
  };
  return readFileSync(TEMPLATE, 'utf8').replace(
    /__(COLUMNS|TRANSFORMS|FEATURES|NETWORK|SPLIT|TRAINING)__/g,
    (k) => pythonJson(values[k]),
  );
}
