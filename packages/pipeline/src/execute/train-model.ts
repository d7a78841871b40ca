import {
  createModel,
  TrainingCancelledError,
  type Model,
  type ModelSpec,
  type TrainOptions,
  type TrainProgress,
  type TrainResult,
} from '@studio/engine';
import { stratifiedSplit } from '@studio/data';
import type { LogisticStep, NetworkStep } from '../plan/plan-types';
import { resolveLogisticSolver } from '@studio/ir';

/** The rows a model is trained on: features row-major, outcomes 0/1. */
export interface TrainingData {
  X: Float32Array;
  y: Uint8Array;
  rows: number;
  inputs: number;
}

/** Hooks of one training: live progress (as engine records) and cancellation. */
export interface TrainHooks {
  onProgress(p: TrainProgress, total: number): void;
  signal?: AbortSignal;
}

/** A trained model and the engine's summary of the training. */
export interface Trained {
  model: Model;
  result: TrainResult;
}

function classWeight(y: Uint8Array, mode: LogisticStep['classWeight']) {
  if (mode !== 'balanced') return undefined;
  let bads = 0;
  for (const v of y) bads += v;
  return { negative: y.length / (2 * (y.length - bads)), positive: y.length / (2 * bads) };
}

const SIGN = { none: 0, 'non-negative': 1, 'non-positive': -1 } as const;

/**
 * The logistic spec of a node. Its L2 is scikit-learn's 1/C: the penalty l2/2·|w|² is added to the summed
 * log-loss, which is the engine's mean log-loss objective with l2/n; so l2 = 1 fits what LogisticRegression(C=1) fits.
 * L1 is scaled the same way: l1 = 1 fits LogisticRegression(penalty='l1', C=1).
 */
function logisticSpec(step: LogisticStep, data: TrainingData): ModelSpec {
  const weight = classWeight(data.y, step.classWeight);
  return {
    kind: 'logistic',
    inputs: data.inputs,
    l2: step.l2 / data.rows,
    ...(step.l1 > 0 ? { l1: step.l1 / data.rows } : {}),
    ...(weight ? { classWeight: weight } : {}),
    ...(step.signConstraints === 'none'
      ? {}
      : { signConstraints: Array.from({ length: data.inputs }, () => SIGN[step.signConstraints]) }),
  };
}

/** The rows of `data` at `index`, in that order. */
export function rowsOf(data: TrainingData, index: Int32Array): TrainingData {
  const X = new Float32Array(index.length * data.inputs);
  const y = new Uint8Array(index.length);
  index.forEach((r, i) => {
    X.set(data.X.subarray(r * data.inputs, (r + 1) * data.inputs), i * data.inputs);
    y[i] = data.y[r]!;
  });
  return { X, y, rows: index.length, inputs: data.inputs };
}

/** Trains the branch's model on `data`; networks with early stopping hold out a stratified 10% of it to watch. */
export async function trainModel(
  step: LogisticStep | NetworkStep,
  data: TrainingData,
  seed: number,
  hooks: TrainHooks,
): Promise<Trained> {
  if (hooks.signal?.aborted) throw new TrainingCancelledError('the run was cancelled');
  let spec: ModelSpec;
  let fit = data;
  let options: TrainOptions;
  if (step.kind === 'logistic') {
    spec = logisticSpec(step, data);
    // 'auto' fits by Newton/IRLS without l1 (the same optimum as L-BFGS, in fewer and, at scorecard widths,
    // faster passes) and by L-BFGS (OWL-QN) with it; 'newton' and 'lbfgs' are what they say.
    options = {
      optimizer: resolveLogisticSolver(step.solver, step.l1).optimizer,
      epochs: step.maxIter,
    };
  } else {
    const { train, loss, optimizer } = step;
    spec = {
      kind: 'mlp',
      inputs: data.inputs,
      layers: step.layers,
      l1: loss.l1,
      l2: loss.l2,
      ...(loss.positiveWeight !== 1 ? { classWeight: { negative: 1, positive: loss.positiveWeight } } : {}),
    };
    options = {
      optimizer: optimizer.algorithm,
      lr: optimizer.lr,
      epochs: train.epochs,
      batchSize: train.batchSize,
      seed: train.seed,
      ...(optimizer.algorithm === 'sgd' ? { momentum: optimizer.momentum } : {}),
      ...(optimizer.weightDecay > 0 ? { weightDecay: optimizer.weightDecay } : {}),
      progressEvery: Math.max(1, Math.ceil(data.rows / train.batchSize / 4)),
    };
    if (train.patience > 0) {
      const parts = stratifiedSplit(data.y, { testFraction: 0.1, seed, minRows: 1 });
      fit = rowsOf(data, parts.train);
      const held = rowsOf(data, parts.test);
      options.validation = { X: held.X, y: held.y, rows: held.rows };
      options.earlyStopping = { patience: train.patience, monitor: 'valLoss' };
    }
  }
  const total = options.epochs ?? 1;
  const model = createModel(spec);
  try {
    const result = await model.train(fit.X, fit.y, fit.rows, {
      ...options,
      ...(hooks.signal ? { signal: hooks.signal } : {}),
      onProgress: (p) => hooks.onProgress(p, total),
    });
    return { model, result };
  } catch (e) {
    model.dispose();
    throw e;
  }
}
