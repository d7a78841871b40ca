import type { FeatureImportance } from '@studio/api';
import type { Model } from '@studio/engine';
import type { GbmStep } from '../plan/plan-types';
import type { TrainedGbm } from './train-gbm';
import type { Trained } from './train-model';

/** A branch's trained model as the run uses it, whatever the engine family behind it. */
export interface BranchModel {
  /** Probability of default per row. */
  predict(X: Float32Array, rows: number): Promise<ArrayLike<number>>;
  save(): Uint8Array;
  dispose(): void;
  /** The run-log line that says how training went. */
  summary: string;
  device: string;
  /** The engine model of logistic and network branches (INT8 quantization reads it). */
  native: Model | null;
  /** Boosted trees only: gain, split counts and mean |SHAP| on the given rows, largest gain first. */
  importance?(
    X: Float32Array,
    rows: number,
    features: readonly string[],
    sources: readonly string[],
  ): Promise<FeatureImportance[]>;
}

/** A logistic or network model trained by the engine. */
export function nativeBranchModel(trained: Trained): BranchModel {
  const r = trained.result;
  return {
    predict: (X, rows) => trained.model.predict(X, rows),
    save: () => trained.model.save(),
    dispose: () => trained.model.dispose(),
    summary: `trained on ${r.device} in ${r.seconds.toFixed(2)} s: ${r.epochs} epochs, loss ${r.loss.toFixed(4)}${r.stoppedEarly ? `, stopped early (best epoch ${r.bestEpoch})` : ''}`,
    device: r.device,
    native: trained.model,
  };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** A boosted-tree model: probabilities are the sigmoid of the summed trees. */
export function gbmBranchModel(step: GbmStep, trained: TrainedGbm): BranchModel {
  const { model } = trained;
  // The kept model's own point: under early stopping the history runs `patience` trees past it.
  const last = model.history.filter((h) => h.trees <= model.trees).at(-1);
  const valid =
    last?.validAuc !== undefined
      ? `, validation AUC ${last.validAuc.toFixed(4)} at ${last.trees} trees on ${trained.validRows} held-out rows`
      : '';
  return {
    predict: async (X, rows) => (await model.predictRaw(X, rows)).map(sigmoid),
    save: () => model.save(),
    dispose: () => model.dispose(),
    summary:
      `trained ${trained.trees} of up to ${step.trees} trees on cpu in ${trained.seconds.toFixed(2)} s` +
      `${last ? `, train loss ${last.trainLoss.toFixed(4)}` : ''}${valid}` +
      `${trained.stoppedEarly ? `, stopped early (best iteration ${model.bestIteration})` : ''}`,
    device: 'cpu',
    native: null,
    async importance(X, rows, features, sources) {
      const { gain, splits } = model.importance();
      const shap = await model.shap(X, rows);
      const cols = features.length;
      const meanAbs = new Float64Array(cols);
      for (let i = 0; i < rows; i++)
        for (let j = 0; j < cols; j++) meanAbs[j]! += Math.abs(shap[i * (cols + 1) + j]!);
      return features
        .map((feature, j) => ({
          feature,
          source: sources[j]!,
          gain: gain[j]!,
          splits: splits[j]!,
          meanAbsShap: rows > 0 ? meanAbs[j]! / rows : 0,
        }))
        .sort((a, b) => b.gain - a.gain || b.meanAbsShap - a.meanAbsShap);
    },
  };
}
