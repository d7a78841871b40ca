import { stratifiedSplit } from '@studio/data';
import { TrainingCancelledError, trainGbm, type GbmModel, type GbmOptions } from '@studio/engine';
import { UserError } from '@studio/ir';
import type { GbmStep } from '../plan/plan-types';
import { rowsOf, type TrainHooks, type TrainingData } from './train-model';

/** A trained boosted-tree model and what its training did. */
export interface TrainedGbm {
  model: GbmModel;
  seconds: number;
  /** Trees kept (the best iteration when early stopping ran). */
  trees: number;
  stoppedEarly: boolean;
  validRows: number;
}

/**
 * Monotone constraint per feature from the node's source-column lists: +1 where risk may only rise with the
 * column, -1 where it may only fall. A constrained column must reach the model as one numeric feature.
 */
export function monotoneOf(
  step: GbmStep,
  features: readonly string[],
  sources: readonly string[],
): Int8Array {
  const out = new Int8Array(features.length);
  for (const [list, sign, param] of [
    [step.monotoneIncreasing, 1, 'monotoneIncreasing'],
    [step.monotoneDecreasing, -1, 'monotoneDecreasing'],
  ] as const) {
    for (const column of list) {
      const j = features.indexOf(column);
      if (j < 0) {
        const encoded = sources.includes(column);
        throw new UserError(
          'GBM_MONOTONE_COLUMN',
          encoded
            ? `"${column}" is a text column, one-hot encoded for the model; a monotone constraint needs a numeric column. Remove it from ${param}.`
            : `"${column}" in ${param} is not a model input (it is not in the table or was left out before the model); remove it or pick another column.`,
          { nodeId: step.nodeId, param, column },
        );
      }
      out[j] = sign;
    }
  }
  return out;
}

function classWeights(y: Uint8Array): [number, number] {
  let bads = 0;
  for (const v of y) bads += v;
  return [y.length / (2 * (y.length - bads)), y.length / (2 * bads)];
}

/** The engine options of a node, with the monotone constraints already resolved per feature. */
export function gbmOptions(step: GbmStep, y: Uint8Array, monotone: Int8Array): GbmOptions {
  return {
    trees: step.trees,
    maxLeaves: step.maxLeaves,
    maxDepth: step.maxDepth,
    minSamplesLeaf: step.minSamplesLeaf,
    minHessianLeaf: step.minHessianLeaf,
    learningRate: step.learningRate,
    l1: step.l1,
    l2: step.l2,
    rowSubsample: step.rowSubsample,
    colSubsample: step.colSubsample,
    maxBins: step.maxBins,
    seed: step.seed,
    monotone,
    progressEvery: Math.max(1, Math.round(step.trees / 50)),
    ...(step.classWeight === 'balanced' ? { classWeights: classWeights(y) } : {}),
    ...(step.earlyStopping !== 'none'
      ? { earlyStopping: { metric: step.earlyStopping, patience: step.patience } }
      : {}),
  };
}

/**
 * Trains the node's boosted trees on `data`; with early stopping, a stratified `validationFraction` of the rows
 * (seeded by the node) is held out to watch. Progress reaches `hooks` as engine records, trees counted as epochs.
 */
export async function trainGbmBranch(
  step: GbmStep,
  data: TrainingData,
  monotone: Int8Array,
  hooks: TrainHooks,
): Promise<TrainedGbm> {
  if (hooks.signal?.aborted) throw new TrainingCancelledError('the run was cancelled');
  let fit = data;
  let valid: TrainingData | undefined;
  if (step.earlyStopping !== 'none') {
    const parts = stratifiedSplit(data.y, {
      testFraction: step.validationFraction,
      seed: step.seed,
      minRows: 1,
    });
    fit = rowsOf(data, parts.train);
    valid = rowsOf(data, parts.test);
  }
  const start = performance.now();
  const model = await trainGbm({
    x: fit.X,
    rows: fit.rows,
    cols: fit.inputs,
    y: Float32Array.from(fit.y),
    ...(valid ? { valid: { x: valid.X, rows: valid.rows, y: Float32Array.from(valid.y) } } : {}),
    options: gbmOptions(step, fit.y, monotone),
    onProgress: (p) =>
      hooks.onProgress(
        {
          epoch: p.trees,
          step: p.trees,
          loss: p.trainLoss,
          rowsPerSec: p.rowsPerSec,
          ...(p.validLoss !== undefined ? { valLoss: p.validLoss } : {}),
          ...(p.validAuc !== undefined ? { valAuc: p.validAuc } : {}),
        },
        step.trees,
      ),
    ...(hooks.signal ? { signal: hooks.signal } : {}),
  });
  return {
    model,
    seconds: (performance.now() - start) / 1000,
    trees: model.trees,
    stoppedEarly: valid !== undefined && model.trees < step.trees,
    validRows: valid?.rows ?? 0,
  };
}
