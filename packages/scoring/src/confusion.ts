import { assertLabelsAndScores } from './inputs';

/** Counts and rates of a classification at one cutoff; "positive" means predicted bad. */
export interface ConfusionMatrix {
  cutoff: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  accuracy: number;
  precision: number;
  recall: number;
  specificity: number;
  f1: number;
}

/** Confusion matrix when rows with probability ≥ `cutoff` are predicted bad. Undefined rates are NaN. */
export function confusionMatrix(
  y: ArrayLike<number>,
  prob: ArrayLike<number>,
  cutoff: number,
): ConfusionMatrix {
  assertLabelsAndScores(y, prob, false);
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < y.length; i++) {
    const predBad = prob[i]! >= cutoff;
    if (y[i] === 1) {
      if (predBad) tp++;
      else fn++;
    } else if (predBad) fp++;
    else tn++;
  }
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  return {
    cutoff,
    tp,
    fp,
    tn,
    fn,
    accuracy: (tp + tn) / y.length,
    precision,
    recall,
    specificity: tn / (tn + fp),
    f1: (2 * precision * recall) / (precision + recall),
  };
}
